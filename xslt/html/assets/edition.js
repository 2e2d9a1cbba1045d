/* The HTML edition's script. Everything it adds is optional: the pages work without it.
   - the reading/diplomatic choice is remembered across pages (localStorage);
   - a link to a register entry on the people index (people.html#id, as links were before each
     entry had its own page) is followed to the entry's page, which the index line names.
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

  /* the index line an old link points at names the entry's page (data-page): go there */
  function followMovedEntry() {
    var id = "";
    try { id = decodeURIComponent(window.location.hash.slice(1)); } catch (e) { return; }
    var line = id ? document.getElementById(id) : null;
    var page = line && line.getAttribute("data-page");
    if (page && /^[\w-]+\.html#/.test(page)) { window.location.replace(page); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    initView();
    followMovedEntry();
  });
  window.addEventListener("hashchange", followMovedEntry);
})();
