// The retention chart: one line per horizon (after 1, 2, 3 years), cohorts on the x axis.
document.addEventListener("DOMContentLoaded", () => {
  const source = document.getElementById("retention-data");
  const canvas = document.getElementById("retention-chart");
  if (!source || !canvas || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  const colors = ["#0d6efd", "#198754", "#fd7e14"];
  new Chart(canvas, {
    type: "line",
    data: {
      labels: data.labels,
      datasets: data.datasets.map((set, index) => ({
        label: set.label,
        data: set.data,
        borderColor: colors[index % colors.length],
        backgroundColor: colors[index % colors.length],
        spanGaps: true,
        tension: 0.2,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      scales: { y: { min: 0, max: 100, title: { display: true, text: data.yTitle } } },
    },
  });
});
