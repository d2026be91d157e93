// The job page: refreshes the progress figures every second while the job runs, and reloads the page
// once it has finished (to show the result). Without this file the page has a Refresh link.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const section = document.querySelector("[data-job-progress]");
  if (!section) return;
  const url = section.dataset.jobProgress;
  const show = (value) => (value === null || value === "" ? "–" : String(value));
  const poll = async () => {
    try {
      const response = await fetch(url, { headers: { accept: "application/json" } });
      if (response.ok) {
        const job = await response.json();
        for (const field of section.querySelectorAll("[data-job-field]")) {
          field.textContent = show(job[field.dataset.jobField]);
        }
        if (job.finished) {
          window.location.reload();
          return;
        }
      }
    } catch (error) {
      // the server restarting: try again at the next tick
    }
    window.setTimeout(poll, 1000);
  };
  window.setTimeout(poll, 1000);
});
