"""A play as DraCor ingests it: DraCor's TEI (its RELAX NG and Schematron, compiled from the
official ODD, in `../shared/schemas/dracor/`).

From a play the toolkit encoded, or TEI others wrote:

* the root gets an `@xml:id` (`--play-id`; default `ed` and six digits of the title's CRC-32, the
  shape DraCor recommends, `^[a-z]+[0-9]{6}$`) and `@type="dracor"`; a source's own id is kept;
* the source description gets a `bibl type="originalSource"` (the printed source, or the title
  and author of the play where none is described) and the transcript's `bibl` becomes
  `type="digitalSource"`, its address a `ref`;
* the persons of the register get DraCor's `@sex` (`MALE`, `FEMALE`, `UNKNOWN`) where the
  register knows it, and the front a `castList` made from the register, unless it has one;
* page furniture (`fw`, the e-text's running heads and licence) is left out, editorial
  insertions (`supplied`) keep their words without the element, an omission mark
  (`ellipsis`/`metamark`) keeps its printed dots;
* stage directions stand outside speech paragraphs: where a source marks none inside turns (as
  a plain-text transcript does not), a parenthesised passage of a turn is one (`p` cut around
  it), so is the parenthesis of a label (`CATHERINE (indignantly).` → `speaker` `CATHERINE.`
  then `stage` `(indignantly)`), and so is a paragraph of an act or scene outside every turn;
  the source's line breaks in prose (`lb`) become spaces.

A DraCor play comes back as it was, apart from these additions where it lacks them.
"""

from __future__ import annotations

import copy
import re
import zlib
from collections import Counter
from pathlib import Path

from lxml import etree

from edition.errors import UsageError, XMLInputError
from edition.files import write_atomic
from edition.transcript.cast import name_keys
from edition.transcript.labels import normal
from edition.xmlio import DECLARATION, NS, XML_ID, parse_file, require_tei, tei

PLAY_ID = re.compile(r"^[A-Za-z_][\w.\-]*$")
#: A parenthesised passage (no nesting): a stage direction inside a turn.
PAREN = re.compile(r"\([^()]*\)")
#: A speaker label with a direction: name, parenthesis, closing punctuation.
LABEL = re.compile(r"^(?P<name>[^()]*?)\s*(?P<direction>\([^()]*\))\s*(?P<end>[.:]?)\s*$", re.S)
SEX = {
    "m": "MALE",
    "male": "MALE",
    "1": "MALE",
    "f": "FEMALE",
    "female": "FEMALE",
    "2": "FEMALE",
    "u": "UNKNOWN",
    "unknown": "UNKNOWN",
    "0": "UNKNOWN",
    "9": "UNKNOWN",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def write(tei_file: Path, out: Path, options) -> None:
    """Write the play `tei_file` as DraCor TEI to `out`."""
    tree = copy.deepcopy(read(tei_file))  # the prolog's processing instructions (xml-model) kept
    make_dracor(tree.getroot(), options.play_id)
    data = DECLARATION + etree.tostring(tree, encoding="UTF-8", xml_declaration=False) + b"\n"
    write_atomic(out, data, inputs=(tei_file,))


def read(tei_file: Path) -> etree._ElementTree:
    name = str(tei_file)
    tree = parse_file(tei_file)
    require_tei(tree, name)
    root = tree.getroot()
    if root.tag != tei("TEI") or root.find("tei:text/tei:body", NS) is None:
        raise XMLInputError(
            "is not one TEI document with a <text> and a <body>: DraCor takes one play a file",
            file=name,
            line=root.sourceline,
            kind="not-tei",
        )
    if root.find(".//tei:body//tei:sp", NS) is None:
        raise XMLInputError(
            "holds no speeches (sp): it is not a play",
            file=name,
            line=root.sourceline,
            kind="not-tei",
            hint="DraCor is a corpus of plays; export prose or proceedings otherwise",
        )
    return tree


def convert(source: etree._Element, play_id: str | None = None) -> etree._Element:
    """The DraCor TEI of a play (a new tree; `source` is left alone)."""
    root = copy.deepcopy(source)
    make_dracor(root, play_id)
    return root


def make_dracor(root: etree._Element, play_id: str | None = None) -> None:
    """Make the play `root` DraCor's TEI, in place."""
    title = " ".join(
        "".join(root.xpath("string(tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[1])", namespaces=NS)).split()
    )
    if play_id is not None and not PLAY_ID.match(play_id):
        raise UsageError(f"--play-id {play_id!r} is not an XML name", hint="like DraCor's ids: shaw000001")
    if play_id or not root.get(XML_ID):
        root.set(XML_ID, play_id or f"ed{zlib.crc32(title.encode('utf-8')) % 1_000_000:06d}")
    root.set("type", "dracor")
    # a play already marked up as DraCor has it: directions as stage children of its turns, none
    # inside a paragraph, no line breaks of a printed page (a transcript encoded by the toolkit
    # may have directions in its turns too, but keeps its parentheses and line ends in the text)
    marked = bool(root.xpath(".//tei:body//tei:sp/tei:stage", namespaces=NS)) and not root.xpath(
        ".//tei:body//tei:sp/tei:p//tei:stage | .//tei:body//tei:sp//tei:lb", namespaces=NS
    )
    _header(root, title)
    _text(root, marked)


# --------------------------------------------------------------------------- header


def _header(root: etree._Element, title: str) -> None:
    source_desc = root.find("tei:teiHeader/tei:fileDesc/tei:sourceDesc", NS)
    if source_desc is None:
        return
    for bibl in source_desc.iterfind("tei:bibl", NS):
        if bibl.get("type") == "transcript":
            bibl.set("type", "digitalSource")
        for ptr in bibl.iterfind("tei:ptr", NS):
            ref = etree.Element(tei("ref"), target=ptr.get("target", ""))
            ref.text = ptr.get("target", "")
            ref.tail = ptr.tail
            ptr.getparent().replace(ptr, ref)
    if not root.xpath(".//tei:sourceDesc//tei:bibl[@type='originalSource']", namespaces=NS):
        printed = source_desc.find("tei:bibl[@type='print']", NS)
        if printed is not None:
            printed.set("type", "originalSource")
        else:
            original = etree.SubElement(source_desc, tei("bibl"), type="originalSource")
            author = root.find("tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:author", NS)
            if author is not None:
                original.append(copy.deepcopy(author))
            etree.SubElement(original, tei("title")).text = title or "Untitled"
    for person in root.xpath(".//tei:particDesc//tei:person | .//tei:particDesc//tei:personGrp", namespaces=NS):
        sex = (
            person.get("sex")
            or person.xpath("string(tei:sex/@value)", namespaces=NS)
            or person.xpath("string(tei:sex)", namespaces=NS)
        )
        value = SEX.get(sex.strip().lower(), sex.strip() if sex.strip() in SEX.values() else None)
        if value:
            person.set("sex", value)
        elif "sex" in person.attrib:
            del person.attrib["sex"]
        for sub in person.findall("tei:sex", NS):
            person.remove(sub)


# --------------------------------------------------------------------------- text


def _text(root: etree._Element, marked: bool) -> None:
    text = root.find("tei:text", NS)
    for fw in text.xpath(".//tei:fw", namespaces=NS):
        _drop(fw)
    for el in text.xpath(".//tei:supplied | .//tei:ellipsis | .//tei:metamark", namespaces=NS):
        if el.tag == tei("ellipsis"):
            for desc in el.findall("tei:desc", NS):
                _drop(desc)
        _unwrap(el)
    for inner in text.xpath(".//tei:stage/tei:stage", namespaces=NS):
        _unwrap(inner)
    if not marked:
        for sp in text.xpath(".//tei:body//tei:sp", namespaces=NS):
            _split_label(sp)
            for p in sp.findall("tei:p", NS):
                _split_paragraph(p)
            for stage in sp.findall("tei:stage", NS):  # a direction set as a block of its own
                for lb in stage.findall(".//tei:lb", NS):
                    _unwrap(lb, " ")
                _one_line(stage)
        for p in text.xpath(".//tei:body//tei:div/tei:p", namespaces=NS):
            p.tag = tei("stage")
            _one_line(p)
    _cast_list(root)


def _split_label(sp: etree._Element) -> None:
    speaker = sp.find("tei:speaker", NS)
    if speaker is None:
        return
    for lb in speaker.findall("tei:lb", NS):
        _unwrap(lb, " ")
    if len(speaker):
        return
    m = LABEL.match(speaker.text or "")
    if not m or not m.group("name").strip():
        return
    speaker.text = m.group("name").strip() + m.group("end")
    stage = etree.Element(tei("stage"))
    stage.text = " ".join(m.group("direction").split())
    stage.tail = speaker.tail
    speaker.tail = " "
    speaker.addnext(stage)


def _split_paragraph(p: etree._Element) -> None:
    """Cut `p` around its parenthesised passages and stage directions (each a `stage`)."""
    for lb in p.findall(".//tei:lb", NS):
        _unwrap(lb, " ")
    pieces: list[etree._Element] = []
    current = _blank_like(p)

    def flush() -> None:
        nonlocal current
        _one_line(current)
        if current.text or len(current):
            pieces.append(current)
        current = _blank_like(p)

    def add_text(s: str | None) -> None:
        pos = 0
        for m in PAREN.finditer(s or ""):
            _append_text(current, s[pos : m.start()])
            flush()
            stage = etree.Element(tei("stage"))
            stage.text = " ".join(m.group().split())
            pieces.append(stage)
            pos = m.end()
        _append_text(current, (s or "")[pos:])

    add_text(p.text)
    for child in list(p):
        tail = child.tail
        child.tail = None
        if child.tag == tei("stage"):
            flush()
            _one_line(child)
            pieces.append(child)
        else:
            current.append(child)
        add_text(tail)
    flush()
    if len(pieces) == 1 and pieces[0].tag == tei("p"):
        p.text, p[:] = pieces[0].text, list(pieces[0])
        return
    parent = p.getparent()
    at = parent.index(p)
    pieces[-1].tail = p.tail
    parent.remove(p)
    for n, piece in enumerate(pieces):
        parent.insert(at + n, piece)


def _blank_like(p: etree._Element) -> etree._Element:
    return etree.Element(p.tag, {k: v for k, v in p.attrib.items() if k != XML_ID})


def _append_text(el: etree._Element, s: str) -> None:
    if not s:
        return
    if len(el):
        el[-1].tail = (el[-1].tail or "") + s
    else:
        el.text = (el.text or "") + s


def _one_line(el: etree._Element) -> None:
    """Whitespace collapsed, none at either end."""
    el.text = re.sub(r"\s+", " ", el.text or "").lstrip() or None
    for child in el:
        child.tail = re.sub(r"\s+", " ", child.tail or "") or None
    if len(el):
        el[-1].tail = (el[-1].tail or "").rstrip() or None
    else:
        el.text = (el.text or "").rstrip() or None


def _cast_list(root: etree._Element) -> None:
    text = root.find("tei:text", NS)
    people = root.xpath(
        ".//tei:particDesc//tei:person[@xml:id] | .//tei:particDesc//tei:personGrp[@xml:id]", namespaces=NS
    )
    if text.find(".//tei:castList", NS) is not None:
        _link_roles(text, people)
        return
    if not people:
        return
    front = text.find("tei:front", NS)
    if front is None:
        front = etree.Element(tei("front"))
        text.insert(0, front)
    cast = etree.SubElement(front, tei("castList"))
    etree.SubElement(cast, tei("head")).text = "Dramatis Personae"
    for person in people:
        names = person.xpath("tei:persName[@type='reg'] | tei:persName[not(@type)] | tei:persName", namespaces=NS)
        label = " ".join("".join(names[0].itertext()).split()) if names else person.get(XML_ID)
        item = etree.SubElement(cast, tei("castItem"))
        etree.SubElement(item, tei("role"), corresp=f"#{person.get(XML_ID)}").text = label


def _link_roles(text: etree._Element, people: list[etree._Element]) -> None:
    """The play's own cast list (the converter's, from its dramatis personae): each `role` that
    points nowhere is linked (`@corresp`) to the person of the register it names — by its whole
    name, else by the longest of its shorter forms ("LILY PARRADELL" → the speaker "LILY.") that
    no other role of the list shares ("PEACHUM" is Mr., Mrs. and Polly Peachum's) and that names
    one person only; a role that names none, or several, is left as it is."""
    by_key: dict[str, set[str]] = {}
    for person in people:
        for name in person.iterfind("tei:persName", NS):
            key = normal(" ".join("".join(name.itertext()).split()))
            by_key.setdefault(key, set()).add(person.get(XML_ID))
    roles = [
        (role, " ".join("".join(role.itertext()).split())) for role in text.iterfind(".//tei:castList//tei:role", NS)
    ]
    shared = Counter(key for _, name in roles for key in name_keys(name))
    for role, name in roles:
        if role.get("corresp"):
            continue
        whole = normal(name)
        shorter = sorted((k for k in name_keys(name) - {whole} if shared[k] == 1), key=lambda k: (-len(k), k))
        for key in [whole, *shorter]:
            found = by_key.get(key, set())
            if len(found) == 1:
                role.set("corresp", f"#{next(iter(found))}")
                break


def _drop(el: etree._Element) -> None:
    parent = el.getparent()
    if el.tail:
        _to_previous(el, el.tail)
    parent.remove(el)


def _unwrap(el: etree._Element, replacement: str = "") -> None:
    """Replace `el` by its content (and `replacement` text), its tail kept."""
    parent = el.getparent()
    at = parent.index(el)
    _to_previous(el, replacement + (el.text or ""))
    children = list(el)
    for n, child in enumerate(children):
        parent.insert(at + n, child)
    last = children[-1] if children else None
    if last is not None:
        last.tail = (last.tail or "") + (el.tail or "")
    else:
        _to_previous(el, el.tail or "")
    parent.remove(el)


def _to_previous(el: etree._Element, s: str) -> None:
    """Add `s` to the text just before `el`."""
    if not s:
        return
    prev = el.getprevious()
    if prev is not None:
        prev.tail = (prev.tail or "") + s
    else:
        parent = el.getparent()
        parent.text = (parent.text or "") + s
