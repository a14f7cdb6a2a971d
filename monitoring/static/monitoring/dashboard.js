// Monitoring dashboard: one line chart per indicator over the years (data from json_script, no inline JS).
document.addEventListener("DOMContentLoaded", () => {
  const source = document.getElementById("monitoring-chart-data");
  if (!source || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  const byCode = Object.fromEntries(data.charts.map((chart) => [chart.code, chart]));
  const draw = (canvas) => {
    const chart = byCode[canvas.dataset.chart];
    if (!chart || canvas.dataset.drawn) return;
    canvas.dataset.drawn = "1";
    const share = chart.unit === "share";
    const values = chart.values.map((value) => (value === null ? null : share ? Math.round(value * 1000) / 10 : value));
    new Chart(canvas, {
      type: "line",
      data: {
        labels: data.years,
        datasets: [{ label: chart.title, data: values, borderColor: "#0d6efd", backgroundColor: "rgba(13,110,253,.15)", fill: true, tension: 0.2, spanGaps: true }],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: (ctx) => `${ctx.parsed.y}${share ? " %" : ""}` } } },
        scales: { y: { beginAtZero: true, ticks: { callback: (value) => `${value}${share ? " %" : ""}` } } },
      },
    });
  };
  // Charts inside a closed <details> are drawn when it opens (a hidden canvas has no size).
  document.querySelectorAll("canvas[data-chart]").forEach((canvas) => {
    const details = canvas.closest("details");
    if (!details || details.open) draw(canvas);
  });
  document.querySelectorAll("details").forEach((details) => {
    details.addEventListener("toggle", () => {
      if (details.open) details.querySelectorAll("canvas[data-chart]").forEach(draw);
    });
  });
});
