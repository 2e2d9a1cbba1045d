"""OCR suspects: words a dictionary does not know, with a suggested correction, for review.

The output is rows for the corrections file; nothing is applied until an editor copies a row
there. Three kinds are looked for: characters inside a word that OCR confuses ("mobi!izes",
"Secretarie8"), a word split by a space ("Dep uties"), and unknown words one edit away from a
common one ("contradicticn"). Capitalised unknowns are left alone: they are usually names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spellchecker import SpellChecker

from edition.editorial.corrections import load_corrections
from edition.settings import EncodeSettings
from edition.transcript.read import LineFinder, read_source

_TOKEN = re.compile(r"[A-Za-z][A-Za-z!1l0-9$|]*[A-Za-z!0-9$|]|[A-Za-z]")
_CONFUSABLE = {"!": "l", "1": "l", "8": "s", "0": "o", "$": "s", "|": "l", "5": "s"}


@dataclass(frozen=True)
class Suspect:
    sic: str
    corr: str
    context: str
    type: str
    line: int
    reason: str


#: What a context may not hold: a TAB or line end would break the corrections file's row, and a
#: character XML forbids (or a control) cannot be written there either.
_NOT_IN_CELL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def _context(text: str, start: int, end: int, width: int = 15) -> str:
    """Up to `width` characters either side of text[start:end], stopping at any character a
    corrections-file cell cannot hold: the context always contains the suspect, and matches the
    source exactly, so the row applies as it is."""
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    cuts = [m.end() for m in _NOT_IN_CELL.finditer(left)]
    left = left[cuts[-1] :] if cuts else left
    cut = _NOT_IN_CELL.search(right)
    right = right[: cut.start()] if cut else right
    return left + text[start:end] + right


def find_suspects(settings: EncodeSettings) -> list[Suspect]:
    source = read_source(settings.source, settings.encoding)
    known_sics = {c.sic for c in load_corrections(settings.corrections)} if settings.corrections else set()
    spell = SpellChecker(language="en")
    text = source.text
    lines = LineFinder(text)
    tokens = list(_TOKEN.finditer(text))
    out: list[Suspect] = []
    seen: set[tuple[str, str]] = set()

    def add(sic: str, corr: str, start: int, kind: str, reason: str) -> None:
        if sic in known_sics or (sic, corr) in seen or not corr or corr == sic:
            return
        seen.add((sic, corr))
        ctx = _context(text, start, start + len(sic))
        out.append(Suspect(sic, corr, ctx if text.count(ctx) == 1 else "", kind, lines.line_of(start), reason))

    for i, m in enumerate(tokens):
        word = m.group(0)
        lower = word.lower()
        if re.search(r"[!0-9$|]", word) and re.search(r"[a-z]{2}", lower):
            fixed = "".join(_CONFUSABLE.get(ch, ch) for ch in word)
            if fixed.lower() in spell:
                add(word, fixed, m.start(), "char", "confusable character")
            continue
        if not word.isalpha() or lower in spell:
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is not None and text[m.end() : nxt.start()] == " ":
            joined = word + nxt.group(0)
            if joined.lower() in spell and spell.word_usage_frequency(joined.lower()) > 1e-7:
                add(f"{word} {nxt.group(0)}", joined, m.start(), "split", "joined, a dictionary word")
                continue
        prev = tokens[i - 1] if i else None
        if prev is not None and text[prev.end() : m.start()] == " ":
            joined = prev.group(0) + word
            if joined.lower() in spell:
                add(f"{prev.group(0)} {word}", joined, prev.start(), "split", "joined, a dictionary word")
                continue
        if word[0].isupper():
            continue
        guess = spell.correction(lower)
        if guess and guess != lower and len(word) > 3:
            add(word, guess, m.start(), "char", "unknown word; nearest common word")
    return sorted(out, key=lambda s: s.line)
