/* Search over search-index.js (xslt/html/search.xsl), offline and from file:// as well.
   - every word of the query must occur (accents and case folded); every occurrence of every
     word is marked in the hit's excerpt;
   - a hit names its session, date and speaker; the search page filters by speaker and session;
   - search.html?q=…&speaker=…&session=… runs the query on load, and the address follows the
     form, so a search can be shared as a link;
   - the header's box shows the first hits and links to the search page for all of them.
   The page's words come from its data attributes. Every node is built with createElement and
   textContent: nothing from the index becomes markup. */
(function () {
  "use strict";
  var HEADER_HITS = 10, PAGE_HITS = 200, EXCERPT = 220;
  var index = null, folded = null;

  function loadIndex(done) {
    if (index) { done(); return; }
    var script = document.createElement("script");
    script.src = "search-index.js";
    script.onload = function () {
      index = window.EDITION_SEARCH || { pages: [], speakers: [], entries: [] };
      folded = index.entries.map(function (e) {
        var speaker = e[2] >= 0 ? index.speakers[e[2]][1] : "";
        return fold(e[3] + " " + speaker);
      });
      done();
    };
    script.onerror = function () { index = { pages: [], speakers: [], entries: [] }; folded = []; done(); };
    document.head.appendChild(script);
  }

  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function terms(query) {
    return fold(query).replace(/["“”«»]/g, " ").split(/\s+/).filter(function (w) { return w.length > 0; });
  }

  /* Hits as indexes into the entries, with the filters {speaker: key, session: file} applied. */
  function search(query, filters) {
    var words = terms(query);
    if (!words.length) { return []; }
    var speaker = -1, session = -1, hits = [];
    if (filters && filters.speaker) {
      speaker = index.speakers.findIndex(function (s) { return s[0] === filters.speaker; });
      if (speaker < 0) { return []; }
    }
    if (filters && filters.session) {
      session = index.pages.findIndex(function (p) { return p[0].replace(/\.html$/, "") === filters.session; });
      if (session < 0) { return []; }
    }
    for (var i = 0; i < folded.length; i++) {
      var e = index.entries[i];
      if (speaker >= 0 && e[2] !== speaker) { continue; }
      if (session >= 0 && e[0] !== session) { continue; }
      var text = folded[i], all = true;
      for (var w = 0; w < words.length; w++) {
        if (text.indexOf(words[w]) < 0) { all = false; break; }
      }
      if (all) { hits.push(i); }
    }
    return hits;
  }

  /* The excerpt of `text`: a window around the first occurrence of each word (windows that
     overlap are joined), every occurrence of every word inside marked. Folding is done character
     by character, so positions in the folded text are positions in the text as shown. */
  function excerpt(text, words) {
    var chars = Array.from(text), low = "", at = [];
    chars.forEach(function (c, i) { var f = fold(c); for (var k = 0; k < f.length; k++) { at.push(i); } low += f; });
    var marked = new Array(chars.length).fill(false), firsts = [];
    words.forEach(function (w) {
      var p = low.indexOf(w);
      if (p >= 0) { firsts.push(at[p]); }
      for (; p >= 0; p = low.indexOf(w, p + 1)) {
        for (var q = at[p]; q <= at[p + w.length - 1]; q++) { marked[q] = true; }
      }
    });
    if (!firsts.length) { firsts.push(0); }
    firsts.sort(function (x, y) { return x - y; });
    var windows = [], room = Math.max(80, Math.floor(EXCERPT / firsts.length));
    firsts.forEach(function (f) {
      var start = Math.max(0, f - Math.floor(room / 3)), end = Math.min(chars.length, start + room);
      var last = windows[windows.length - 1];
      if (last && start <= last[1]) { last[1] = Math.max(last[1], end); } else { windows.push([start, end]); }
    });
    var span = document.createElement("span");
    span.className = "excerpt";
    windows.forEach(function (w, n) {
      if (w[0] > 0 || n > 0) { span.appendChild(document.createTextNode(n ? " … " : "…")); }
      var run = "", inMark = false;
      function flush() {
        if (!run) { return; }
        if (inMark) { var m = document.createElement("mark"); m.textContent = run; span.appendChild(m); }
        else { span.appendChild(document.createTextNode(run)); }
        run = "";
      }
      for (var i = w[0]; i < w[1]; i++) {
        if (marked[i] !== inMark) { flush(); inMark = marked[i]; }
        run += chars[i];
      }
      flush();
    });
    if (windows[windows.length - 1][1] < chars.length) { span.appendChild(document.createTextNode("…")); }
    return span;
  }

  function hitItem(i, words) {
    var e = index.entries[i], page = index.pages[e[0]] || ["", "", ""];
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.href = page[0] + "#" + e[1];
    link.className = "hit";
    var where = document.createElement("span");
    where.className = "hit-session";
    where.textContent = page[1];
    link.appendChild(where);
    if (page[2]) {
      var time = document.createElement("time");
      time.dateTime = page[2];
      time.textContent = page[2];
      link.appendChild(document.createTextNode(" · "));
      link.appendChild(time);
    }
    if (e[2] >= 0) {
      var who = document.createElement("span");
      who.className = "hit-speaker";
      who.appendChild(excerpt(index.speakers[e[2]][1], words));     /* a speaker found by name is marked too */
      link.appendChild(document.createTextNode(" · "));
      link.appendChild(who);
    }
    item.appendChild(link);
    item.appendChild(document.createElement("br"));
    item.appendChild(excerpt(e[3], words));
    return item;
  }

  function render(box, hits, query, limit, words, more) {
    box.textContent = "";
    if (!query.trim()) { return; }
    var summary = document.createElement("p");
    summary.className = "hit-count";
    summary.textContent = hits.length ? (words.found || "{1}").replace("{1}", hits.length) : (words.none || "");
    box.appendChild(summary);
    if (!hits.length) { return; }
    var list = document.createElement("ol");
    var shown = terms(query);
    hits.slice(0, limit).forEach(function (i) { list.appendChild(hitItem(i, shown)); });
    box.appendChild(list);
    if (more && hits.length > limit) { box.appendChild(more); }
  }

  /* ------------------------------------------------------------------ the header's box */
  function initHeader() {
    var form = document.querySelector("form.search");
    if (!form) { return; }
    form.hidden = false;
    var input = document.getElementById("search-q"), box = document.getElementById("search-results");
    var timer = null;
    function run() {
      loadIndex(function () {
        var hits = search(input.value, null);
        var more = document.createElement("p");
        var link = document.createElement("a");
        link.href = "search.html?q=" + encodeURIComponent(input.value);
        link.textContent = (form.dataset.all || "") + " (" + hits.length + ")";
        more.appendChild(link);
        render(box, hits, input.value, HEADER_HITS, form.dataset, more);
      });
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 120); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { input.value = ""; box.textContent = ""; }
    });
  }

  /* ------------------------------------------------------------------ the search page */
  function option(select, value, label) {
    var o = document.createElement("option");
    o.value = value;
    o.textContent = label;
    select.appendChild(o);
  }

  function initPage() {
    var form = document.getElementById("search-page");
    if (!form) { return; }
    form.hidden = false;
    var q = document.getElementById("sp-q"), speaker = document.getElementById("sp-speaker"),
        session = document.getElementById("sp-session"), box = document.getElementById("search-page-results");
    var params = new URLSearchParams(window.location.search);
    q.value = params.get("q") || "";
    loadIndex(function () {
      index.speakers.slice().sort(function (a, b) { return a[1].localeCompare(b[1]); })
        .forEach(function (s) { option(speaker, s[0], s[1]); });
      var searched = new Set(index.entries.map(function (e) { return e[0]; }));
      index.pages.forEach(function (p, i) {
        if (searched.has(i)) { option(session, p[0].replace(/\.html$/, ""), p[1] + (p[2] ? " (" + p[2] + ")" : "")); }
      });
      speaker.value = params.get("speaker") || "";
      session.value = params.get("session") || "";
      run(false);
    });
    function run(remember) {
      var filters = { speaker: speaker.value, session: session.value };
      render(box, search(q.value, filters), q.value, PAGE_HITS, form.dataset, null);
      if (remember) {
        var next = new URLSearchParams();
        if (q.value) { next.set("q", q.value); }
        if (speaker.value) { next.set("speaker", speaker.value); }
        if (session.value) { next.set("session", session.value); }
        history.replaceState(null, "", "?" + next.toString());
      }
    }
    var timer = null;
    q.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { run(true); }, 150); });
    speaker.addEventListener("change", function () { run(true); });
    session.addEventListener("change", function () { run(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); run(true); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    initHeader();
    initPage();
  });
})();
