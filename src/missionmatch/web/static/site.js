// Progressive enhancement only: every page works without this file.
"use strict";

// Directory: filter the cards while typing; the search button still submits to the server.
document.addEventListener("DOMContentLoaded", () => {
  for (const input of document.querySelectorAll("input[data-live-filter]")) {
    const list = document.querySelector(input.dataset.liveFilter);
    if (!list) continue;
    input.addEventListener("input", () => {
      const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      for (const item of list.children) {
        const text = item.dataset.text || "";
        item.hidden = !words.every((word) => text.includes(word));
      }
    });
  }
});
