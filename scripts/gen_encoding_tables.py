"""Regenerate the generated blocks of the encoding manual (docs/encoding.md) from the ODD and its schemas.

    .venv/bin/python scripts/gen_encoding_tables.py           # rewrite the blocks in place
    .venv/bin/python scripts/gen_encoding_tables.py --check   # exit 1 if the manual is out of date

The prose and the examples of the manual are written by hand; everything in it that restates the
customisation is a block the script writes and `tests/test_encoding_manual.py` compares:

    <!-- generated: KIND ARG … -->
    …
    <!-- /generated -->

KIND is one of
  attributes EL … [EL@ATT …]  a table of each element's own attributes (the XSD generated from the
                              ODD: name, use, closed value lists; the ODD resolved against TEI P5:
                              datatype, value descriptions, attribute descriptions; showcase: the
                              values an open attribute takes there). EL@ATT adds one of the global
                              attributes for that element.
  global-attributes           the attributes every element takes (every element of the XSD has them)
  argued DIV                  where the section's decision is argued in the ODD (a div's id and head)
  odd-prose                   the ODD's encoding decisions, quoted div by div
  rules                       the rules beyond the grammar (the ODD's constraintSpecs)
  assertions                  the co-occurrence rules the grammar cannot state: the ODD's E200
                              Schematron constraints (element, message)
  element-index               every element of the ODD: module, where described, where shown;
                              and the "also allowed" line of elements no section describes yet

Nothing in a block is typed by hand: if the ODD or the schemas generated from it change
(scripts/gen_schemas.py), the test fails until this script is run and the diff reviewed. What the
script keeps is how each TEI datatype is worded (DATATYPES), never what an element allows.
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

#: How each datatype of the ODD (TEI P5's `teidata.*`, or an XSD datatype it names) is shown, by
#: (datatype, whether the attribute takes several values). An unknown one stops the script:
#: describe it here.
DATATYPES = {
    ("teidata.pointer", True): "*pointers*: `#id`s or URLs, space-separated",
    ("teidata.pointer", False): "*pointer*: an `#id` or a URL",
    ("teidata.enumerated", False): "*open*: one word",
    ("teidata.enumerated", True): "*open*: words, space-separated",
    ("teidata.word", False): "*open*: one word",
    ("teidata.word", True): "*open*: words, space-separated",
    ("teidata.count", False): "*whole number*, 0 or more",
    ("teidata.temporal.w3c", False): "*date*: `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or a date and time",
    ("teidata.numeric", False): "*number*",
    ("decimal", False): "*number*",
    ("positiveInteger", False): "*whole number*, 1 or more",
    ("teidata.text", False): "*text*",
    ("ID", False): "*identifier*, unique in the document",
    ("teidata.language", False): "*language code* (BCP 47: `en`, `ru`, `de-CH`)",
}
#: Open attributes whose values in the showcase are worth showing (identifiers, numbers and
#: pointers are not).
SHOW_VALUES = {
    ("teidata.enumerated", False),
    ("teidata.enumerated", True),
    ("teidata.word", False),
    ("teidata.word", True),
    ("teidata.language", False),
}


class StaleError(Exception):
    """The ODD, its schemas and the script disagree: what changed must be described first."""


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


# --------------------------------------------------------------------------- the schemas


def read_xsd():
    """The XSD generated from the ODD, compiled (xmlschema), as `edition validate` uses it."""
    sys.path.insert(0, str(ROOT))
    from edition.validate.schemas import compiled_xsd, for_stream, resolve

    return compiled_xsd(for_stream(resolve("edition")))


def global_attributes(xsd) -> dict[str, object]:
    """The attributes every element of the schema takes, in the order the first declares them."""
    declarations = list(xsd.elements.values())
    common = set.intersection(*(set(d.attributes) for d in declarations))
    return {_att_name(q): a for q, a in declarations[0].attributes.items() if q in common}


def _att_name(qname: str) -> str:
    return qname.replace(f"{{{XML_NS}}}", "xml:")


def _enumeration(simple_type) -> list[str] | None:
    """The closed values of a type: its own, its list's items', or (a list given a minimum
    length, as trang writes `oneOrMore` values) its base list's."""
    if getattr(simple_type, "enumeration", None):
        return list(simple_type.enumeration)
    for inner in (getattr(simple_type, "item_type", None), getattr(simple_type, "base_type", None)):
        if inner is not None and inner is not simple_type and (inner.is_list() or simple_type.is_list()):
            found = _enumeration(inner)
            if found:
                return found
    return None


class Datatypes:
    """The datatype of each attribute, read from the ODD resolved against TEI P5: the attribute's
    definition on the element, else on the attribute classes the element belongs to."""

    def __init__(self, path: Path = ODD) -> None:
        sys.path.insert(0, str(ROOT))
        from edition.odd.resolve import resolve

        self.specs = resolve(path).specs

    def of(self, element: str, attribute: str) -> tuple[str, bool]:
        """(datatype, several values) of `attribute` (`who`, `xml:id`) on `element`."""
        from edition.odd.attributes import attribute_name
        from edition.odd.source import t

        queue, seen = [self.specs[element]], {element}
        while queue:
            spec = queue.pop(0)
            for att in spec.iter(t("attDef")):
                datatype = att.find(t("datatype"))
                if attribute_name(att) == attribute and att.get("mode") != "delete" and datatype is not None:
                    if len(datatype):  # an attDef that changes a class's only in its values has none
                        kind = datatype[0]
                        name = kind.get("key") or kind.get("name") or kind.get("type") or etree.QName(kind).localname
                        return name, (datatype.get("maxOccurs") or "1") != "1"
            for member in spec.iter(t("memberOf")):
                key = member.get("key")
                if key in self.specs and key not in seen and self.specs[key].get("type") == "atts":
                    seen.add(key)
                    queue.append(self.specs[key])
        raise StaleError(f"{element}/@{attribute}: the ODD gives it no datatype")


def describe(datatype: tuple[str, bool]) -> str:
    if datatype not in DATATYPES:
        raise StaleError(
            f"the ODD has a datatype the manual does not describe: {datatype[0]}"
            f"{' (several values)' if datatype[1] else ''} (add it to DATATYPES in {Path(__file__).name})"
        )
    return DATATYPES[datatype]


def odd_constraints(path: Path = ODD) -> list[tuple[str, str]]:
    """(element, message) of each of the ODD's E200 constraints: what the grammar cannot state."""
    sch = {**N, "sch": "http://purl.oclc.org/dsdl/schematron"}
    found = []
    for spec in etree.parse(str(path)).iterfind(".//t:constraintSpec", N):
        if not spec.get("ident", "").startswith("E200-"):
            continue
        for rule in spec.iterfind(".//sch:rule", sch):
            names = [step.strip().split("[")[0].removeprefix("tei:") for step in rule.get("context").split("|")]
            for check in rule.iterfind("sch:assert", sch):
                text = " ".join(str(check.xpath("string(text()[last()])")).split())
                text = text.removeprefix(">: ").removeprefix(f"<{names[0]}>: ")
                found += [(name, text) for name in names if (name, text) not in found]
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
    datatypes: Datatypes
    showcase: dict[tuple[str, str], list[str]]
    assertions: list[tuple[str, str]]


def load_sources() -> Sources:
    return Sources(read_odd(), read_xsd(), Datatypes(), showcase_values(), odd_constraints())


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
                kind = "*closed list*, one or more, space-separated" if attr.type.is_list() else "*closed list*"
                rows.append(f"| `{name}` | `@{att}`{use} | {kind} | {src.odd.att_desc.get(key, '')} |")
                rows += [f"| | | `{value}` | {desc} |" for value, desc in src.odd.closed[key]]
                continue
            if enum is not None:
                raise StaleError(f"{name}/@{att}: the XSD closes it to {enum}, the ODD does not")
            meaning = src.odd.att_desc.get(key, "")
            datatype = src.datatypes.of(name, att)
            if datatype in SHOW_VALUES and key in src.showcase:
                shown = ", ".join(f"`{v}`" for v in src.showcase[key])
                meaning = f"{meaning} In the showcase: {shown}.".strip()
            rows.append(f"| `{name}` | `@{att}`{use} | {describe(datatype)} | {meaning} |")
    return "\n".join(rows) + "\n"


def block_global_attributes(src: Sources, args: list[str], text: str) -> str:
    rows = ["| attribute | value |", "|---|---|"]
    first = next(iter(src.xsd.elements))
    for att in global_attributes(src.xsd):
        rows.append(f"| `@{att}` | {describe(src.datatypes.of(first, att))} |")
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
