/* A collation in the HTML edition (xslt/html/apparatus.xsl). Optional: without it the base text
   is shown with its variants shaded. With it:
   - a witness switcher: the text as the chosen witness reads it (each app shows that reading);
   - a click (or Enter) on a variant lists every reading with its witnesses and its kind;
   - side by side: the text as a second witness reads it, in a column beside the first, the sites
     where the two differ underlined in both.
   Every node is built with createElement/textContent: nothing from the page becomes markup. */
(function () {
  "use strict";

  function sigla(el) { return (el.getAttribute("data-wit") || "").split(/\s+/).filter(Boolean); }
  function readings(app) {
    return Array.prototype.filter.call(app.children, function (c) { return c.classList.contains("rdg"); });
  }
  function readingFor(app, siglum) {
    var rs = readings(app);
    for (var i = 0; i < rs.length; i++) { if (sigla(rs[i]).indexOf(siglum) >= 0) { return rs[i]; } }
    return null;
  }

  /* the text of `container` as `siglum` reads it */
  function show(container, siglum) {
    container.setAttribute("data-witness", siglum);
    container.setAttribute("data-js", "1");
    container.querySelectorAll(".app").forEach(function (app) {
      var mine = readingFor(app, siglum);
      readings(app).forEach(function (r) { r.classList.toggle("shown", r === mine); });
    });
  }

  /* ---------------------------------------------------------------- the readings of a site */
  var open = null;

  function close() {
    if (open) { open.remove(); open = null; }
  }

  function popover(app) {
    close();
    var box = document.createElement("div");
    box.className = "app-popover";
    box.setAttribute("role", "dialog");
    var section = app.closest("section.collation");
    box.setAttribute("aria-label", section ? section.getAttribute("data-readings") : "");
    var list = document.createElement("ul");
    readings(app).forEach(function (r) {
      var li = document.createElement("li");
      var who = document.createElement("b");
      who.textContent = sigla(r).join(", ");
      var text = document.createElement("span");
      text.className = "reading";
      var t = r.textContent.replace(/\s+/g, " ").trim();
      text.textContent = t ? (t.length > 300 ? t.slice(0, 300) + " …" : t) : (section ? section.getAttribute("data-omitted") : "");
      li.appendChild(who);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(text);
      if (r.getAttribute("data-type")) {
        var kind = document.createElement("span");
        kind.className = "kind";
        kind.textContent = " (" + r.getAttribute("data-type") + ")";
        li.appendChild(kind);
      }
      list.appendChild(li);
    });
    box.appendChild(list);
    document.body.appendChild(box);
    var rect = app.getBoundingClientRect();
    box.style.left = Math.max(0, window.scrollX + rect.left) + "px";
    box.style.top = (window.scrollY + rect.bottom + 4) + "px";
    open = box;
  }

  function site(event) {
    var app = event.target.closest(".app");
    if (!app || !app.hasAttribute("tabindex")) { return null; }     // no variant (space, marker, agreement)
    return app;
  }

  /* ---------------------------------------------------------------- side by side */
  function compare(section) {
    var columns = section.querySelector(".columns");
    var left = columns.querySelector(".collation-text");
    var old = columns.querySelector(".collation-text.compare");
    if (old) { old.remove(); }
    var other = section.querySelector(".compare-switch").value;
    section.classList.toggle("side-by-side", !!other);
    left.querySelectorAll(".app.differs").forEach(function (a) { a.classList.remove("differs"); });
    if (!other) { return; }
    var right = left.cloneNode(true);
    right.classList.add("compare");
    right.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
    columns.appendChild(right);
    show(right, other);
    var mine = left.getAttribute("data-witness");
    var a = left.querySelectorAll(".app"), b = right.querySelectorAll(".app");
    for (var i = 0; i < a.length; i++) {
      var ra = readingFor(a[i], mine), rb = readingFor(a[i], other);
      var differs = !!(ra && rb && ra !== rb);
      a[i].classList.toggle("differs", differs);
      b[i].classList.toggle("differs", differs);
    }
  }

  function init(section) {
    if (section.hasAttribute("data-ready")) { return; }      // the script is on the page once a collation
    section.setAttribute("data-ready", "1");
    var text = section.querySelector(".collation-text");
    var tools = section.querySelector(".collation-tools");
    var witness = section.querySelector(".witness-switch");
    show(text, witness.value || section.getAttribute("data-base"));
    tools.hidden = false;
    witness.addEventListener("change", function () { show(text, witness.value); compare(section); });
    section.querySelector(".compare-switch").addEventListener("change", function () { compare(section); });
    section.addEventListener("click", function (event) {
      var app = site(event);
      if (app) { event.stopPropagation(); popover(app); }
    });
    section.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        var app = site(event);
        if (app) { event.preventDefault(); popover(app); }
      }
    });
  }

  document.addEventListener("click", function (event) {
    if (open && !open.contains(event.target)) { close(); }
  });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") { close(); } });
  document.querySelectorAll("section.collation").forEach(init);
}());
