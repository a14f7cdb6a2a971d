/* The summary's bar chart: vacant posts by position, this campaign against the previous one. */
(function () {
  "use strict";
  var canvas = document.getElementById("positions-chart");
  var source = document.getElementById("positions-data");
  if (!canvas || !source || typeof Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var datasets = [{ label: data.current_label, data: data.current, backgroundColor: "rgba(13, 110, 253, 0.75)" }];
  if (data.previous) {
    datasets.push({ label: data.previous_label, data: data.previous, backgroundColor: "rgba(108, 117, 125, 0.55)" });
  }
  new Chart(canvas, {
    type: "bar",
    data: { labels: data.labels, datasets: datasets },
    options: {
      indexAxis: "y",
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { position: "bottom" } },
      scales: { x: { beginAtZero: true, title: { display: true, text: data.axis_label } } }
    }
  });
})();
