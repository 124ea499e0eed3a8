// Social Guard's pages: the little that needs a script. Everything works without it.
// After a form comes back with errors, or a report is recorded, move the keyboard focus there so
// that keyboard and screen-reader users land on what changed.
(function () {
  "use strict";
  var target = document.getElementById("error-summary") || document.getElementById("recorded");
  if (target) {
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus();
  }
})();
