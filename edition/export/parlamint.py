"""A ParlaMint corpus: what ParlaMint's own schemas and checks accept.

ParlaMint (CLARIN ERIC's comparable corpora of parliamentary debates) keeps a corpus as a folder:
a root file `ParlaMint-XX.xml` (a `teiCorpus` whose header holds the taxonomies, the organisations
and the speakers, and which XIncludes the sittings) and one component file per sitting,
`ParlaMint-XX_YYYY-MM-DD[-n].xml`, whose text is only `div`, `head`, `u`, text-only `seg` and the
transcriber's comments (`note`, `kinesic`, `vocal`, `incident`, `gap`). The official RELAX NG
schemas and `validate-parlamint.xsl` check names, ids, titles and the taxonomies.

Two stages. The first is the Parla-CLARIN export (`parla_clarin.py`, XSLT): turns become `u` with
their paragraphs as `seg`, narration `note`, stage directions events. The second, here, cuts that
document into sittings (`component.py` builds their text) and writes the headers ParlaMint wants
(`parlamint_header.py`). A ParlaMint component given as input passes through as it is (only what
the schemas in use refuse is dropped) under a root made for it.

What the source cannot say is an option with a documented default (`ExportOptions`): the country
code (`XX`, the user-assigned ISO 3166 code), the corpus name (`Unnamed`), the web address of the
source (else the first in the TEI header, else `https://example.org/`), the date of an undated
document (else a date in the TEI, else one in the file name).
"""

from __future__ import annotations

import copy
import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from edition.errors import UsageError
from edition.export import ExportOptions, parla_clarin
from edition.export.parlamint_component import XML_LANG, Sitting, build_component, cut_sittings
from edition.export.parlamint_header import (
    CorpusInfo,
    component_header,
    corpus_root,
    person_register,
)
from edition.files import refuse_inputs, staged_folder
from edition.xmlio import NS, XML_ID, serialize, tei

#: ParlaMint's ids (validate-parlamint.xsl: `idTemplate` and the TEI id pattern).
CORPUS_ID = re.compile(r"^ParlaMint-[A-Z]{2}(-[A-Z0-9]{1,3})?(-[a-z]{2,3})?$")
COMPONENT_ID = re.compile(
    r"^(ParlaMint-[A-Z]{2}(-[A-Z0-9]{1,3})?(-[a-z]{2,3})?)_(\d{4}-[01]\d-[0123]\d)(-[-a-zA-Z0-9]+)?$"
)
COUNTRY = re.compile(r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")
NAME = re.compile(r"^\S+( \S+)?$")
DATE = re.compile(r"^\d{4}-[01]\d-[0123]\d$")
URL = re.compile(r"^https?://\S+$")
#: the elements the ParlaMint schema used here refuses an @xml:id on (4.0 data carries them)
NO_ID = {tei(t) for t in ("kinesic", "incident", "vocal", "gap", "desc")}


@dataclass
class Corpus:
    """A ParlaMint corpus in memory: the root and its components, by file name."""

    corpus_id: str
    root: etree._Element
    components: dict[str, etree._Element] = field(default_factory=dict)

    def files(self) -> dict[str, bytes]:
        out = {f"{self.corpus_id}.xml": _bytes(self.root)}
        out.update({f"{name}.xml": _bytes(el) for name, el in self.components.items()})
        return out


#: Elements whose content is one line of text: indentation never enters them.
LINES = {
    tei(t)
    for t in (
        "seg",
        "note",
        "head",
        "desc",
        "p",
        "catDesc",
        "title",
        "meeting",
        "resp",
        "persName",
        "orgName",
        "edition",
        "measure",
        "idno",
        "date",
        "name",
        "licence",
        "term",
        "kinesic",
        "vocal",
        "incident",
        "gap",
    )
}


def _bytes(root: etree._Element) -> bytes:
    """The toolkit's serializer, the tree indented (never inside an element that holds text)."""
    root = copy.deepcopy(root)
    etree.cleanup_namespaces(root, top_nsmap={None: NS["tei"]})
    etree.indent(root, space=" ")
    for el in root.iter(*LINES):
        if el.text is not None and not el.text.strip():
            el.text = None
        for child in el:
            if child.tail is not None and not child.tail.strip():
                child.tail = None
    return serialize(root)


def write(tei_file: Path, out: Path, options) -> None:
    """Write the TEI file `tei_file` as a ParlaMint corpus into the folder `out` (replaced whole)."""
    corpus = convert(tei_file, options)
    refuse_inputs(out, (tei_file,), folder=True)
    with staged_folder(out) as staged:
        for name, data in corpus.files().items():
            (staged / name).write_bytes(data)


def convert(tei_file: Path, options) -> Corpus:
    """The ParlaMint corpus of one TEI document (the edition's, TEI others wrote, or a ParlaMint
    component)."""
    name = str(tei_file)
    source = parla_clarin.read(tei_file)
    if is_parlamint_component(source.getroot()):
        return pass_through(source.getroot(), name)
    options = _from_annotated(source.getroot(), options)
    _check_options(options)
    spoken = parla_clarin.convert(source, parla_clarin.document_id(source, tei_file), name)
    tree = etree.fromstring(spoken)
    info = CorpusInfo.of(source.getroot(), tree, options, tei_file)
    sittings = cut_sittings(tree, info.corpus_id, info.default_date, name)
    corpus = Corpus(info.corpus_id, etree.Element(tei("teiCorpus")))
    components = []
    for sitting in sittings:
        part = subcorpus(sitting.date)
        text = build_component(sitting, f"#{part}")
        component = etree.Element(
            tei("TEI"),
            {XML_ID: sitting.id, XML_LANG: info.lang, "ana": f"#parla.sitting #{part}"},
            nsmap={None: NS["tei"]},
        )
        component.append(component_header(info, sitting, text))
        component.append(text)
        corpus.components[sitting.id] = component
        components.append(component)
    corpus.root = corpus_root(info, components, person_register(source.getroot(), tree, components))
    return corpus


def subcorpus(date: str) -> str:
    """ParlaMint's subcorpora: `covid` from 1 November 2019, `reference` before."""
    return "covid" if date >= "2019-11-01" else "reference"


def is_parlamint_component(root: etree._Element) -> bool:
    return (
        root.tag == tei("TEI")
        and bool(COMPONENT_ID.match(root.get(XML_ID, "")))
        and root.find(".//tei:text//tei:u", NS) is not None
    )


def pass_through(root: etree._Element, name: str) -> Corpus:
    """A ParlaMint component as it came, under a root made for it; only the ids the schemas in
    use refuse (on kinesic, incident, vocal, gap: ParlaMint 4.0 data carries them) are dropped."""
    component = copy.deepcopy(root)
    for el in component.iter(*NO_ID):
        el.attrib.pop(XML_ID, None)
    comp_id = component.get(XML_ID)
    corpus_id = COMPONENT_ID.match(comp_id).group(1)
    info = CorpusInfo.of_component(component, corpus_id)
    register = person_register(None, component, [component])
    corpus = Corpus(corpus_id, corpus_root(info, [component], register))
    corpus.components[comp_id] = component
    return corpus


def _from_annotated(root: etree._Element, options):
    """A linguistically annotated ParlaMint component (`ParlaMint-XX_date….ana`) says its corpus,
    date and name: they are the defaults of the plain-text corpus made from it."""
    m = COMPONENT_ID.match(root.get(XML_ID, "").removesuffix(".ana"))
    if not m or not root.get(XML_ID, "").endswith(".ana"):
        return options
    english = root.xpath(
        "string(tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[@type='main'][@xml:lang='en'])", namespaces=NS
    )
    name = english.split(" parliamentary corpus ")[0] if " parliamentary corpus " in english else None
    defaults = ExportOptions()
    return dataclasses.replace(
        options,
        country=options.country if options.country != defaults.country else m.group(1).removeprefix("ParlaMint-"),
        sitting_date=options.sitting_date or m.group(4),
        corpus_name=options.corpus_name if options.corpus_name != defaults.corpus_name or not name else name,
    )


def _check_options(options) -> None:
    if not COUNTRY.match(options.country):
        raise UsageError(
            f"--country {options.country!r} is not an ISO 3166 code as ParlaMint writes it",
            hint="two capital letters, optionally a region: XX, GB, ES-CT",
        )
    if not NAME.match(options.corpus_name):
        raise UsageError(
            f"--corpus-name {options.corpus_name!r} must be one or two words",
            hint="ParlaMint's titles read '<name> parliamentary corpus ParlaMint-XX'",
        )
    if options.source_url is not None and not URL.match(options.source_url):
        raise UsageError(f"--source-url {options.source_url!r} is not an http(s) address")
    if options.sitting_date is not None and not DATE.match(options.sitting_date):
        raise UsageError(f"--sitting-date {options.sitting_date!r} is not a date YYYY-MM-DD")


__all__ = ["Corpus", "Sitting", "convert", "write"]
