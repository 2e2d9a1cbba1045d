"""Regenerate the generated blocks of the encoding manual (docs/encoding.md) from the ODD and the XSD.

    .venv/bin/python scripts/gen_encoding_tables.py           # rewrite the blocks in place
    .venv/bin/python scripts/gen_encoding_tables.py --check   # exit 1 if the manual is out of date

The prose and the examples of the manual are written by hand; everything in it that restates the
customisation is a block the script writes and `tests/test_encoding_manual.py` compares:

    <!-- generated: KIND ARG … -->
    …
    <!-- /generated -->

KIND is one of
  attributes EL … [EL@ATT …]  a table of each element's own attributes (XSD: name, use, datatype;
                              ODD: closed value lists with their descriptions, attribute descriptions;
                              showcase: the values an open attribute takes there). EL@ATT adds one
                              of the global attributes for that element.
  global-attributes           the attributes every element takes (the XSD's `global` group)
  argued DIV                  where the section's decision is argued in the ODD (a div's id and head)
  odd-prose                   the ODD's encoding decisions, quoted div by div
  rules                       the rules beyond the grammar (the ODD's constraintSpecs)
  assertions                  the co-occurrence rules the XSD states as xs:assert
  element-index               every element of the ODD: module, where described, where shown;
                              and the "also allowed" line of elements no section describes yet

Nothing in a block is typed by hand: if the ODD or the XSD changes, the test fails until this script
is run and the diff reviewed.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
MANUAL = ROOT / "docs" / "encoding.md"
ODD = ROOT / "schemas" / "edition.odd"
XSD = ROOT / "schemas" / "edition.xsd"
SHOWCASE = ROOT / "tei" / "march-1917.xml"

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XS_NS = "http://www.w3.org/2001/XMLSchema"
N = {"t": TEI_NS, "xs": XS_NS}

BLOCK = re.compile(
    r"<!-- generated: (?P<kind>[a-z-]+)(?P<args>(?: [^ \n]+)*) -->\n(?P<body>.*?)<!-- /generated -->", re.DOTALL
)
HEADING = re.compile(r"^(?P<level>#{2,3}) (?P<title>.+)$", re.MULTILINE)
FENCE = re.compile(r"^```(?P<info>[^\n]*)\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)

#: How each datatype of the XSD is shown. An unknown datatype stops the script: describe it here.
DATATYPES = {
    f"{{{TEI_NS}}}pointers": "*pointers*: `#id`s or URLs, space-separated",
    f"{{{TEI_NS}}}pointer": "*pointer*: an `#id` or a URL",
    f"{{{TEI_NS}}}token": "*open*: one word",
    f"{{{TEI_NS}}}tokens": "*open*: words, space-separated",
    f"{{{TEI_NS}}}count": "*whole number*, 0 or more",
    f"{{{TEI_NS}}}temporal": "*date*: `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or a date and time",
    f"{{{XS_NS}}}decimal": "*number*",
    f"{{{XS_NS}}}positiveInteger": "*whole number*, 1 or more",
    f"{{{XS_NS}}}string": "*text*",
    f"{{{XS_NS}}}ID": "*identifier*, unique in the document",
    f"{{{XS_NS}}}language": "*language code* (BCP 47: `en`, `ru`, `de-CH`)",
    None: "*language code* (BCP 47: `en`, `ru`, `de-CH`)",  # xml:lang, from xml.xsd
}
#: Open attributes whose values in the showcase are worth showing (identifiers, numbers and
#: pointers are not).
SHOW_VALUES = {f"{{{TEI_NS}}}token", f"{{{TEI_NS}}}tokens", f"{{{XS_NS}}}language"}


class StaleError(Exception):
    """The ODD, the XSD and the script disagree: what changed must be described first."""


# --------------------------------------------------------------------------- the ODD


@dataclass
class Odd:
    modules: dict[str, str] = field(default_factory=dict)  # element -> module
    closed: dict[tuple[str, str], list[tuple[str, str]]] = field(default_factory=dict)
    att_desc: dict[tuple[str, str], str] = field(default_factory=dict)
    divs: dict[str, tuple[str, list[etree._Element]]] = field(default_factory=dict)
    constraints: list[tuple[str, str, str]] = field(default_factory=list)


def _text(el: etree._Element | None) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def read_odd(path: Path = ODD) -> Odd:
    tree = etree.parse(str(path))
    odd = Odd()
    for ref in tree.iterfind(".//t:schemaSpec/t:moduleRef", N):
        for name in (ref.get("include") or "").split():
            odd.modules[name] = ref.get("key")
    for att in tree.iterfind(".//t:elementSpec/t:attList/t:attDef", N):
        key = (att.getparent().getparent().get("ident"), att.get("ident"))
        if att.find("t:desc", N) is not None:
            odd.att_desc[key] = _text(att.find("t:desc", N))
        vals = att.find("t:valList[@type='closed']", N)
        if vals is not None:
            odd.closed[key] = [(v.get("ident"), _text(v.find("t:desc", N))) for v in vals.iterfind("t:valItem", N)]
    for div in tree.iterfind(".//t:body/t:div[@xml:id]", {**N, "xml": XML_NS}):
        if div.find("t:schemaSpec", N) is None:
            odd.divs[div.get(f"{{{XML_NS}}}id")] = (_text(div.find("t:head", N)), div.findall("t:p", N))
    sch = {**N, "sch": "http://purl.oclc.org/dsdl/schematron"}
    for spec in tree.iterfind(".//t:constraintSpec", N):
        contexts = [r.get("context") for r in spec.iterfind(".//sch:rule", sch)]
        if contexts:  # a constraintSpec of shared functions states no rule
            odd.constraints.append(
                (spec.get("ident"), _text(spec.find("t:desc", N)), ", ".join(c.replace("|", "\\|") for c in contexts))
            )
    return odd


def odd_markdown(p: etree._Element) -> str:
    """An ODD paragraph as Markdown: <gi> as `<x>`, <att> as `@x`, <val> and <ident> as code."""
    out = [p.text or ""]
    for child in p:
        name = etree.QName(child).localname
        inner = _text(child)
        out.append(
            {
                "gi": f"`<{inner}>`",
                "att": f"`@{inner}`",
                "val": f"`{inner}`",
                "ident": f"`{inner}`",
                "q": f"“{inner}”",
            }.get(name, inner)
        )
        out.append(child.tail or "")
    return " ".join("".join(out).split())


# --------------------------------------------------------------------------- the XSD


def read_xsd():
    """The compiled XSD (xmlschema), as `edition validate` uses it."""
    sys.path.insert(0, str(ROOT))
    from edition.validate.schemas import compiled_xsd, for_stream, resolve

    return compiled_xsd(for_stream(resolve("edition")))


def global_attributes(xsd) -> dict[str, object]:
    group = xsd.maps.attribute_groups[f"{{{TEI_NS}}}global"]
    return {_att_name(q): a for q, a in group.items()}


def _att_name(qname: str) -> str:
    return qname.replace(f"{{{XML_NS}}}", "xml:")


def _datatype(attr) -> str:
    name = attr.type.name
    if name not in DATATYPES:
        raise StaleError(
            f"the XSD has a datatype the manual does not describe: {name} "
            f"(add it to DATATYPES in {Path(__file__).name})"
        )
    return DATATYPES[name]


def _enumeration(simple_type) -> list[str] | None:
    if getattr(simple_type, "enumeration", None):
        return list(simple_type.enumeration)
    item = getattr(simple_type, "item_type", None)
    return _enumeration(item) if item is not None else None


def xsd_assertions(path: Path = XSD) -> list[tuple[str, str]]:
    tree = etree.parse(str(path))
    found = []
    for el in tree.iterfind(".//xs:element[@name]", N):
        for test in el.iterfind(".//xs:assert", N):
            doc = _text(test.find("xs:annotation/xs:documentation", N))
            if (el.get("name"), doc) not in found:
                found.append((el.get("name"), doc))
    return found


# --------------------------------------------------------------------------- the showcase


def showcase_values(path: Path = SHOWCASE) -> dict[tuple[str, str], list[str]]:
    """Every (element, attribute) → the distinct tokens it takes in the showcase, sorted."""
    values: dict[tuple[str, str], set[str]] = {}
    for el in etree.parse(str(path)).iter(etree.Element):
        for q, v in el.attrib.items():
            values.setdefault((etree.QName(el).localname, _att_name(q)), set()).update(v.split())
    return {k: sorted(v) for k, v in values.items()}


# --------------------------------------------------------------------------- the manual


def slug(title: str) -> str:
    """The anchor GitHub gives a heading."""
    return re.sub(r"[^\w\- ]", "", title.strip().lower()).replace(" ", "-")


@dataclass
class Section:
    title: str
    start: int
    end: int

    @property
    def anchor(self) -> str:
        return slug(self.title)


def sections(text: str) -> list[Section]:
    """Level-2 sections of the manual (fenced code is not searched for headings)."""
    masked = FENCE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    heads = [m for m in HEADING.finditer(masked) if m.group("level") == "##"]
    return [
        Section(m.group("title"), m.start(), heads[i + 1].start() if i + 1 < len(heads) else len(text))
        for i, m in enumerate(heads)
    ]


def section_at(secs: list[Section], pos: int) -> Section | None:
    return next((s for s in secs if s.start <= pos < s.end), None)


def described_elements(text: str) -> dict[str, list[Section]]:
    """Element → the sections whose attribute tables describe it."""
    secs = sections(text)
    found: dict[str, list[Section]] = {}
    for m in BLOCK.finditer(text):
        if m.group("kind") == "attributes":
            for arg in m.group("args").split():
                if "@" not in arg:
                    found.setdefault(arg, []).append(section_at(secs, m.start()))
    return found


def example_elements(text: str) -> dict[str, list[Section]]:
    """Element → the sections whose XML examples use it."""
    secs = sections(text)
    found: dict[str, list[Section]] = {}
    for m in FENCE.finditer(text):
        if m.group("info").split()[:1] != ["xml"]:
            continue
        try:
            root = etree.fromstring(f'<_ xmlns="{TEI_NS}">{m.group("body")}</_>'.encode())
        except etree.XMLSyntaxError:
            continue  # the test reports it
        sec = section_at(secs, m.start())
        for el in root.iterdescendants(etree.Element):
            lst = found.setdefault(etree.QName(el).localname, [])
            if sec not in lst:
                lst.append(sec)
    return found


# --------------------------------------------------------------------------- the blocks


@dataclass
class Sources:
    odd: Odd
    xsd: object
    showcase: dict[tuple[str, str], list[str]]
    assertions: list[tuple[str, str]]


def load_sources() -> Sources:
    return Sources(read_odd(), read_xsd(), showcase_values(), xsd_assertions())


def _link(sec: Section) -> str:
    return f"[{sec.title}](#{sec.anchor})"


def _short_link(sec: Section) -> str:
    number = re.match(r"(\d+)\.", sec.title)
    return f"[§{number.group(1)}](#{sec.anchor})" if number else _link(sec)


def block_attributes(src: Sources, args: list[str], text: str) -> str:
    globals_ = global_attributes(src.xsd)
    rows = ["| element | attribute | value | meaning |", "|---|---|---|---|"]
    for arg in args:
        name, _, extra = arg.partition("@")
        if name not in src.xsd.elements:
            raise StaleError(f"<{name}> is not an element of the schema")
        decl = src.xsd.elements[name]
        attrs = {_att_name(q): a for q, a in decl.attributes.items()}
        if extra:
            if extra not in globals_:
                raise StaleError(f"@{extra} is not a global attribute")
            chosen = [extra]
        else:
            chosen = [a for a in attrs if a not in globals_]
        if not chosen:
            rows.append(f"| `{name}` | *global attributes only* | | |")
        for att in chosen:
            attr = attrs[att]
            use = " (required)" if attr.use == "required" else ""
            key = (name, att)
            enum = _enumeration(attr.type)
            if key in src.odd.closed:
                odd_values = [v for v, _ in src.odd.closed[key]]
                if enum is None or set(enum) != set(odd_values):
                    raise StaleError(f"{name}/@{att}: the ODD closes it to {odd_values}, the XSD to {enum}")
                kind = (
                    "*closed list*"
                    if getattr(attr.type, "item_type", None) is None
                    else "*closed list*, one or more, space-separated"
                )
                rows.append(f"| `{name}` | `@{att}`{use} | {kind} | {src.odd.att_desc.get(key, '')} |")
                rows += [f"| | | `{value}` | {desc} |" for value, desc in src.odd.closed[key]]
                continue
            if enum is not None:
                raise StaleError(f"{name}/@{att}: the XSD closes it to {enum}, the ODD does not")
            meaning = src.odd.att_desc.get(key, "")
            if attr.type.name in SHOW_VALUES and key in src.showcase:
                shown = ", ".join(f"`{v}`" for v in src.showcase[key])
                meaning = f"{meaning} In the showcase: {shown}.".strip()
            rows.append(f"| `{name}` | `@{att}`{use} | {_datatype(attr)} | {meaning} |")
    return "\n".join(rows) + "\n"


def block_global_attributes(src: Sources, args: list[str], text: str) -> str:
    rows = ["| attribute | value |", "|---|---|"]
    for att, attr in global_attributes(src.xsd).items():
        rows.append(f"| `@{att}` | {_datatype(attr)} |")
    return "\n".join(rows) + "\n"


def block_argued(src: Sources, args: list[str], text: str) -> str:
    for div in args:
        if div not in src.odd.divs:
            raise StaleError(f"the ODD has no div xml:id={div!r}")
    divs = ", ".join(f"div `{div}` (“{src.odd.divs[div][0]}”)" for div in args)
    prose = next(
        (section_at(sections(text), m.start()) for m in BLOCK.finditer(text) if m.group("kind") == "odd-prose"), None
    )
    quoted = f"; quoted in {_link(prose)}" if prose else ""
    return f"*Argued in* [`schemas/edition.odd`](../schemas/edition.odd): {divs}{quoted}.\n"


def block_odd_prose(src: Sources, args: list[str], text: str) -> str:
    out = []
    for div, (head, paras) in src.odd.divs.items():
        out.append(f"**{head}** (div `{div}`)\n")
        out += [f"> {odd_markdown(p)}\n" for p in paras]
    return "\n".join(out)


def block_rules(src: Sources, args: list[str], text: str) -> str:
    rows = ["| code | rule | Schematron rule context |", "|---|---|---|"]
    rows += [f"| {code} | {desc} | `{check}` |" for code, desc, check in src.odd.constraints]
    return "\n".join(rows) + "\n"


def block_assertions(src: Sources, args: list[str], text: str) -> str:
    rows = ["| element | the schema requires |", "|---|---|"]
    rows += [f"| `{el}` | {doc} |" for el, doc in src.assertions]
    return "\n".join(rows) + "\n"


def block_element_index(src: Sources, args: list[str], text: str) -> str:
    described = described_elements(text)
    shown = example_elements(text)
    rows = ["| element | module | described in | shown in |", "|---|---|---|---|"]
    for name in sorted(src.odd.modules, key=str.lower):
        d = ", ".join(_link(s) for s in described.get(name, []) if s)
        e = ", ".join(_short_link(s) for s in shown.get(name, []) if s)
        rows.append(f"| `{name}` | {src.odd.modules[name]} | {d or '—'} | {e or '—'} |")
    also = [n for n in sorted(src.odd.modules, key=str.lower) if n not in described]
    rows.append("")
    rows.append(
        "Also allowed (declared in the ODD, described in no section yet): "
        + (", ".join(f"`{n}`" for n in also) if also else "none")
        + "."
    )
    return "\n".join(rows) + "\n"


KINDS = {
    "attributes": block_attributes,
    "global-attributes": block_global_attributes,
    "argued": block_argued,
    "odd-prose": block_odd_prose,
    "rules": block_rules,
    "assertions": block_assertions,
    "element-index": block_element_index,
}


def render(text: str, src: Sources | None = None) -> str:
    """The manual with every generated block rewritten."""
    src = src or load_sources()

    def one(m: re.Match, current: str) -> str:
        kind, args = m.group("kind"), m.group("args").split()
        if kind in KINDS:
            body = KINDS[kind](src, args, current)
        else:
            raise StaleError(f"unknown generated block kind {kind!r}")
        return f"<!-- generated: {kind}{m.group('args')} -->\n\n{body}\n<!-- /generated -->"

    return BLOCK.sub(lambda m: one(m, text), text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the manual is out of date")
    parser.add_argument("manual", nargs="?", default=str(MANUAL))
    args = parser.parse_args(argv)
    path = Path(args.manual)
    text = path.read_text(encoding="utf-8")
    try:
        new = render(text)
    except StaleError as exc:
        print(f"{path}: {exc}", file=sys.stderr)
        return 1
    if new == text:
        print(f"{path}: up to date")
        return 0
    if args.check:
        print(f"{path}: out of date; run scripts/gen_encoding_tables.py", file=sys.stderr)
        return 1
    path.write_text(new, encoding="utf-8")
    print(f"{path}: generated blocks rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main())
