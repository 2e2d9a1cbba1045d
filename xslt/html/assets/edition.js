/* The HTML edition's script. Everything it adds is optional: the pages work without it.
   - the reading/diplomatic choice is remembered across pages (localStorage);
   - search runs over search-index.js, built with the site, loaded on first use, offline;
   - "cite" opens the full citation of a turn, ready to copy.
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

  /* ------------------------------------------------------------------ search */
  var index = null;

  function loadIndex(done) {
    if (index) { done(); return; }
    var script = document.createElement("script");
    script.src = "search-index.js";
    script.onload = function () { index = window.EDITION_SEARCH || []; done(); };
    script.onerror = function () { index = []; done(); };
    document.head.appendChild(script);
  }

  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function search(query) {
    var words = fold(query).split(/\s+/).filter(function (w) { return w.length > 0; });
    if (!words.length) { return []; }
    var hits = [];
    for (var i = 0; i < index.length && hits.length < 50; i++) {
      var text = fold(index[i][3] + " " + index[i][2]);
      if (words.every(function (w) { return text.indexOf(w) >= 0; })) { hits.push(index[i]); }
    }
    return hits;
  }

  function snippet(text, query) {
    var at = fold(text).indexOf(fold(query.split(/\s+/)[0] || ""));
    var start = Math.max(0, at - 60);
    var piece = text.slice(start, start + 180);
    var span = document.createElement("span");
    var pos = fold(piece).indexOf(fold(query.split(/\s+/)[0] || ""));
    if (pos < 0 || !query.trim()) { span.textContent = piece; return span; }
    var mark = document.createElement("mark");
    var len = (query.split(/\s+/)[0] || "").length;
    span.appendChild(document.createTextNode((start > 0 ? "…" : "") + piece.slice(0, pos)));
    mark.textContent = piece.slice(pos, pos + len);
    span.appendChild(mark);
    span.appendChild(document.createTextNode(piece.slice(pos + len) + "…"));
    return span;
  }

  function showResults(query) {
    var box = document.getElementById("search-results");
    box.textContent = "";
    if (!query.trim()) { return; }
    var hits = search(query);
    var summary = document.createElement("p");
    summary.textContent = hits.length ? hits.length + (hits.length === 50 ? "+" : "") + " found" : "Nothing found";
    box.appendChild(summary);
    if (!hits.length) { return; }
    var list = document.createElement("ol");
    hits.forEach(function (hit) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = hit[0] + "#" + hit[1];
      link.textContent = hit[2] || "¶";
      item.appendChild(link);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(snippet(hit[3], query));
      list.appendChild(item);
    });
    box.appendChild(list);
  }

  function initSearch() {
    var form = document.querySelector("form.search");
    if (!form) { return; }
    form.hidden = false;
    var input = document.getElementById("search-q");
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { loadIndex(function () { showResults(input.value); }); }, 120);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      loadIndex(function () { showResults(input.value); });
    });
  }

  /* ------------------------------------------------------------------ citations */
  function citation(anchor, speaker) {
    var body = document.body.dataset;
    var page = document.title.split(" — ")[0];
    var where = (body.site || "") ? body.site.replace(/\/?$/, "/") + body.page : body.page;
    var parts = [];
    if (speaker) { parts.push(speaker.replace(/[:.]\s*$/, "")); }
    parts.push("in " + body.title + ", " + page);
    if (body.editor) { parts.push("ed. " + body.editor); }
    if (body.date) { parts.push(body.date); }
    return parts.join(", ") + ". " + where + "#" + anchor;
  }

  function initCite() {
    var dialog = document.createElement("div");
    dialog.id = "cite-dialog";
    dialog.setAttribute("popover", "auto");
    dialog.setAttribute("role", "dialog");
    dialog.setAttribute("aria-label", "Citation");
    dialog.className = "note-pop";
    var text = document.createElement("p");
    var copy = document.createElement("button");
    copy.type = "button";
    copy.textContent = "Copy";
    copy.addEventListener("click", function () {
      if (navigator.clipboard) { navigator.clipboard.writeText(text.textContent).catch(function () {}); }
    });
    dialog.appendChild(text);
    dialog.appendChild(copy);
    document.body.appendChild(dialog);
    document.querySelectorAll("a.turn-cite").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var anchor = link.getAttribute("href").slice(1);
        text.textContent = citation(anchor, link.dataset.speaker || "");
        history.replaceState(null, "", "#" + anchor);
        if (dialog.showPopover) { dialog.showPopover(); }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    initView();
    initSearch();
    initCite();
  });
})();
