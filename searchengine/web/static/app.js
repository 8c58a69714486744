// Comfort only: every feature works without this file.
(function () {
  "use strict";
  // "/" focuses the search box (unless already typing somewhere).
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" ||
                            target.isContentEditable);
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      var box = document.getElementById("q");
      if (box) {
        event.preventDefault();
        box.focus();
        box.select();
      }
    }
  });
  // On an article page reached from a search, "back" returns to those results.
  document.addEventListener("DOMContentLoaded", function () {
    var back = document.querySelector("[data-back]");
    var from = document.referrer ? new URL(document.referrer) : null;
    if (back && from && from.origin === window.location.origin && from.pathname === "/") {
      back.textContent = "‹ Back to results";
      back.addEventListener("click", function (event) {
        event.preventDefault();
        window.history.back();
      });
    }
  });
})();
