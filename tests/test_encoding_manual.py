"""The encoding manual (docs/encoding.md) against the ODD, the XSD, the showcase and the converter.

What is checked (each check is a function that returns the problems it finds, so that the tests at
the end can prove, on a spoiled copy of the manual, that every check is able to fail):

(a) every element the ODD or the XSD allows is described in a section (a generated attribute table) or named
    in the generated "also allowed" line; every element the converter writes in the showcase text
    is shown in an example;
(b) every closed value list of the ODD appears in the generated tables with exactly its values, and
    the tables list no closed value the ODD does not have; every generated block is what
    `scripts/gen_encoding_tables.py` writes today;
(c) every TEI example is well-formed; its complete elements are valid against schemas/edition.xsd,
    the attributes of the elements it cuts are valid on them, and its text-level and register
    elements, put into a minimal TEI document, pass `edition validate` with the rules;
(d) every excerpt said to come from the showcase, its transcript or another file occurs there
    (whitespace normalised, cuts allowed); a transcript snippet followed by TEI has the TEI's
    diplomatic text; a `converter` example is what the converter makes of the snippet before it.
Besides: every section that describes elements says where its decision is argued and shows an
example, the links of the manual resolve, and the header section maps every metadata key.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import itertools
import re
import sys
from functools import lru_cache

import pytest
from lxml import etree

from edition import api
from edition.settings import EncodeSettings, Metadata
from edition.text import iter_diplomatic
from edition.transcript.read import Source
from edition.validate import validate_data
from edition.validate.schemas import compiled_xsd, for_stream, resolve
from edition.xmlio import TEI_NS, XML_NS, serialize

from conftest import ROOT

MANUAL = ROOT / "docs" / "encoding.md"
ODD = ROOT / "schemas" / "edition.odd"
SHOWCASE = ROOT / "tei" / "march-1917.xml"
TRANSCRIPT = ROOT / "tei" / "sources" / "march-1917" / "march-1917-conference.txt"
ORIGINS = {"showcase": SHOWCASE, "transcript": TRANSCRIPT}
N = {"t": TEI_NS}

XML_CUT = re.compile(r"<!--\s*…\s*-->")
TEXT_CUT = "[…]"


def _load_generator():
    spec = importlib.util.spec_from_file_location("gen_encoding_tables", ROOT / "scripts" / "gen_encoding_tables.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


gen = _load_generator()


# --------------------------------------------------------------------------- the manual, parsed


@dataclasses.dataclass
class Block:
    lang: str  # text, xml, toml, tsv …
    origin: str  # "", showcase, transcript, converter, file=PATH
    body: str
    line: int
    section: str

    @property
    def where(self) -> str:
        return f"docs/encoding.md:{self.line} ({self.section})"


def blocks(text: str) -> list[Block]:
    secs = gen.sections(text)
    out = []
    for m in gen.FENCE.finditer(text):
        info = m.group("info").split()
        sec = gen.section_at(secs, m.start())
        out.append(
            Block(
                info[0] if info else "",
                info[1] if len(info) > 1 else "",
                m.group("body"),
                text.count("\n", 0, m.start()) + 1,
                sec.title if sec else "(preamble)",
            )
        )
    return out


def generated(text: str, kind: str) -> list[tuple[list[str], str]]:
    return [(m.group("args").split(), m.group("body")) for m in gen.BLOCK.finditer(text) if m.group("kind") == kind]


def table_rows(body: str) -> list[list[str]]:
    rows = []
    for line in body.splitlines():
        if line.startswith("|") and not re.fullmatch(r"\|(?:-+\|)+", line):
            rows.append([c.strip() for c in line.strip().strip("|").split("|")])
    return rows[1:] if rows else rows  # without the header row


# --------------------------------------------------------------------------- the ODD, read here (not by the generator)


@lru_cache
def odd_tree():
    return etree.parse(str(ODD))


def odd_elements() -> set[str]:
    return {
        name
        for ref in odd_tree().iterfind(".//t:schemaSpec/t:moduleRef[@include]", N)
        for name in ref.get("include").split()
    }


def odd_closed_lists() -> dict[tuple[str, str], list[str]]:
    found = {}
    for att in odd_tree().iterfind(".//t:elementSpec/t:attList/t:attDef", N):
        vals = att.find("t:valList[@type='closed']", N)
        if vals is not None:
            spec = att.getparent().getparent()
            found[(spec.get("ident"), att.get("ident"))] = [v.get("ident") for v in vals.iterfind("t:valItem", N)]
    return found


@lru_cache
def xsd():
    return compiled_xsd(for_stream(resolve("edition")))


@lru_cache
def sources():
    return gen.load_sources()


# --------------------------------------------------------------------------- (a) elements


def check_elements_described(text: str) -> list[str]:
    described = set()
    for _, body in generated(text, "attributes"):
        described |= {row[0].strip("`") for row in table_rows(body) if row[0]}
    also = set()
    for _, body in generated(text, "element-index"):
        m = re.search(r"^Also allowed [^:]*: (.*)\.$", body, re.MULTILINE)
        also |= set(re.findall(r"`([^`]+)`", m.group(1))) if m else set()
    allowed = odd_elements() | {e.local_name for e in xsd().elements.values()}
    return [
        f"<{name}> is allowed by the ODD or the XSD but neither described in a section nor listed as also allowed"
        for name in sorted(allowed - described - also)
    ]


def check_showcase_elements_shown(text: str) -> list[str]:
    shown = set()
    for b in blocks(text):
        if b.lang == "xml":
            try:
                shown |= {etree.QName(e).localname for e in _parse(b.body).iter(etree.Element)}
            except etree.XMLSyntaxError:
                pass
    written = {etree.QName(e).localname for e in etree.parse(str(SHOWCASE)).find("t:text", N).iter(etree.Element)}
    return [f"<{name}> is in the showcase text but in no example of the manual" for name in sorted(written - shown)]


# --------------------------------------------------------------------------- (b) value lists


def manual_closed_lists(text: str) -> dict[tuple[str, str], list[str]]:
    found: dict[tuple[str, str], list[str]] = {}
    current = None
    for _, body in generated(text, "attributes"):
        for row in table_rows(body):
            element, attribute, value = (row + ["", "", ""])[:3]
            if element:
                current = None
                if value.startswith("*closed list*"):
                    current = (element.strip("`"), attribute.split()[0].strip("`").lstrip("@"))
                    found.setdefault(current, [])
            elif current and re.fullmatch(r"`[^`]+`", value):
                found[current].append(value.strip("`"))
    return found


def check_value_lists(text: str) -> list[str]:
    odd, manual = odd_closed_lists(), manual_closed_lists(text)
    problems = [
        f"{el}/@{att}: the ODD allows {odd[(el, att)]}, the manual lists {manual.get((el, att))}"
        for el, att in sorted(odd)
        if manual.get((el, att)) != odd[(el, att)]
    ]
    problems += [
        f"{el}/@{att}: the manual lists a closed list {manual[(el, att)]} the ODD does not have"
        for el, att in sorted(set(manual) - set(odd))
    ]
    return problems


def check_generated_blocks(text: str) -> list[str]:
    try:
        fresh = gen.render(text, sources())
    except gen.StaleError as exc:
        return [str(exc)]
    if fresh == text:
        return []
    old = {m.start(): m.group(0) for m in gen.BLOCK.finditer(text)}
    stale = [
        f"the generated block at line {text.count(chr(10), 0, pos) + 1} is out of date"
        for (pos, block), new in zip(old.items(), (m.group(0) for m in gen.BLOCK.finditer(fresh)))
        if block != new
    ]
    return (stale or ["the generated blocks are out of date"]) + ["run scripts/gen_encoding_tables.py"]


# --------------------------------------------------------------------------- (c) well-formed and valid


def _parse(body: str) -> etree._Element:
    return etree.fromstring(f'<_ xmlns="{TEI_NS}">{body}</_>'.encode())


def _has_cut(el: etree._Element) -> bool:
    return any(isinstance(c, etree._Comment) and XML_CUT.fullmatch(f"<!--{c.text}-->") for c in el.iter())


def _complete_and_cut(root: etree._Element):
    """The maximal elements from which nothing is cut, and the elements that hold a cut."""
    complete, cut = [], []
    stack = list(root.iterchildren(etree.Element))
    while stack:
        el = stack.pop(0)
        if _has_cut(el):
            cut.append(el)
            stack[:0] = list(el.iterchildren(etree.Element))
        else:
            complete.append(el)
    return complete, cut


def _xsd_errors(el: etree._Element) -> list[str]:
    import xmlschema

    copy = etree.fromstring(etree.tostring(el, with_tail=False))
    return [str(e.reason) for e in xsd().iter_errors(xmlschema.XMLResource(copy, allow="none"))]


def _attribute_errors(el: etree._Element) -> list[str]:
    """The attributes of an element the example cuts: declared for it, with valid values."""
    shallow = etree.Element(el.tag, dict(el.attrib))
    return [e for e in _xsd_errors(shallow) if "attribute" in e]


_TOP = {"div", "p", "sp", "ab", "stage", "list", "table", "floatingText", "q"}
_BLOCK_GLOBAL = {"fw", "note", "gap", "lb", "metamark", "ellipsis"}
_PHRASE = {"choice", "date", "g", "measure", "name", "orgName", "persName", "ref", "supplied"}


def _skeleton(el: etree._Element) -> bytes | None:
    """A minimal TEI document holding `el` where it belongs, with what its pointers point at."""
    name = etree.QName(el).localname

    def T(tag, *children, **attrs):
        return _el(tag, children, attrs)

    frag = etree.fromstring(etree.tostring(el, with_tail=False))
    people, orgs, categories, parties, points = [], [], [], [], []
    defined = {e.get(f"{{{XML_NS}}}id") for e in frag.iter(etree.Element)}
    for e in frag.iter(etree.Element):
        for attr in ("who", "ref", "ana", "resp", "corresp", "target", "synch", "since", "origin"):
            for value in (e.get(attr) or "").split():
                pid = value[1:]
                if not value.startswith("#") or pid in defined:
                    continue
                defined.add(pid)
                kind = {"ana": categories, "resp": parties, "synch": points, "since": points, "origin": points}.get(
                    attr
                )
                if kind is None:
                    kind = orgs if etree.QName(e).localname in ("orgName", "affiliation") else people
                kind.append(pid)
    body = T("body")
    partic = T("particDesc")
    if name in _TOP or name in _BLOCK_GLOBAL or name in _PHRASE or name in ("head", "item", "row", "cell"):
        if name not in _TOP:
            body.append(T("p"))  # a body holds blocks
        holder = {
            "head": lambda: T("div", type="section"),
            "item": lambda: T("list"),
            "row": lambda: T("table"),
            "cell": lambda: T("table", T("row")),
        }.get(name)
        if name in _PHRASE:
            body.append(T("p", frag))
        elif holder:
            box = holder()
            (box[0] if name == "cell" else box).append(frag)
            body.append(box)
        else:
            body.append(frag)
    elif name == "person":
        partic.append(T("listPerson", frag))
    elif name == "org":
        partic.append(T("listOrg", frag))
    elif name in ("listPerson", "listOrg"):
        partic.append(frag)
    else:
        return None  # the XSD check is all there is
    if people:
        lp = partic.find("t:listPerson", N)
        if lp is None:
            lp = T("listPerson")
            partic.insert(0, lp)
        lp.extend(T("person", T("persName", pid, type="reg"), **{f"{{{XML_NS}}}id": pid}) for pid in people)
    if orgs:
        lo = partic.find("t:listOrg", N)
        if lo is None:
            lo = T("listOrg")
            partic.append(lo)
        lo.extend(T("org", T("orgName", pid), **{f"{{{XML_NS}}}id": pid}) for pid in orgs)
    if points:  # a time's point, in the timeline that opens the body
        body.insert(0, T("timeline", *(T("when", **{f"{{{XML_NS}}}id": pid}) for pid in points), unit="s"))
    if not len(body):
        body.append(T("p", "The register of the example."))
    title_stmt = T("titleStmt", T("title", "An example of docs/encoding.md"))
    if parties:
        title_stmt.append(
            T("respStmt", T("resp", "the example"), *[T("name", pid, **{f"{{{XML_NS}}}id": pid}) for pid in parties])
        )
    header = T(
        "teiHeader",
        T(
            "fileDesc",
            title_stmt,
            T("publicationStmt", T("p", "Not published.")),
            T("sourceDesc", T("p", "docs/encoding.md")),
        ),
    )
    if categories:
        header.append(
            T(
                "encodingDesc",
                T(
                    "classDecl",
                    T(
                        "taxonomy",
                        *[T("category", T("catDesc", pid), **{f"{{{XML_NS}}}id": pid}) for pid in categories],
                    ),
                ),
            )
        )
    profile = T("profileDesc", T("langUsage", T("language", "English", ident="en")))
    if len(partic):
        profile.append(partic)
    header.append(profile)
    return serialize(T("TEI", header, T("text", body)))


def _el(tag, children, attrs):
    el = etree.Element(f"{{{TEI_NS}}}{tag}", attrs, nsmap={None: TEI_NS} if tag == "TEI" else None)
    for child in children:
        if isinstance(child, str):
            el.text = child
        else:
            el.append(child)
    return el


def check_example(block: Block) -> list[str]:
    try:
        root = _parse(block.body)
    except etree.XMLSyntaxError as exc:
        return [f"{block.where}: not well-formed: {exc}"]
    problems = []
    complete, cut = _complete_and_cut(root)
    for el in cut:
        problems += [f"<{etree.QName(el).localname}>: {e}" for e in _attribute_errors(el)]
    documents = []
    for i, el in enumerate(complete):
        problems += [f"<{etree.QName(el).localname}>: {e}" for e in _xsd_errors(el)]
        doc = _skeleton(el)
        if doc is not None:
            documents.append((f"{etree.QName(el).localname}[{i}]", doc))
    if documents:
        for report in validate_data(documents).files:
            problems += [
                f"in a minimal document, {report.file}: {d.code} {d.message}"
                for d in report.diagnostics
                if d.severity == "error"
            ]
    return [f"{block.where}: {p}" for p in problems]


# --------------------------------------------------------------------------- (d) excerpts, pairs, converter


def _norm_xml(s: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", s)).strip()


def _norm_text(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def _occurs(pieces: list[str], haystack: str) -> str | None:
    """The first piece not found (in order) in the haystack, or None."""
    pos = 0
    for piece in pieces:
        at = haystack.find(piece, pos)
        if at < 0:
            return piece
        pos = at + len(piece)
    return None


@lru_cache
def _haystack(path: str, lang: str) -> str:
    text = (ROOT / path).read_text(encoding="utf-8")
    return _norm_xml(text) if lang == "xml" else _norm_text(text)


def _pieces(block: Block) -> list[str]:
    if block.lang == "xml":
        return [p for p in map(_norm_xml, XML_CUT.split(block.body)) if p]
    return [p for p in map(_norm_text, block.body.split(TEXT_CUT)) if p]


def check_excerpt(block: Block) -> list[str]:
    if block.origin in ORIGINS:
        path = str(ORIGINS[block.origin].relative_to(ROOT))
    elif block.origin.startswith("file="):
        path = block.origin[5:]
        if not (ROOT / path).is_file():
            return [f"{block.where}: no such file {path}"]
    else:
        return []
    missing = _occurs(_pieces(block), _haystack(path, block.lang))
    return [f"{block.where}: not found in {path}: {missing[:120]!r}"] if missing is not None else []


def _controls(s: str) -> str:
    """Control pictures (␇) in a text block stand for the control characters."""
    return "".join(chr(ord(c) - 0x2400) if 0x2400 <= ord(c) < 0x2420 else c for c in s)


def _tei_text(body: str) -> str:
    """The diplomatic text of a TEI example (what the edition adds left out), cuts kept as […]."""
    root = etree.fromstring(f'<text xmlns="{TEI_NS}">{XML_CUT.sub(TEXT_CUT, body)}</text>'.encode())
    return "".join(iter_diplomatic(root))


def _cut_pieces(s: str) -> list[str]:
    return [p for p in map(_norm_text, s.split(TEXT_CUT)) if p]


def check_pair(text_block: Block, xml_block: Block) -> list[str]:
    try:
        tei = _cut_pieces(_tei_text(xml_block.body))
    except etree.XMLSyntaxError:
        return []  # reported by check_example
    source = _cut_pieces(_controls(text_block.body))
    if tei != source:
        return [
            (
                f"{xml_block.where}: its text {' […] '.join(tei)!r} is not the transcript's "
                f"{' […] '.join(source)!r} ({text_block.where})"
            )
        ]
    return []


def pairs(bs: list[Block]) -> list[tuple[Block, Block]]:
    return [
        (a, b) for a, b in itertools.pairwise(bs) if a.lang == "text" and b.lang == "xml" and a.section == b.section
    ]


def check_converter(text_block: Block | None, xml_block: Block) -> list[str]:
    if text_block is None or text_block.lang != "text" or text_block.section != xml_block.section:
        return [f"{xml_block.where}: a converter example must follow the text it is made from"]
    source = Source("example.txt", _controls(text_block.body), "utf-8", False, "LF")
    out = _norm_xml(serialize(api.encode_source(source, EncodeSettings()).root).decode())
    missing = _occurs(_pieces(xml_block), out)
    return (
        [f"{xml_block.where}: the converter does not make {missing[:120]!r} of {text_block.where}"]
        if missing is not None
        else []
    )


# --------------------------------------------------------------------------- the whole manual


def check_sections(text: str) -> list[str]:
    problems = []
    bs = blocks(text)
    for sec in gen.sections(text):
        body = text[sec.start : sec.end]
        argued = [m for m in gen.BLOCK.finditer(body) if m.group("kind") == "argued"]
        has_table = any(m.group("kind") == "attributes" for m in gen.BLOCK.finditer(body))
        if has_table and not argued:
            problems.append(f"section {sec.title!r} does not say where its decision is argued")
        if (
            argued
            and "rules" not in argued[0].group("args").split()
            and not any(b.lang == "xml" and b.section == sec.title for b in bs)
        ):
            problems.append(f"section {sec.title!r} has no TEI example")
    return problems


def check_links(text: str) -> list[str]:
    """Links to sections name a heading of the manual; links to files name a file of the repository."""
    anchors = {s.anchor for s in gen.sections(text)}
    problems = []
    for target in re.findall(r"\]\(([^)\s]+)\)", gen.FENCE.sub("", text)):
        if target.startswith("#"):
            if target[1:] not in anchors:
                problems.append(f"a link to #{target[1:]}, which is no heading of the manual")
        elif not re.match(r"[a-z]+:", target) and not (MANUAL.parent / target).resolve().exists():
            problems.append(f"a link to {target}, which does not exist")
    return problems


def check_header_mapping(text: str) -> list[str]:
    sec = next((s for s in gen.sections(text) if s.title.endswith("The header")), None)
    if sec is None:
        return ["the manual has no section on the header"]
    body = text[sec.start : sec.end]
    return [
        f"the header section does not say where the config's metadata `{f.name}` goes"
        for f in dataclasses.fields(Metadata)
        if f"`{f.name}`" not in body
    ]


@pytest.fixture(scope="module")
def manual() -> str:
    return MANUAL.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def manual_blocks(manual) -> list[Block]:
    return blocks(manual)


# --------------------------------------------------------------------------- the tests


def test_generated_blocks_are_current(manual):
    assert check_generated_blocks(manual) == []


def test_every_element_of_the_odd_is_described(manual):
    assert check_elements_described(manual) == []


def test_every_element_the_converter_writes_is_shown(manual):
    assert check_showcase_elements_shown(manual) == []


def test_every_closed_value_list_is_the_odds(manual):
    assert manual_closed_lists(manual), "no value tables found"
    assert check_value_lists(manual) == []


def test_every_section_argues_and_shows(manual):
    assert check_sections(manual) == []


def test_links_resolve(manual):
    assert check_links(manual) == []


def test_header_section_maps_every_metadata_key(manual):
    assert check_header_mapping(manual) == []


def test_examples_are_well_formed_and_valid(manual_blocks):
    examples = [b for b in manual_blocks if b.lang == "xml"]
    assert len(examples) >= 30
    assert [p for b in examples for p in check_example(b)] == []


def test_excerpts_occur_where_they_say(manual_blocks):
    sourced = [b for b in manual_blocks if b.origin in ORIGINS or b.origin.startswith("file=")]
    assert sum(b.origin == "showcase" for b in sourced) >= 30
    assert [p for b in sourced for p in check_excerpt(b)] == []


def test_transcript_and_tei_pairs_have_the_same_text(manual_blocks):
    found = pairs(manual_blocks)
    assert len(found) >= 25
    assert [p for a, b in found for p in check_pair(a, b)] == []


def test_converter_examples_are_what_the_converter_makes(manual_blocks):
    problems = []
    for i, b in enumerate(manual_blocks):
        if b.origin == "converter":
            problems += check_converter(manual_blocks[i - 1] if i else None, b)
    assert problems == []


def test_no_unknown_block_origin(manual_blocks):
    bad = [
        b.where
        for b in manual_blocks
        if b.origin and b.origin not in (*ORIGINS, "converter") and not b.origin.startswith("file=")
    ]
    assert bad == []


# --------------------------------------------------------------------------- the checks can fail


def examples_check(text: str) -> list[str]:
    return [p for b in blocks(text) if b.lang == "xml" for p in check_example(b)]


def excerpts_check(text: str) -> list[str]:
    return [p for b in blocks(text) for p in check_excerpt(b)]


def pairs_check(text: str) -> list[str]:
    return [p for a, b in pairs(blocks(text)) for p in check_pair(a, b)]


def converter_check(text: str) -> list[str]:
    bs = blocks(text)
    return [p for i, b in enumerate(bs) if b.origin == "converter" for p in check_converter(bs[i - 1], b)]


G_ROWS = """| `g` | `@type` | *open*: one word |  |
| `g` | `@ref` | *pointer*: an `#id` or a URL |  |
"""

#: name: ([(old, new), …], the check that must notice). Each spoils the manual in one way.
SPOILERS = {
    "value dropped": ([("| | | `interrupted` | the speech breaks off |\n", "")], check_value_lists),
    "value dropped, block stale": ([("| | | `interrupted` | the speech breaks off |\n", "")], check_generated_blocks),
    "value invented": ([("| | | `omitted` |", "| | | `skipped` |")], check_value_lists),
    "element undescribed": (
        [("<!-- generated: attributes lb g -->", "<!-- generated: attributes lb -->"), (G_ROWS, "")],
        check_elements_described,
    ),
    "converter element unshown": (
        [('program <ellipsis><metamark function="omission">...</metamark></ellipsis>', "program ...")],
        check_showcase_elements_shown,
    ),
    "section without its argument": (
        [("<!-- generated: argued sessions -->", "<!-- generated: argues sessions -->")],
        check_sections,
    ),
    "metadata key unmapped": (
        [("| the transcript as read; `source_url` |", "| the transcript as read |")],
        check_header_mapping,
    ),
    "link broken": ([("## 18. The register", "## 18. The person register")], check_links),
    "example invalid": ([('<idno type="wikidata">Q1394</idno>', "<idno>Q1394</idno>")], examples_check),
    "example malformed": ([("<roleName>Comrade</roleName>", "<roleName>Comrade</rolename>")], examples_check),
    "example breaks a rule": (
        [('quantity="3">three</measure> votes', 'quantity="5">three</measure> votes')],
        examples_check,
    ),
    "example points at nobody's kind": ([('<p ana="#vote">Adopted by', '<p ana="#voting">Adopted by')], examples_check),
    "excerpt not in the showcase": ([('quantity="38">For – 38', 'quantity="39">For – 38')], excerpts_check),
    "snippet not in the transcript": ([("Chairman: comrade Nogin.\n", "Chairman: comrade Kamenev.\n")], excerpts_check),
    "snippet of another passage": (
        [("```text transcript\nTHE CHAIRMAN deprives him of the floor.\n", "```text transcript\nThe vote is taken.\n")],
        pairs_check,
    ),
    "converter example not made": (
        [("<speaker>Mr. BROWN of Ohio.</speaker>", "<speaker>Mr. BROWN of Iowa.</speaker>")],
        converter_check,
    ),
}


@pytest.mark.parametrize("name", list(SPOILERS))
def test_a_spoiled_manual_fails(manual, name):
    edits, check = SPOILERS[name]
    assert check(manual) == [], f"{check.__name__} fails on the manual itself"
    spoiled = manual
    for old, new in edits:
        assert old in spoiled, f"the spoiling needs {old!r} in the manual"
        spoiled = spoiled.replace(old, new, 1)
    assert check(spoiled), f"{check.__name__} did not notice: {name}"
