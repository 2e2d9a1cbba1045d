/* "Cite this": every turn's "cite" and every paragraph's ¶ open a dialog with the passage's
   reference, formatted, its permanent link (absolute: the site's address from edition.toml's
   `site-url`, else the address the page was opened from), a copy button, and the reference as
   BibTeX, RIS and CSL-JSON files to download. The edition's facts come from the body's data
   attributes (xslt/html/cite.xsl); the date of access is the reader's today, as references want.
   The dialog opens next to the link that asked for it, as the notes do (the link is its anchor,
   edition.css places it), takes the focus, and Escape gives the focus back to the link.
   Its words are the page's (data-cite-words, in the document's language): it has none of its own.
   Every node is built with createElement and textContent. */
(function () {
  "use strict";

  function words() {
    try { return JSON.parse(document.body.dataset.citeWords || "{}"); } catch (e) { return {}; }
  }

  /* The permanent address of an anchor on this page. */
  function permalink(anchor) {
    var d = document.body.dataset;
    var base = d.site ? d.site.replace(/\/?$/, "/") + d.page
                      : window.location.href.replace(/[?#].*$/, "");
    return base + "#" + anchor;
  }

  function today() { return new Date().toISOString().slice(0, 10); }

  /* The facts of one reference: who speaks, where, in which edition. */
  function reference(anchor, speaker) {
    var d = document.body.dataset;
    return {
      anchor: anchor, speaker: speaker, page: d.pageTitle || "", pageDate: d.pageDate || "",
      title: d.title || "", editor: d.editor || "", publisher: d.publisher || "", year: d.year || "",
      url: permalink(anchor), accessed: today()
    };
  }

  function formatted(ref, w) {
    var parts = [];
    if (ref.speaker) { parts.push(ref.speaker + "."); }
    var where = ref.page + (ref.pageDate && ref.page.indexOf(ref.pageDate.slice(0, 4)) < 0 ? ", " + ref.pageDate : "");
    if (where) { parts.push("“" + where + "”."); }
    var book = (w.in || "") + " " + ref.title;
    if (ref.editor) { book += ", " + (w["edited-by"] || "") + " " + ref.editor; }
    parts.push(book + ".");
    var imprint = [ref.publisher, ref.year].filter(Boolean).join(", ");
    if (imprint) { parts.push(imprint + "."); }
    parts.push(ref.url + " (" + (w.accessed || "") + " " + ref.accessed + ").");
    return parts.join(" ");
  }

  function bibEscape(text) {
    return text.replace(/([\\{}&%$#_^~])/g, function (c) { return c === "\\" ? "\\textbackslash{}" : "\\" + c; });
  }

  function key(ref) {
    var who = (ref.speaker.split(/[\s,]+/).pop() || "edition").normalize("NFD").replace(/[^A-Za-z0-9]/g, "");
    return (who || "edition") + (ref.pageDate || ref.year).replace(/\D/g, "").slice(0, 8) + "-" + ref.anchor.replace(/[^A-Za-z0-9-]/g, "");
  }

  function bibtex(ref) {
    /* names are given whole, in braces, so that BibTeX never splits or reorders them */
    var fields = [["author", ref.speaker, true], ["title", ref.page], ["booktitle", ref.title],
      ["editor", ref.editor, true], ["publisher", ref.publisher], ["year", ref.year], ["date", ref.pageDate],
      ["url", ref.url], ["urldate", ref.accessed]];
    var body = fields.filter(function (f) { return f[1]; }).map(function (f) {
      var value = f[0] === "url" ? f[1] : bibEscape(f[1]);
      return "  " + f[0] + " = {" + (f[2] ? "{" + value + "}" : value) + "}";
    });
    return "@incollection{" + key(ref) + ",\n" + body.join(",\n") + "\n}\n";
  }

  function ris(ref) {
    var lines = [["TY", "CHAP"], ["AU", ref.speaker], ["TI", ref.page], ["T2", ref.title], ["A2", ref.editor],
      ["PB", ref.publisher], ["PY", ref.year], ["DA", ref.pageDate.replace(/-/g, "/")], ["UR", ref.url],
      ["Y2", ref.accessed.replace(/-/g, "/")]];
    return lines.filter(function (l) { return l[1]; }).map(function (l) { return l[0] + "  - " + l[1]; })
      .join("\r\n") + "\r\nER  - \r\n";
  }

  function dateParts(iso) {
    var parts = iso.split("-").map(Number).filter(function (n) { return !isNaN(n) && n > 0; });
    return parts.length ? { "date-parts": [parts] } : undefined;
  }

  function csl(ref) {
    var item = { id: key(ref), type: ref.speaker ? "speech" : "chapter", title: ref.page,
      "container-title": ref.title, publisher: ref.publisher || undefined, URL: ref.url,
      issued: dateParts(ref.year), accessed: dateParts(ref.accessed), "event-date": dateParts(ref.pageDate) };
    if (ref.speaker) { item.author = [{ literal: ref.speaker }]; }
    if (ref.editor) { item.editor = [{ literal: ref.editor }]; }
    return JSON.stringify([item], null, 2) + "\n";
  }

  var FORMATS = [
    ["BibTeX", "bib", "application/x-bibtex", bibtex],
    ["RIS", "ris", "application/x-research-info-systems", ris],
    ["CSL-JSON", "json", "application/vnd.citationstyles.csl+json", csl]
  ];

  function initCite() {
    var w = words();
    var dialog = document.createElement("div");
    dialog.id = "cite-dialog";
    dialog.setAttribute("popover", "auto");
    dialog.setAttribute("role", "dialog");
    dialog.setAttribute("aria-label", w.cite || "");
    dialog.className = "note-pop cite-pop";
    dialog.tabIndex = -1;
    var heading = document.createElement("p");
    heading.className = "cite-heading";
    heading.textContent = w.cite || "";
    var text = document.createElement("p");
    text.className = "cite-text";
    var linkLine = document.createElement("p");
    linkLine.className = "cite-permalink";
    var link = document.createElement("a");
    linkLine.appendChild(document.createTextNode((w.permalink || "") + ": "));
    linkLine.appendChild(link);
    var actions = document.createElement("p");
    actions.className = "cite-actions";
    var copy = document.createElement("button");
    copy.type = "button";
    copy.textContent = w.copy || "";
    actions.appendChild(copy);
    actions.appendChild(document.createTextNode(" " + (w.download || "") + " "));
    var current = null;
    FORMATS.forEach(function (f, i) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "cite-download";
      button.dataset.format = f[1];
      button.textContent = f[0];
      button.addEventListener("click", function () {
        if (!current) { return; }
        var blob = new Blob([f[3](current)], { type: f[2] });
        var a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = key(current) + "." + f[1];
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
      });
      if (i) { actions.appendChild(document.createTextNode(" ")); }
      actions.appendChild(button);
    });
    copy.addEventListener("click", function () {
      if (navigator.clipboard) {
        navigator.clipboard.writeText(text.textContent).then(function () { copy.textContent = w.copied || ""; },
                                                              function () {});
      }
    });
    [heading, text, linkLine, actions].forEach(function (n) { dialog.appendChild(n); });
    document.body.appendChild(dialog);

    /* the link that opened the dialog: closed by Escape (or by a tap on nothing that takes the
       focus), the dialog gives the focus back to it */
    var opener = null;
    dialog.addEventListener("toggle", function (event) {
      if (event.newState !== "closed" || !opener) { return; }
      var at = document.activeElement;
      if (!at || at === document.body || dialog.contains(at)) { opener.focus({ preventScroll: true }); }
    });

    document.querySelectorAll("main a.cite").forEach(function (cite) {
      cite.addEventListener("click", function (event) {
        event.preventDefault();
        var anchor = cite.getAttribute("href").slice(1);
        var turn = cite.closest(".sp");
        var speaker = cite.dataset.speaker
          || (turn && turn.querySelector(":scope > a.turn-cite") ? turn.querySelector(":scope > a.turn-cite").dataset.speaker : "");
        current = reference(anchor, speaker || "");
        text.textContent = formatted(current, w);
        link.href = current.url;
        link.textContent = current.url;
        copy.textContent = w.copy || "";
        history.replaceState(null, "", "#" + anchor);
        if (!dialog.showPopover) { return; }
        if (dialog.matches(":popover-open")) { dialog.hidePopover(); }
        opener = cite;
        try { dialog.showPopover({ source: cite }); } catch (e) { dialog.showPopover(); }
        dialog.focus({ preventScroll: true });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", initCite);
})();
