"""Witness text → paragraphs → tokens, and the normalisation that keys and classifies them.

A witness is cut at blank lines into paragraphs; the whitespace around each paragraph (its *lead*,
and the witness's *tail*) is kept verbatim, so that `lead₀ + para₀ + lead₁ + para₁ … + tail` is the
witness again, character for character. A paragraph is cut into tokens: a run of non-space
characters with the whitespace after it. A run without a letter or digit (a dash, a lone
quotation mark) joins the token before it (the next, at a paragraph's start): alignment is decided
by words, and punctuation travels with the word it stands by.

Every token has a *key*, the word as the aligner compares it: case folded, letters and digits
only, with the editor's orthographic rules applied. Readings are classified by the same rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

#: Whitespace that XML keeps as it is between elements (a paragraph break holds only these).
_SPACE = " \t\r\n"
#: A paragraph break: a blank line, with all the whitespace around it.
PARAGRAPH_BREAK = re.compile(r"[ \t\r]*\n[ \t\r]*\n[ \t\r\n]*")
#: A token: non-space characters and the whitespace after them.
TOKEN = re.compile(r"\S+\s*")
#: A word: letters, digits, underscore (Unicode).
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Layout:
    """A witness as paragraphs: `leads[i]` stands before `paras[i]`, `tail` after the last."""

    leads: tuple[str, ...]
    paras: tuple[str, ...]
    tail: str

    def text(self) -> str:
        return "".join(lead + para for lead, para in zip(self.leads, self.paras)) + self.tail


def paragraphs(text: str) -> Layout:
    """Cut a witness at its blank lines; nothing is lost (`Layout.text()` is `text`)."""
    body = text.strip(_SPACE)
    if not body:
        return Layout((), (), text)
    start = len(text) - len(text.lstrip(_SPACE))
    end = start + len(body)
    leads, paras = [text[:start]], []
    pos = start
    for brk in PARAGRAPH_BREAK.finditer(text, start, end):
        paras.append(text[pos : brk.start()])
        leads.append(brk.group())
        pos = brk.end()
    paras.append(text[pos:end])
    return Layout(tuple(leads), tuple(paras), text[end:])


@dataclass(frozen=True)
class Rule:
    """One orthographic rule of the editor: a regular expression and its replacement, applied to
    each case-folded word (`connexion` → `connection`; `ise$` → `ize`)."""

    pattern: str
    replace: str


@dataclass(frozen=True)
class Normaliser:
    """How words are compared: case folded, letters and digits only, then the editor's rules."""

    rules: tuple[Rule, ...] = ()
    ignore_case: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "_compiled", tuple((re.compile(r.pattern), r.replace) for r in self.rules))
        object.__setattr__(self, "_keys", {})  # token → key: most tokens recur

    def word(self, word: str) -> str:
        w = word.casefold() if self.ignore_case else word
        for pattern, replace in self._compiled:
            w = pattern.sub(replace, w)
        return w

    def key(self, token: str) -> str:
        key = self._keys.get(token)
        if key is None:
            words = WORD.findall(token)
            if not words:  # a paragraph of punctuation alone
                key = token.strip()
            else:
                key = "".join(self.word(w) for w in words)
            if len(self._keys) > 500_000:  # bounded: a long-lived process collates many texts
                self._keys.clear()
            self._keys[token] = key
        return key

    def classify(self, lemma: str, reading: str) -> str:
        """What kind of variant `reading` is of `lemma`: punctuation (the same words, spaces and
        marks aside), orthographic (the same words after case folding and the editor's rules),
        or substantive."""
        a, b = WORD.findall(lemma), WORD.findall(reading)
        if a == b:
            return "punctuation"
        if "".join(self.word(w) for w in a) == "".join(self.word(w) for w in b):
            return "orthographic"
        return "substantive"


#: The kinds of variant, least significant first.
KINDS = ("punctuation", "orthographic", "substantive")


class Token(NamedTuple):
    text: str  # the surface, with its trailing whitespace: tokens join back into the paragraph
    key: str  # what the aligner compares


def tokens(para: str, normaliser: Normaliser) -> list[Token]:
    """A paragraph's tokens; their texts joined are the paragraph."""
    pieces: list[str] = []
    pending = ""  # punctuation before the paragraph's first word
    for m in TOKEN.finditer(para):
        piece = m.group()
        if WORD.search(piece) is None:
            if pieces:
                pieces[-1] += piece
            else:
                pending += piece
            continue
        pieces.append(pending + piece)
        pending = ""
    if pending:  # no word at all
        pieces.append(pending)
    lead = para[: len(para) - len(para.lstrip())]
    if lead and pieces:  # TOKEN starts at the first non-space
        pieces[0] = lead + pieces[0]
    elif lead:
        pieces.append(lead)
    key = normaliser.key
    return [Token(p, key(p)) for p in pieces]
