"""The headers of a ParlaMint corpus: the root `teiCorpus` (taxonomies, organisations, speakers,
the XIncludes of the sittings) and each component's, in the order and vocabulary of ParlaMint's
schemas (`ParlaMint-teiCorpus.rng`, `ParlaMint-TEI.rng`) and checks (`validate-parlamint.xsl`).

What ParlaMint requires and a source may not say comes from `ExportOptions` (country code, corpus
name, web address, date) or is stated as not given ("Not named in the source."). ParlaMint's schema
fixes the licence to CC BY 4.0: a source that states another licence (other than CC0 or the public
domain, which allow it) is refused rather than relicensed.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from lxml.builder import ElementMaker

from edition.errors import UsageError
from edition.export.parlamint_component import XML_LANG, Sitting, one_line
from edition.xmlio import NS, XML_ID, tei

XI = "http://www.w3.org/2001/XInclude"
E = ElementMaker(namespace=NS["tei"], nsmap={None: NS["tei"]})
LICENCE = "http://creativecommons.org/licenses/by/4.0/"
LICENCE_TEXT = "This work is licensed under the Creative Commons Attribution 4.0 International License."
UNNAMED = "Not named in the source."
PLACEHOLDER_URL = "https://example.org/"
FILE_DATE = re.compile(r"(\d{4}-[01]\d-[0123]\d)")

#: The taxonomies validate-parlamint.xsl requires (by their term), with the categories used here.
TAXONOMIES = (
    (
        "parla.legislature",
        "Legislature",
        (("parla.sitting", "Sitting", "a sitting of the assembly, one component file of the corpus"),),
    ),
    (
        "speaker_types",
        "Types of speakers",
        (
            ("chair", "Chairperson", "the chair of the sitting"),
            ("regular", "Regular", "a member speaking in the debate"),
            ("guest", "Guest", "a guest of the meeting, not one of its members"),
        ),
    ),
    (
        "subcorpus",
        "Subcorpora",
        (
            ("reference", "Reference", "a sitting held before 1 November 2019"),
            ("covid", "COVID", "a sitting held on or after 1 November 2019"),
        ),
    ),
)


@dataclass
class CorpusInfo:
    corpus_id: str
    country: str
    name: str
    lang: str
    title: str
    publisher: str
    url: str
    edition: str
    resps: list[tuple[str, str]]
    funders: list[str]
    default_date: str | None
    publication_date: str | None

    @classmethod
    def of(cls, source: etree._Element, spoken: etree._Element, options, tei_file: Path) -> CorpusInfo:
        header = source.find("tei:teiHeader", NS)
        _check_licence(header, str(tei_file))
        title = (
            _first(header, "tei:fileDesc/tei:titleStmt/tei:title[@type='main']", "tei:fileDesc/tei:titleStmt/tei:title")
            or tei_file.stem
        )
        found = [
            u
            for u in _strings(
                header,
                ".//tei:sourceDesc//@target | .//tei:sourceDesc//tei:idno"
                " | .//tei:publicationStmt/tei:idno | .//tei:sourceDesc//tei:ref/@target",
            )
            if re.match(r"^https?://\S+$", u)
        ]
        dates = [
            d[:10]
            for d in _strings(
                header,
                ".//tei:settingDesc//tei:date/@when | .//tei:creation//tei:date/@when"
                " | .//tei:sourceDesc//tei:date/@when",
            )
            if FILE_DATE.match(d)
        ]
        in_name = FILE_DATE.search(tei_file.name)
        lang = (
            source.get(XML_LANG)
            or (source.find("tei:text", NS).get(XML_LANG) if source.find("tei:text", NS) is not None else None)
            or "und"
        )
        return cls(
            corpus_id=f"ParlaMint-{options.country}",
            country=options.country,
            name=options.corpus_name,
            lang=lang,
            title=title,
            publisher=_first(
                header,
                "tei:fileDesc/tei:publicationStmt/tei:publisher",
                "tei:fileDesc/tei:publicationStmt/tei:authority",
            )
            or UNNAMED,
            url=options.source_url or (found[0] if found else PLACEHOLDER_URL),
            edition=_first(header, "tei:fileDesc/tei:editionStmt/tei:edition") or "1.0",
            resps=_resps(header),
            funders=_strings(header, "tei:fileDesc/tei:titleStmt/tei:funder", line=True),
            default_date=options.sitting_date or (dates[0] if dates else in_name.group(1) if in_name else None),
            publication_date=next(
                (
                    d[:10]
                    for d in _strings(header, "tei:fileDesc/tei:publicationStmt/tei:date/@when")
                    if FILE_DATE.match(d)
                ),
                None,
            ),
        )

    @classmethod
    def of_component(cls, component: etree._Element, corpus_id: str) -> CorpusInfo:
        header = component.find("tei:teiHeader", NS)
        english = _first(header, "tei:fileDesc/tei:titleStmt/tei:title[@type='main'][@xml:lang='en']") or ""
        name = english.split(" parliamentary corpus ")[0] if " parliamentary corpus " in english else "Unnamed"
        return cls(
            corpus_id=corpus_id,
            country=corpus_id.split("-", 1)[1],
            name=name,
            lang=component.get(XML_LANG),
            title=_first(header, "tei:fileDesc/tei:sourceDesc/tei:bibl/tei:title") or english,
            publisher=_first(
                header,
                "tei:fileDesc/tei:publicationStmt/tei:publisher/tei:orgName[@xml:lang='en']",
                "tei:fileDesc/tei:publicationStmt/tei:publisher",
            )
            or UNNAMED,
            url=_first(header, "tei:fileDesc/tei:publicationStmt/tei:idno") or PLACEHOLDER_URL,
            edition=_first(header, "tei:fileDesc/tei:editionStmt/tei:edition") or "1.0",
            resps=_resps(header),
            funders=_strings(header, "tei:fileDesc/tei:titleStmt/tei:funder/tei:orgName[1]", line=True),
            default_date=None,
            publication_date=_first(header, "tei:fileDesc/tei:publicationStmt/tei:date/@when"),
        )


def _strings(el: etree._Element | None, path: str, line: bool = False) -> list[str]:
    if el is None:
        return []
    found = el.xpath(path, namespaces=NS)
    return [s for s in ((one_line(f) if line or not isinstance(f, str) else str(f).strip()) for f in found) if s]


def _first(el: etree._Element | None, *paths: str) -> str:
    for path in paths:
        found = _strings(el, path, line=True) if not path.endswith(("@when", "@target")) else _strings(el, path)
        if found:
            return found[0]
    return ""


def _resps(header: etree._Element | None) -> list[tuple[str, str]]:
    out = []
    for stmt in header.iterfind("tei:fileDesc/tei:titleStmt/tei:respStmt", NS) if header is not None else ():
        who = _first(stmt, "tei:persName", "tei:name", "tei:orgName")
        what = _first(stmt, "tei:resp")
        if who and what:
            out.append((who, what))
    return out


def _check_licence(header: etree._Element | None, name: str) -> None:
    stated = [
        " ".join([one_line(lic), lic.get("target", "")])
        for lic in (header.iterfind(".//tei:availability/tei:licence", NS) if header is not None else ())
    ]
    allowed = re.compile(r"by/4\.0|CC[ -]BY 4\.0|publicdomain|CC0|public domain", re.I)
    if stated and not any(allowed.search(s) for s in stated):
        raise UsageError(
            f"{name}: its licence ({stated[0].strip()}) is not CC BY 4.0, which ParlaMint requires",
            hint="ParlaMint corpora are CC BY 4.0; export only what may be published so",
        )


# --------------------------------------------------------------------------- counting


def words(text: str) -> int:
    """Tokens between whitespace that hold a letter, digit or symbol (as xslt ed:words counts)."""
    return sum(1 for token in text.split() if any(unicodedata.category(c)[0] not in "PZC" for c in token))


def counts(text: etree._Element) -> tuple[int, int]:
    """Speeches and words of a component's text (the words of its segments, comments left out)."""
    said = 0
    for seg in text.iter(tei("seg")):
        said += words(" ".join(seg.xpath("text()", namespaces=NS)))
    return len(text.findall(".//tei:u", NS)), said


def tags(texts: list[etree._Element]) -> etree._Element:
    usage = Counter(etree.QName(el).localname for t in texts for el in t.iter() if isinstance(el.tag, str))
    return E.tagsDecl(
        E.namespace(*[E.tagUsage(gi=gi, occurs=str(n)) for gi, n in sorted(usage.items())], name=NS["tei"])
    )


# --------------------------------------------------------------------------- shared parts


def _en(el: etree._Element) -> etree._Element:
    el.set(XML_LANG, "en")
    return el


def _extent(speeches: int, said: int) -> etree._Element:
    return E.extent(
        _en(E.measure(f"{speeches} speeches", unit="speeches", quantity=str(speeches))),
        _en(E.measure(f"{said} words", unit="words", quantity=str(said))),
    )


def _publication(info: CorpusInfo, date: str) -> etree._Element:
    return E.publicationStmt(
        E.publisher(_en(E.orgName(info.publisher))),
        _idno(info.url),
        E.availability(E.licence(LICENCE), _en(E.p(LICENCE_TEXT)), status="free"),
        E.date(date, when=date),
    )


def _idno(url: str) -> etree._Element:
    """A web address; a handle is marked as one (validate-parlamint.xsl asks it)."""
    return E.idno(url, type="URI", subtype="handle") if "hdl.handle.net" in url else E.idno(url, type="URI")


def _setting(info: CorpusInfo, **when: str) -> etree._Element:
    return E.settingDesc(
        E.setting(
            E.name(info.country, type="country", key=info.country),
            E.date(" – ".join(dict.fromkeys(when.values())), **when),
        )
    )


def _titles(info: CorpusInfo, main: str) -> list[etree._Element]:
    out = [_en(E.title(main, type="main"))]
    if info.title and info.title != main:
        sub = E.title(info.title, type="sub")
        sub.set(XML_LANG, info.lang)
        out.append(sub)
    return out


# --------------------------------------------------------------------------- component


def component_header(info: CorpusInfo, sitting: Sitting, text: etree._Element) -> etree._Element:
    speeches, said = counts(text)
    suffix = sitting.id.split("_", 1)[1]
    return E.teiHeader(
        E.fileDesc(
            E.titleStmt(
                *_titles(info, f"{info.name} parliamentary corpus {info.corpus_id}, {suffix} [ParlaMint]"),
                E.meeting(sitting.label, ana="#parla.sitting", n=suffix),
                *[E.respStmt(E.persName(who), _en(E.resp(what))) for who, what in info.resps],
            ),
            E.editionStmt(E.edition(info.edition)),
            _extent(speeches, said),
            _publication(info, info.publication_date or sitting.date),
            E.sourceDesc(E.bibl(E.title(info.title), _idno(info.url), E.date(sitting.date, when=sitting.date))),
        ),
        E.encodingDesc(E.projectDesc(_en(E.p(PROJECT))), tags([text])),
        E.profileDesc(_setting(info, when=sitting.date)),
    )


PROJECT = (
    "Exported by the edition toolkit from a lossless TEI edition of a transcript, in the form of a "
    "ParlaMint corpus (the ParlaMint encoding guidelines of CLARIN ERIC); the TEI edition keeps "
    "what this corpus leaves out: printed forms of corrected words, page furniture, layout."
)


# --------------------------------------------------------------------------- root


def corpus_root(info: CorpusInfo, components: list[etree._Element], register: etree._Element) -> etree._Element:
    texts = [c.find("tei:text", NS) for c in components]
    totals = [counts(t) for t in texts]
    dates = sorted(
        c.find("tei:teiHeader/tei:profileDesc/tei:settingDesc/tei:setting/tei:date", NS).get("when")
        or c.get(XML_ID).split("_")[1][:10]
        for c in components
    )
    when = {"when": dates[0]} if dates[0] == dates[-1] else {"from": dates[0], "to": dates[-1]}
    root = E.teiCorpus(
        E.teiHeader(
            E.fileDesc(
                E.titleStmt(
                    *_titles(info, f"{info.name} parliamentary corpus {info.corpus_id} [ParlaMint]"),
                    *[_copy(m) for c in components for m in c.iterfind(MEETINGS, NS)],
                    *[E.respStmt(E.persName(who), _en(E.resp(what))) for who, what in info.resps]
                    or [E.respStmt(E.persName(info.publisher), _en(E.resp("TEI encoding")))],
                    *[E.funder(_en(E.orgName(f))) for f in info.funders] or [E.funder(_en(E.orgName(UNNAMED)))],
                ),
                E.editionStmt(E.edition(info.edition)),
                _extent(sum(s for s, _ in totals), sum(w for _, w in totals)),
                _publication(info, info.publication_date or dates[-1]),
                E.sourceDesc(E.bibl(E.title(info.title), _idno(info.url), E.date(**when))),
            ),
            E.encodingDesc(
                E.projectDesc(_en(E.p(PROJECT))),
                E.editorialDecl(*[E(name, _en(E.p(text))) for name, text in EDITORIAL]),
                tags(texts),
                E.classDecl(*[_taxonomy(*t) for t in _with_foreign(TAXONOMIES, components, register)]),
            ),
            E.profileDesc(
                _setting(info, **when),
                E.particDesc(
                    E.listOrg(
                        E.org(_en(E.orgName(info.title, full="yes")), role="parliament", **{XML_ID: "parliament"})
                    ),
                    register,
                ),
                E.langUsage(_en(E.language(_language(info.lang), ident=info.lang))),
            ),
        )
    )
    root.set(XML_ID, info.corpus_id)
    root.set(XML_LANG, "en")
    for c in components:
        etree.SubElement(root, f"{{{XI}}}include", nsmap={"xi": XI}, href=f"{c.get(XML_ID)}.xml")
    return root


MEETINGS = "tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:meeting"


def _copy(el: etree._Element) -> etree._Element:
    out = etree.Element(el.tag, dict(el.attrib))
    out.text = el.text
    return out


EDITORIAL = (
    ("correction", "Where the edition gives a printed form and its correction, only the corrected reading is kept."),
    ("normalization", "Whitespace is normalised: each segment, note, heading and description is one line."),
    ("hyphenation", "Hyphenation is kept as in the edition's text."),
    ("quotation", "Quotation marks are kept as printed."),
    (
        "segmentation",
        "Each speaker turn is an utterance (u) whose @who points at a person of the corpus root; "
        "each paragraph of a turn is a segment (seg). Outside turns each block is a note; stage directions "
        "are kinesic, vocal or incident; lacunae gap. Each dated session is a sitting, one component file.",
    ),
)


def _with_foreign(taxonomies, components: list[etree._Element], register: etree._Element):
    """The taxonomies, with a category for every @ana a component passed through points at and
    they do not define (a ParlaMint sitting points at its corpus's terms and meetings)."""
    defined = {cid for _, _, cats in taxonomies for cid, _, _ in cats} | set(register.xpath(".//@xml:id"))
    wanted = dict.fromkeys(
        p[1:] for c in components for a in c.xpath(".//@ana") for p in a.split() if p.startswith("#")
    )
    foreign = [
        (w, w, "a category the source points at, defined in the corpus it came from")
        for w in wanted
        if w not in defined and w != "parliament"
    ]
    if not foreign:
        return taxonomies
    (ident, term, cats), *rest = taxonomies
    return ((ident, term, (*cats, *foreign)), *rest)


def _taxonomy(ident: str, term: str, categories) -> etree._Element:
    tax = E.taxonomy(_en(E.desc(E.term(term))), **{XML_ID: ident})
    for cid, cterm, text in categories:
        desc = _en(E.catDesc(E.term(cterm)))
        desc[0].tail = f": {text}"
        tax.append(E.category(desc, **{XML_ID: cid}))
    return tax


def _language(code: str) -> str:
    return {
        "en": "English",
        "und": "Undetermined",
        "ru": "Russian",
        "de": "German",
        "fr": "French",
        "es": "Spanish",
        "ca": "Catalan",
        "it": "Italian",
        "ga": "Irish",
    }.get(code.split("-")[0], code)


# --------------------------------------------------------------------------- speakers


def person_register(
    source: etree._Element | None, spoken: etree._Element, components: list[etree._Element]
) -> etree._Element:
    """The speakers as ParlaMint lists them: the source's register (names split into forename
    and surname where it says so, `term` where it cannot), and whoever speaks unregistered, named
    by the label printed before their first turn."""
    people = E.listPerson()
    known: set[str] = set()
    for person in source.xpath(".//tei:particDesc//tei:person[@xml:id]", namespaces=NS) if source is not None else ():
        pid = person.get(XML_ID)
        if pid in known or pid in RESERVED:
            continue
        known.add(pid)
        names = person.findall("tei:persName[@type='reg']", NS) or person.findall("tei:persName", NS)
        entry = E.person(_name(names[0] if names else None, pid), **{XML_ID: pid})
        sex = _sex(person)
        if sex:
            entry.append(E.sex(value=sex))
        people.append(entry)
    labels: dict[str, str] = {}
    for c in components:
        for u in c.iter(tei("u")):
            who = (u.get("who") or "")[1:]
            if who and who not in labels:
                note = u.getprevious()
                labels[who] = one_line(note) if note is not None and note.get("type") == "speaker" else who
    for who, label in labels.items():
        if who not in known:
            known.add(who)
            people.append(E.person(E.persName(E.term(label.rstrip(":.") or who)), **{XML_ID: who}))
    if not len(people):
        people.append(E.person(E.persName(E.term("Nobody speaks")), **{XML_ID: "nobody"}))
    return people


RESERVED = {"parliament"} | {cid for _, _, cats in TAXONOMIES for cid, _, _ in cats} | {t[0] for t in TAXONOMIES}


def _name(pers: etree._Element | None, pid: str) -> etree._Element:
    if pers is None:
        return E.persName(E.term(pid))
    fore = [one_line(f) for f in pers.iterfind("tei:forename", NS) if one_line(f)]
    sur = [one_line(s) for s in pers.iterfind("tei:surname", NS) if one_line(s)]
    whole = one_line(pers)
    if not len(pers) and len(whole.split()) > 1:
        *fore, last = whole.split()
        sur = [last]
        fore = [" ".join(fore)]
    if fore and sur:
        return E.persName(*[E.surname(s) for s in sur], *[E.forename(f) for f in fore])
    return E.persName(E.term(whole or pid))


def _sex(person: etree._Element) -> str | None:
    value = (
        person.get("sex")
        or person.findtext("tei:sex", default="", namespaces=NS)
        or (person.find("tei:sex", NS).get("value", "") if person.find("tei:sex", NS) is not None else "")
    ).strip()
    return {"m": "M", "male": "M", "1": "M", "f": "F", "female": "F", "2": "F", "u": "U", "o": "O", "n": "N"}.get(
        value.lower()
    )
