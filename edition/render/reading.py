"""What the HTML edition says about the *characters* of the text: the text a search finds in each
turn and block, and how many words each turn speaks. Made once from lxml's tree, in one walk.

Why here and not in the stylesheet: Saxon (HE 13, a native image) spends about 90 ns on every
character of every string operation, lxml's tree read from Python about 1 ns. The search index
joined, normalised and serialized 11 million characters of a 15 MB TEI (1.6 s), the speaker
charts joined and tokenised them again (0.8–1.1 s). Here they are read once; the stylesheet
keeps what it alone knows — the pages, the anchors, the speakers' names — and gets the word
counts as data (`stylesheet_data`), while the texts never enter Saxon at all: the stylesheet
hands back the search index without them (its principal result) and `search_index` completes it.

These are the one definition of both (the stylesheet no longer has its own):
- the *searchable* text of a turn or block: its text nodes, joined, outside printed misreadings
  (`sic`, `orig`), speaker labels and descriptions of lacunae (`desc`), white space normalised
  as XPath's normalize-space does (XML white space only);
- the *spoken* words of a turn: tokens between XML white space of its text outside labels,
  misreadings, notes, descriptions and stage directions, that hold a character other than
  punctuation, separator or control (XPath's `\\w`; xslt/common/functions.xsl ed:words counts
  the same for the ParlaMint header, tests/test_word_count.py holds both to it).

Turns and blocks are named as the stylesheet numbers them (xslt/common/functions.xsl, the
accumulators ed:turn and ed:block): the n-th `sp` or `u` of the document; the n-th block of the
text. TURNS and BLOCKS mirror those rules; the stylesheet refuses data whose totals differ from its
own counts (error ED02, xslt/html/edition.xsl), so a change to one side that the other lacks stops
the build instead of putting one turn's words on another.
"""

from __future__ import annotations

import json
import re
import unicodedata
from array import array
from dataclasses import dataclass

from lxml import etree

from edition.errors import InvariantError
from edition.xmlio import tei

#: Turns (xslt/common/functions.xsl, accumulator ed:turn): anywhere in the document.
TURNS = frozenset(tei(t) for t in ("sp", "u"))
#: Blocks (accumulator ed:block): these, inside a `text`; a `bibl` only inside a `listBibl`.
BLOCKS = frozenset(
    tei(t)
    for t in (
        "p", "ab", "stage", "head", "item", "seg", "l", "row", "castItem",
        "kinesic", "vocal", "incident", "move", "set",
    )
)  # fmt: skip
_TEXT, _BIBL, _LIST_BIBL = tei("text"), tei("bibl"), tei("listBibl")

#: Text inside these is not searched: what was printed wrong, labels, descriptions of lacunae.
NOT_SEARCHED = frozenset(tei(t) for t in ("sic", "orig", "speaker", "desc"))
#: ... nor counted as spoken words, nor is what notes and stage directions say.
NOT_SPOKEN = NOT_SEARCHED | frozenset(tei(t) for t in ("note", "stage"))

#: Bytes of UTF-8 text: XML white space as ' ', any other as 'a' (in UTF-8 no byte of another
#: character is an ASCII one), so that a token begins wherever b" a" is found.
_TOKEN_STARTS = bytes(0x20 if b in b" \t\n\r" else 0x61 for b in range(256))
#: A token without a letter or digit (Python's \w less '_'), after the white space before it:
#: only such a token may hold no word character.
_NO_ALNUM = re.compile(r"[ \t\n\r](?:[^\w \t\n\r]|_)+(?![^ \t\n\r])")


def normalize_space(text: str) -> str:
    """XPath's normalize-space: XML white space collapsed and trimmed, not a non-breaking space.
    bytes.split splits at ASCII white space only (the two of it XML does not count, form feed and
    vertical tab, cannot occur in XML), and is as fast as str.split, which splits at any."""
    return b" ".join(text.encode().split()).decode()


def words(text: str) -> int:
    """Tokens between XML white space that hold a character other than punctuation, separator or
    control (XPath's \\w). Tokens are counted where they begin, at C speed; a token with a letter
    or digit is a word; the few others (dashes, ellipses, symbols) are looked at one by one."""
    tokens = (b" " + text.encode()).translate(_TOKEN_STARTS).count(b" a")
    for token in _NO_ALNUM.findall(" " + text):
        if all(unicodedata.category(c)[0] in "PZC" for c in token[1:]):
            tokens -= 1
    return tokens


#: Blocks a mention in the register links to by their opening words (xslt/html/people.xsl,
#: ed:mention-block): a block of these kinds that holds a name with @ref gets its opening here.
#: Any other the stylesheet reads itself (ed:opening): this list only saves it time.
LINKED_BLOCKS = frozenset(tei(t) for t in ("p", "ab", "head", "item", "row", "l"))
_LINK_TARGETS = LINKED_BLOCKS | TURNS | {tei("note")}
MENTIONS = frozenset(tei(t) for t in ("persName", "rs", "name", "orgName"))
#: An opening: the first words of the first text nodes (xslt/html/people.xsl, ed:opening).
OPENING_NODES, OPENING_CHARACTERS, OPENING_WORDS = 12, 400, 10


@dataclass
class SearchText:
    """The searchable text of the document as one string, and where each turn and block begins
    and ends in it (offsets; index 0 unused: turns and blocks count from 1). All the search
    index needs once the stylesheet has run."""

    searchable: str
    turn_search: array  # start, end of turn n at 2n, 2n + 1
    block_search: array

    def search_text(self, key: str) -> str:
        """The searchable text of 't12' (the 12th turn) or 'b34' (the 34th block), its white space
        normalised as XPath's normalize-space does (see normalize_space)."""
        return self.search_bytes(key).decode()

    def search_bytes(self, key: str) -> bytes:
        """The searchable text of a turn or block (as search_text), in UTF-8."""
        kind, n = key[:1], int(key[1:])
        spans = self.turn_search if kind == "t" else self.block_search if kind == "b" else None
        if spans is None or not 0 < n <= len(spans) // 2 - 1:
            raise InvariantError(f"the search index names {key!r}, which the text does not have")
        return b" ".join(self.searchable[spans[2 * n] : spans[2 * n + 1]].encode().split())


@dataclass
class Reading(SearchText):
    """... and the spoken text, as one string and as its text nodes, and which of them each turn
    and block holds: what the stylesheet's data is made of, before it runs."""

    spoken: str
    spoken_nodes: list[str]
    turn_spoken: array
    turn_nodes: array
    block_nodes: array
    linked: set[int]  # blocks whose opening the register wants

    @property
    def turns(self) -> int:
        return len(self.turn_search) // 2 - 1

    @property
    def blocks(self) -> int:
        return len(self.block_search) // 2 - 1

    def searched(self) -> SearchText:
        """The search's part alone, so that the rest can be let go before Saxon runs."""
        return SearchText(self.searchable, self.turn_search, self.block_search)

    def turn_words(self) -> list[int]:
        """The spoken words of each turn, in order."""
        spans, spoken = self.turn_spoken, self.spoken
        return [words(spoken[spans[2 * n] : spans[2 * n + 1]]) for n in range(1, self.turns + 1)]

    def opening(self, nodes: array, n: int) -> str:
        """The first ten words of the first twelve spoken text nodes (of their first 400
        characters) of turn or block n, ' …' after them where there is more; '¶' if none."""
        start, end = nodes[2 * n], nodes[2 * n + 1]
        first = self.spoken_nodes[start : min(end, start + OPENING_NODES)]
        tokens = "".join(first)[:OPENING_CHARACTERS].encode().split()
        if not tokens:
            return "¶"
        more = len(tokens) > OPENING_WORDS or end - start > OPENING_NODES
        return b" ".join(tokens[:OPENING_WORDS]).decode() + (" …" if more else "")

    def openings(self) -> dict[str, list[str | None]]:
        """Every turn's opening, and those of the blocks the register links to (else None)."""
        return {
            "turns": [self.opening(self.turn_nodes, n) for n in range(1, self.turns + 1)],
            "blocks": [
                self.opening(self.block_nodes, n) if n in self.linked else None for n in range(1, self.blocks + 1)
            ],
        }


def read(root: etree._Element) -> Reading:
    """One walk over the document, in document order (lxml's iterwalk: C speed, any depth). An
    element's text comes after its start, its tail after its end; a comment or processing
    instruction gives only its tail."""
    searchable: list[str] = []
    spoken: list[str] = []
    at_search = at_spoken = 0  # characters so far in each
    turn_search, turn_spoken, turn_nodes = array("q", [0, 0]), array("q", [0, 0]), array("q", [0, 0])
    block_search, block_nodes = array("q", [0, 0]), array("q", [0, 0])
    linked: set[int] = set()
    targets: list[int] = []  # the open elements a mention links to: a block's number, else 0
    # per open element of _KINDS: (its turn's place in the arrays, its block's, its kind)
    opened: list[tuple[int, int, int]] = []
    not_searched = not_spoken = in_text = 0  # how many enclosing elements say so
    for event, el in etree.iterwalk(root, events=("start", "end", "comment", "pi")):
        if event == "start":
            kind = _KINDS.get(el.tag, 0)
            if kind:
                turn = block = -1
                if kind & _TURN:
                    turn = len(turn_search)
                    turn_search.extend((at_search, 0))
                    turn_spoken.extend((at_spoken, 0))
                    turn_nodes.extend((len(spoken), 0))
                if kind & _BLOCK and in_text and (kind & _ONLY_IN_LIST == 0 or el.getparent().tag == _LIST_BIBL):
                    block = len(block_search)
                    block_search.extend((at_search, 0))
                    block_nodes.extend((len(spoken), 0))
                if kind & _MENTION and targets and targets[-1] and el.get("ref"):
                    linked.add(targets[-1])
                if kind & _TARGET:
                    targets.append(block // 2 if kind & _LINKED and block > 0 else 0)
                not_searched += kind & _HIDES_SEARCH and 1
                not_spoken += kind & _HIDES_SPOKEN and 1
                in_text += kind & _TEXT_KIND and 1
                opened.append((turn, block, kind))
            piece = el.text
        else:
            if event == "end":
                if el.tag in _KINDS:
                    turn, block, kind = opened.pop()
                    not_searched -= kind & _HIDES_SEARCH and 1
                    not_spoken -= kind & _HIDES_SPOKEN and 1
                    in_text -= kind & _TEXT_KIND and 1
                    if kind & _TARGET:
                        targets.pop()
                    if block >= 0:
                        block_search[block + 1] = at_search
                        block_nodes[block + 1] = len(spoken)
                    if turn >= 0:
                        turn_search[turn + 1] = at_search
                        turn_spoken[turn + 1] = at_spoken
                        turn_nodes[turn + 1] = len(spoken)
                if el is root:
                    continue
            piece = el.tail
        if piece:
            if not not_searched:
                searchable.append(piece)
                at_search += len(piece)
            if not not_spoken:
                spoken.append(piece)
                at_spoken += len(piece)
    return Reading(
        "".join(searchable),
        turn_search,
        block_search,
        "".join(spoken),
        spoken,
        turn_spoken,
        turn_nodes,
        block_nodes,
        linked,
    )


#: What the walk sees in an element, as bits of one number looked up once (any other element
#: only gives its text).
_TURN, _BLOCK, _ONLY_IN_LIST, _MENTION, _TARGET, _LINKED, _HIDES_SEARCH, _HIDES_SPOKEN, _TEXT_KIND = (
    1 << i for i in range(9)
)
_KINDS = {
    tag: (tag in TURNS and _TURN)
    | (tag in BLOCKS | {_BIBL} and _BLOCK)
    | (tag == _BIBL and _ONLY_IN_LIST)
    | (tag in MENTIONS and _MENTION)
    | (tag in _LINK_TARGETS and _TARGET)
    | (tag in LINKED_BLOCKS and _LINKED)
    | (tag in NOT_SEARCHED and _HIDES_SEARCH)
    | (tag in NOT_SPOKEN and _HIDES_SPOKEN)
    | (tag == _TEXT and _TEXT_KIND)
    for tag in TURNS | BLOCKS | MENTIONS | _LINK_TARGETS | NOT_SPOKEN | {_BIBL, _TEXT}
}


def stylesheet_data(reading: Reading) -> str:
    """What the stylesheet gets (its parameter reading-data, parsed once with parse-json): the
    totals it checks against its own numbering, each turn's spoken words for the charts, and the
    openings of turns and blocks for the register's lists of turns and mentions."""
    return json.dumps(
        {
            "turns": reading.turns,
            "blocks": reading.blocks,
            "words": reading.turn_words(),
            "openings": reading.openings(),
        },
        ensure_ascii=False,
    )


#: Saxon's JSON output method escapes '/' and the C1 controls where Python's json does not: the
#: index is byte for byte what the stylesheet itself wrote before (tests/test_reading.py).
_SAXON_ESCAPES = re.compile("[/\x7f-\x9f]")


def _saxon_escape(match: re.Match) -> str:
    c = match.group()
    return "\\/" if c == "/" else f"\\u{ord(c):04x}"


def saxon_json(value) -> str:
    """`value` (lists, dicts, strings, integers) as Saxon's serialize(…, map{'method': 'json'})."""
    return _SAXON_ESCAPES.sub(_saxon_escape, json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def search_index(skeleton: str, reading: SearchText) -> bytes:
    """search-index.js (UTF-8): the stylesheet's index (xslt/html/search.xsl, ed:search-index),
    whose entries name their turn or block, with each named by its searchable text; an entry
    with no text is not searched and left out."""
    try:
        index = json.loads(skeleton)
        named = index["entries"]
    except (ValueError, KeyError, TypeError) as exc:
        raise InvariantError(f"the stylesheet's search index cannot be read: {exc}") from None
    if _plain_json(reading.searchable.encode()):
        # normalised text holds no white space but ' ' and no control character: of what JSON and
        # Saxon escape, only '"', '\\' and '/' are left, which bytes.replace finds at C speed
        entries = []
        for page, anchor, speaker, key in named:
            text = reading.search_bytes(key)
            if text:
                text = text.replace(b"\\", b"\\\\").replace(b'"', b'\\"').replace(b"/", b"\\/")
                entries.append(b'[%d,%s,%d,"%s"]' % (page, saxon_json(anchor).encode(), speaker, text))
        members = [
            b'"entries":[' + b",".join(entries) + b"]"
            if key == "entries"
            else saxon_json(key).encode() + b":" + saxon_json(value).encode()
            for key, value in index.items()
        ]
        return b"window.EDITION_SEARCH = {" + b",".join(members) + b"};\n"
    index["entries"] = [
        [page, anchor, speaker, text] for page, anchor, speaker, key in named if (text := reading.search_text(key))
    ]
    return ("window.EDITION_SEARCH = " + saxon_json(index) + ";\n").encode()


#: Bytes of UTF-8 that are not control characters, or are XML's white space: what is left when
#: they are taken out is a control character JSON escapes.
_UNESCAPED = bytes(b for b in range(256) if (b >= 0x20 and b != 0x7F) or b in b"\t\n\r")
#: A C1 control character (U+0080–U+009F) in UTF-8.
_C1 = re.compile(rb"\xc2[\x80-\x9f]")


def _plain_json(text: bytes) -> bool:
    """Whether UTF-8 text holds no control character (C0, DEL or C1; white space is one too, but
    normalised text has only ' ' left), which Saxon's JSON would escape as \\uXXXX."""
    return not text.translate(None, _UNESCAPED) and _C1.search(text) is None
