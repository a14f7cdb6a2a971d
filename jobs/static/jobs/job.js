// The job page: polls /jobs/<pk>/status every second and updates the progress bar, the message, the error,
// the download and retry buttons; when the job is done and has a result page, goes there.
(function () {
  "use strict";
  var root = document.getElementById("job");
  if (!root) { return; }
  var url = root.dataset.statusUrl;
  var badges = {queued: "text-bg-secondary", running: "text-bg-primary", done: "text-bg-success", failed: "text-bg-danger"};
  var el = function (id) { return document.getElementById(id); };

  function show(id, visible) { el(id).classList.toggle("d-none", !visible); }

  function render(data) {
    var status = el("job-status");
    status.className = "badge " + (badges[data.status] || "text-bg-secondary");
    status.textContent = data.status_display;
    var bar = el("job-bar");
    var finished = data.status === "done" || data.status === "failed";
    bar.style.width = data.progress + "%";
    bar.textContent = data.progress + "%";
    bar.classList.toggle("progress-bar-striped", !finished);
    bar.classList.toggle("progress-bar-animated", !finished);
    bar.classList.toggle("bg-success", data.status === "done");
    bar.classList.toggle("bg-danger", data.status === "failed");
    el("job-progress").setAttribute("aria-valuenow", data.progress);
    el("job-message").textContent = data.message;
    el("job-error").textContent = data.error;
    show("job-error", data.status === "failed");
    show("job-retry", data.status === "failed");
    show("job-wait", !finished);
    if (data.download_url) { el("job-download").href = data.download_url; }
    show("job-download", Boolean(data.download_url));
    if (data.result_url) { el("job-result").href = data.result_url; }
    show("job-result", Boolean(data.result_url));
    return finished;
  }

  function poll() {
    fetch(url, {headers: {"Accept": "application/json"}, credentials: "same-origin", cache: "no-store"})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { window.setTimeout(poll, 5000); return; }
        var finished = render(data);
        if (finished && data.status === "done" && data.result_url && !data.download_url) {
          window.location.assign(data.result_url);
        } else if (!finished) {
          window.setTimeout(poll, 1000);
        }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }

  if (root.dataset.status !== "done" && root.dataset.status !== "failed") { window.setTimeout(poll, 1000); }
})();
