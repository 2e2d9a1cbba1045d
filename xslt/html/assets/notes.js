/* The marks of notes, corrections and lacunae (xslt/html/text.xsl, ed:mark). Optional: without
   it each mark opens its popover beside it (the browser's own popover) and, on wide screens, its
   words stand in the margin anyway. With it, on wide screens where the words are in the margin,
   a mark leads to them instead of opening a second copy: the margin note is lit and takes the
   focus; Escape (or the mark again) gives the focus back to the mark. Narrow screens keep the
   popover, which the browser closes on Escape and on a tap elsewhere. */
(function () {
  "use strict";

  /* the margin note a mark stands for, when the stylesheet shows it in the margin */
  function marginNote(mark) {
    var note = document.getElementById(mark.getAttribute("popovertarget"));
    if (!note || !note.classList.contains("side")) { return null; }
    return window.getComputedStyle(note).cssFloat === "right" ? note : null;
  }

  var lit = null;

  function unlight() {
    if (!lit) { return; }
    lit.note.classList.remove("active");
    lit.mark.classList.remove("active");
    lit.mark.setAttribute("aria-expanded", "false");
    lit = null;
  }

  function light(mark, note) {
    unlight();
    note.classList.add("active");
    mark.classList.add("active");
    mark.setAttribute("aria-expanded", "true");
    lit = { mark: mark, note: note };
    note.focus({ preventScroll: true });
    var box = note.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) {
      note.scrollIntoView({ block: "nearest" });
    }
  }

  document.addEventListener("click", function (event) {
    var mark = event.target.closest ? event.target.closest("button.mark[popovertarget]") : null;
    if (!mark) {
      if (lit && !lit.note.contains(event.target)) { unlight(); }
      return;
    }
    var note = marginNote(mark);
    if (!note) { return; }                                  // narrow screen: the popover opens
    event.preventDefault();                                 // no second copy over the text
    if (lit && lit.mark === mark) { unlight(); mark.focus(); } else { light(mark, note); }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !lit) { return; }
    var mark = lit.mark;
    unlight();
    mark.focus();
  });
}());
