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
  // On a phone the charts of each direction fold into a <details> (the page was 27,000 px tall).
  if (window.matchMedia("(max-width: 767.98px)").matches) {
    document.querySelectorAll("[data-fold-on-phone]").forEach((row) => {
      const details = document.createElement("details");
      details.className = "mb-2";
      const summary = document.createElement("summary");
      summary.className = "small";
      summary.textContent = row.dataset.foldOnPhone;
      row.replaceWith(details);
      details.append(summary, row);
    });
  }
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
