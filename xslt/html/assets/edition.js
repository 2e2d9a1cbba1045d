/* The HTML edition's script. Everything it adds is optional: the pages work without it.
   - the reading/diplomatic choice is remembered across pages (localStorage).
   Search is search.js, citations cite.js.
   It builds every node with createElement/textContent: nothing from the data becomes markup. */
(function () {
  "use strict";
  var KEY = "edition-view";

  function setView(view) {
    var input = document.getElementById("view-" + view);
    if (input) { input.checked = true; }
    document.body.setAttribute("data-view", view);
  }

  function initView() {
    var saved = null;
    try { saved = window.localStorage.getItem(KEY); } catch (e) { saved = null; }
    if (saved === "reading" || saved === "diplomatic") { setView(saved); }
    document.querySelectorAll("input[name=view]").forEach(function (input) {
      input.addEventListener("change", function () {
        try { window.localStorage.setItem(KEY, input.value); } catch (e) { /* private mode */ }
        setView(input.value);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    initView();
  });
})();
