"""The one orchestrator: read → segment → classify → encode → check, and the other entry points.

The CLI, the tests and library users all call these functions; stages never print or exit.
"""

from __future__ import annotations

import bisect
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from edition.diagnostics import Reporter
from edition.editorial.corrections import Located, Match, load_corrections, locate
from edition.editorial.overrides import Overrides, load_overrides
from edition.editorial.register import Register, load_register
from edition.encode.document import build_text
from edition.encode.header import build_header, document
from edition.encode.inline import (Span, append_text, bracket_spans, ellipsis_spans, name_spans,
                                   paren_spans, vote_spans)
from edition.encode.settle import settle
from edition.errors import DataError, InputError, InvariantError, OutputError
from edition.files import inside, refuse_inputs, same_place, staged_file, write_atomic  # noqa: F401 — write_atomic: for the CLI
from edition.settings import EncodeSettings
from edition.text import first_difference
from edition.transcript import grammar as g
from edition.transcript import labels
from edition.transcript.classify import Classifier, person_of_label
from edition.transcript.model import Unit
from edition.transcript.read import LineFinder, Source, read_source
from edition.transcript.segment import Para, detect_layout, segment
from edition.xmlio import T, serialize, serialize_to


@dataclass
class EncodeResult:
    root: etree._Element
    source: Source
    units: list[Unit]
    diagnostics: Reporter
    stats: dict[str, int] = field(default_factory=dict)
    inputs: tuple[Path | None, ...] = ()    # every file the encoding read (source, data, config)

    def to_bytes(self) -> bytes:
        return serialize(self.root)

    def write(self, path: str | Path, *, force: bool = False) -> None:
        """Write the TEI through a staged file, streamed: a 50 MB edition is not copied in memory."""
        path = Path(path)
        if path.exists() and not force and not path.is_dir():
            raise OutputError("exists; use --force to overwrite it", file=str(path))
        refuse_inputs(path, (self.source.path, *self.inputs))
        with staged_file(path) as staged, staged.open("wb") as fh:
            serialize_to(self.root, fh)
            fh.flush()
            os.fsync(fh.fileno())


# --------------------------------------------------------------------------- encode

def encode(settings: EncodeSettings) -> EncodeResult:
    """Encode one transcript as TEI, checking that nothing was lost."""
    if settings.source is None:
        raise DataError("names no transcript to encode", file=str(settings.config or "") or None,
                        hint='add source = "the-transcript.txt" to [edition]')
    source = read_source(settings.source, settings.encoding)
    return encode_source(source, settings)


def encode_source(source: Source, settings: EncodeSettings) -> EncodeResult:
    reporter = Reporter(file=source.path)
    reporter.items.extend(source.notices)      # what reading left out, reported with the rest
    register = load_register(settings.register) if settings.register else Register()
    overrides = load_overrides(settings.overrides)
    corrections = locate(load_corrections(settings.corrections), source.text, reporter,
                         file=str(settings.corrections)) if settings.corrections else Located([])

    layout = detect_layout(source.text) if settings.layout == "auto" else settings.layout
    detection = labels.detect(source.text, None if settings.label_style == "auto" else settings.label_style)
    grammar = detection.grammar
    paras = segment(source.text, layout,
                    starts_paragraph=(lambda line: labels.propose(grammar, line.lstrip(" \t")) is not None)
                    if not grammar.alone else None,
                    split=labels.answer_cuts if detection.examination else None)
    if not paras:
        raise InputError("has no paragraphs to encode", file=source.path)

    classifier = Classifier(register, detection, reporter, furniture=overrides.furniture,
                            narration=overrides.narration, explain=settings.explain,
                            default_year=settings.default_year, chairs=overrides.chairs)
    classifier.corrected_label = lambda para, s, e: corrections.corrected(source.text, para.start + s,
                                                                           para.start + e)
    units = classifier.run(paras)
    for u in units:      # table row numbers as corrected ("58)" misread for "53)")
        if u.kind == "row":
            fixed = corrections.corrected(source.text, u.para.start, u.para.start + len(u.n) + 1)
            u.n = fixed[:-1] if fixed and fixed[:-1].isdigit() else u.n
    apply_paragraph_overrides(units, overrides, reporter)

    spans = Spans(source.text, units, corrections, register, settings.metadata.editor_id, reporter)
    inserts = _block_additions(overrides, paras, source.text, reporter)
    spans.add_inline_additions(overrides, inserts)
    text_el = build_text(units, source.text, spans.between, _org_matcher(register), inserts,
                         spans.report_cross)
    for code, message in settle(text_el, settings.metadata.editor_id):
        reporter.warning(code, message)
    unplaced = corrections.unplaced()
    for m in unplaced:
        reporter.warning("W112", f"correction {m.correction.sic!r} → {m.correction.corr!r} (row "
                                 f"{m.correction.line} of {settings.corrections}) crosses a speaker "
                                 "label, a paragraph's end or another span here, and was not applied",
                         line=spans.line_of(m.start),
                         hint="give the row a 'sic' that lies inside the label or inside the speech")
    used = {w.lstrip("#") for el in text_el.iter() for attr in ("who", "ref")
            for w in (el.get(attr) or "").split() if w.startswith("#")}
    stats = {"paragraphs": len(paras), "turns": sum(1 for u in units if u.kind == "turn"),
             "corrections": len(corrections) - len(unplaced), "layout": layout,
             "label_style": grammar.name, "labels": detection.describe()}
    _warn_if_few_turns(stats["turns"], source.text, detection, reporter)
    header = build_header(settings, source, register.list_person(None if register.source else used),
                          register.list_org(), stats)
    root = document(header, text_el, settings.metadata.language)
    at = first_difference(root, source.text)
    if at is not None:
        raise InvariantError(f"the encoding does not reproduce the source text (first difference at "
                             f"character {at}: {source.text[at:at + 30]!r})",
                             file=source.path, line=source.text.count("\n", 0, at) + 1,
                             hint="please report this with the input file")
    return EncodeResult(root, source, units, reporter, stats, settings.inputs())


def explanation(result: EncodeResult):
    """(line, kind, rule, runner-up, excerpt) for each paragraph of an encoding made with
    `explain`: why the converter read it as it did, and what it would have read otherwise."""
    for u in result.units:
        notes = dict(n.split(":", 1) for n in u.notes if n.startswith(("rule:", "runner-up:")))
        excerpt = " ".join(u.text[:60].split())
        yield u.para.line, u.kind, notes.get("rule", ""), notes.get("runner-up", ""), excerpt


def _warn_if_few_turns(turns: int, text: str, detection: labels.Detection, reporter: Reporter) -> None:
    """Never silently wrong: a long text with no turns, or with far fewer than its labels promise,
    says so (the speakers may be marked in a way no grammar reads)."""
    promised = sum(detection.counts.values())
    size_kb = len(text) // 1000
    if turns == 0 and size_kb >= 2:
        reporter.warning("W208", f"no speaker turns were found in {size_kb} KB of text (labels read as "
                         f"{detection.describe()})",
                         hint="name the label style with --label-style, or check that speakers are "
                              "labelled in a way the guide describes")
    elif promised >= 10 and turns < 0.5 * promised:
        reporter.warning("W208", f"only {turns} speaker turns were found where {promised} lines look "
                         f"labelled ({detection.describe()})",
                         hint="run edition encode --explain to see why paragraphs were not taken as turns")


# --------------------------------------------------------------------------- overrides

def apply_paragraph_overrides(units: list[Unit], overrides: Overrides, reporter: Reporter) -> None:
    for ov in overrides.paragraphs:
        hits = [u for u in units if u.text.startswith(ov.starts)]
        if not hits:
            reporter.warning("W301", f"paragraph override {ov.starts!r} matches no paragraph",
                             file=None)
            continue
        for u in hits:
            old = u.who
            if ov.kind:
                u.kind = ov.kind
            if ov.who is not None:
                u.who = ov.who
            if ov.reported is not None:
                u.reported = ov.reported
            if ov.who is not None and old != ov.who:
                for v in units[u.para.index + 1:]:
                    if v.kind in ("speech", "reported", "quote", "item", "subheading") and v.who == old:
                        v.who = ov.who
                    else:
                        break


# --------------------------------------------------------------------------- spans

class Spans:
    """Every inline span of the document, found once, looked up by range."""

    def __init__(self, text: str, units: list[Unit], corrections: Located, register: Register,
                 editor_id: str, reporter: Reporter) -> None:
        self.reporter = reporter
        self.text = text
        spans: list[Span] = []
        names = _name_pattern(register)
        for u in units:
            if u.kind == "furniture":
                continue
            skip = u.label_end if u.kind == "turn" else 0     # a label holds no remarks
            s, t = u.para.start + skip, u.text[skip:]
            spans += bracket_spans(t, s, lambda n: person_of_label(register, n))
            spans += paren_spans(t, s)
            spans += ellipsis_spans(t, s)
            if u.kind in ("vote", "stage", "narration", "meta") or "(" in t:
                spans += vote_spans(t, s, lambda a, b: corrections.corrected(text, a, b))
            spans += name_spans(t, s, names, register.by_name)
        for c in corrections:
            spans.append(Span(c.start, c.end, 7, T.choice, fill=_choice_filler(c, editor_id, corrections)))
        self.spans = sorted(spans, key=lambda sp: sp.start)
        self.starts = [sp.start for sp in self.spans]
        self._lines = LineFinder(text)

    def between(self, start: int, end: int) -> list[Span]:
        i = bisect.bisect_left(self.starts, start)
        j = bisect.bisect_right(self.starts, end)
        return [sp for sp in self.spans[i:j] if sp.end <= end]

    def add_inline_additions(self, overrides: Overrides, inserts) -> None:
        for add in overrides.additions:
            if add.block:
                continue
            pos = self.text.find(add.after)
            if pos < 0:
                self.reporter.warning("W302", f"{add.element} after {add.after!r}: text not found")
                continue
            at = pos + len(add.after)
            self.spans.append(Span(at, at, 9, lambda a=add: _addition(a), atomic=True))
        self.spans.sort(key=lambda sp: sp.start)
        self.starts = [sp.start for sp in self.spans]

    def report_cross(self, span: Span) -> None:
        self.reporter.info("I401", "an inline span crosses another and was left out",
                           line=self.line_of(span.start))

    def line_of(self, offset: int) -> int:
        """The 1-based line of a source offset."""
        return self._lines.line_of(offset)


def _choice_filler(c: Match, editor_id: str, located: Located):
    def fill(el: etree._Element, text: str) -> None:
        located.mark_placed(c)
        sic = T.sic()
        append_text(sic, text)
        attrs = {"resp": f"#{c.correction.resp or editor_id}"}
        if c.correction.type:
            attrs["type"] = c.correction.type
        el.append(sic)
        el.append(T.corr(c.correction.corr, **attrs))
    return fill


def _addition(add) -> etree._Element:
    if add.element == "gap":
        el = T.gap(**{"reason": "lost", **add.attrs, "resp": add.attrs.get("resp", "#ed")})
        if add.text:
            el.append(T.desc(add.text))
        return el
    return T.note(add.text, **{"type": "editorial", "resp": "#ed", **add.attrs})


def _block_additions(overrides: Overrides, paras: list[Para], text: str, reporter: Reporter):
    out: dict[int, list[etree._Element]] = {}
    starts = [p.start for p in paras]
    for add in overrides.additions:
        if not add.block:
            continue
        pos = text.find(add.after)
        if pos < 0:
            reporter.warning("W302", f"{add.element} before {add.after!r}: text not found")
            continue
        idx = max(0, bisect.bisect_right(starts, pos) - 1)
        out.setdefault(idx, []).append(_addition(add))
    return out


def _name_pattern(register: Register) -> re.Pattern[str] | None:
    forms = set()
    for person in register.persons.values():
        for name in [person.name, *person.variants]:
            if len(name) >= 3 and not name.isupper() and name[0].isupper() and register.by_name(name):
                forms.add(name)
    if not forms:
        return None
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")


def _org_matcher(register: Register):
    pairs = [(re.compile(r"\s+".join(re.escape(w) for w in name.split())), oid)
             for name, oid in register.org_names() if name.strip()]

    def match(text: str, start: int, end: int):
        for pattern, oid in pairs:
            m = pattern.match(text, start, end)
            if m and (m.end() == end or not text[m.end()].isalnum()):
                return m.end(), oid
        return None
    return match


# --------------------------------------------------------------------------- plain text

def plain_text(tei: str | Path, view: str = "diplomatic") -> str:
    """The plain text of a TEI file: as transcribed (`diplomatic`) or as corrected (`reading`)."""
    from edition import text as textmod
    from edition.errors import XMLInputError
    from edition.xmlio import parse_file

    tree = parse_file(tei)
    try:
        return (textmod.diplomatic if view == "diplomatic" else textmod.reading)(tree.getroot())
    except ValueError as exc:
        raise XMLInputError(f"has no text to print: {exc}", file=str(tei),
                            hint="edition text reads a TEI document with a <text> element") from None


# --------------------------------------------------------------------------- validation

def validate(paths: list[str | Path], schema: str = "edition", rules: bool | None = None):
    """Validate TEI files against a schema and the coded rules (see `edition.validate`)."""
    from edition.validate import validate as run

    return run(paths, schema=schema, rules=rules)


# --------------------------------------------------------------------------- build

@dataclass
class BuildResult:
    encoded: EncodeResult
    validation: object                      # edition.validate.Report
    outputs: list[Path] = field(default_factory=list)
    diagnostics: list = field(default_factory=list)   # from the renderers


def html(tei: str | Path, folder: str | Path, *, pdf: str | Path | None = None, site_url: str = ""):
    """Render a TEI file as a static HTML edition in `folder` (see `edition.render.html`)."""
    from edition.render.html import render_html

    refuse_inputs(folder, (tei, pdf), folder=True)
    return render_html(Path(tei), Path(folder), pdf=Path(pdf) if pdf else None, site_url=site_url)


def build(settings: EncodeSettings, force: bool = False) -> BuildResult:
    """Encode an edition, validate the TEI (and its register), write it, print it, publish it.

    An edition that does not validate is not written, so a failed build leaves the last good
    TEI (and site) in place. A TEI file changed by hand since the build that wrote it is not
    overwritten unless `force` is given.
    """
    from edition.validate import validate_data

    out = Path(settings.output or Path("build") / f"{settings.edition_id}.xml")
    _refuse_clashing_outputs(settings, out)
    encoded = encode(settings)
    data = encoded.to_bytes()
    items: list[tuple[str, bytes]] = [(str(out), data)]
    if settings.register is not None and Path(settings.register).is_file():
        items.append((str(settings.register), Path(settings.register).read_bytes()))
    report = validate_data(items)
    result = BuildResult(encoded, report)
    if not report.ok():
        return result
    _refuse_hand_edited(out, data, force)
    _make_folder(out.parent)                 # as for the PDF: `build/` when no output is named
    write_atomic(out, data, inputs=(settings.source,))
    write_atomic(_fingerprint_file(out), hashlib.sha256(data).hexdigest().encode() + b"\n")
    result.outputs.append(out)
    if settings.pdf is not None:
        _make_folder(Path(settings.pdf).parent)
        book = pdf(out, settings.pdf)
        result.outputs.append(book.path)
        result.diagnostics += book.diagnostics.items
    if settings.html is not None:
        site = html(out, settings.html, pdf=settings.pdf)
        result.outputs.append(site.folder)
        result.diagnostics += site.diagnostics.items
    return result


def _make_folder(folder: Path) -> None:
    """The folder a build writes an output into, made if missing (a build makes its own folders)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise OutputError("is a file, not a folder, so nothing can be written in it",
                          file=str(folder)) from None
    except OSError as exc:
        raise OutputError(f"cannot be made: {exc.strerror}", file=str(folder)) from None


def _refuse_clashing_outputs(settings: EncodeSettings, out: Path) -> None:
    """Before any work: no output of the build is one of its inputs, or another of its outputs."""
    where = str(settings.config) if settings.config else None
    for path in (out, _fingerprint_file(out), settings.pdf):
        if path is not None:
            refuse_inputs(path, settings.inputs())
    if settings.html is not None:
        refuse_inputs(settings.html, settings.inputs(), folder=True)
    if settings.pdf is not None and same_place(settings.pdf, out):
        raise OutputError(f"the print edition (pdf = {settings.pdf}) would overwrite the TEI "
                          f"(output = {out})", file=where, hint="give them different names")
    for key, path in (("output", out), ("pdf", settings.pdf)):
        if settings.html is not None and path is not None and inside(path, settings.html):
            raise OutputError(f"the site folder (html = {settings.html}) holds the {key} "
                              f"{path}; replacing the folder would delete it", file=where,
                              hint="put the site in a folder of its own")


def _fingerprint_file(tei: Path) -> Path:
    """Where a build records the digest of the TEI it wrote (beside it, hidden)."""
    return tei.with_name(f".{tei.name}.sha256")


def _refuse_hand_edited(out: Path, data: bytes, force: bool) -> None:
    if out.is_dir():
        raise OutputError("is a directory; the TEI is a file", file=str(out))
    if force or not out.exists():
        return
    current = hashlib.sha256(out.read_bytes()).hexdigest()
    if current == hashlib.sha256(data).hexdigest():
        return
    recorded = _fingerprint_file(out).read_text().strip() if _fingerprint_file(out).exists() else None
    if recorded != current:
        raise OutputError("has been changed since the build that wrote it; a build would lose "
                          "those changes", file=str(out),
                          hint="move the changes into the editorial data (register, corrections, "
                               "overrides), or rebuild with --force to overwrite them")


def pdf(tei: str | Path, out: str | Path, *, paper: str = "A4", margins: str | None = None,
        variant: str | None = None, engine: str = "typst"):
    """Set a TEI file as a PDF book: Typst by default (`edition.render.typst`), `engine="fop"`
    through XSL-FO, `engine="weasyprint"` through paged HTML (`edition.render.pdf`)."""
    from edition.render.pdf import PrintSettings, render_pdf

    refuse_inputs(out, (tei,))
    settings = PrintSettings(paper, margins, variant)
    if engine == "fop":
        from edition.render.fo import render_fop

        return render_fop(Path(tei), Path(out), settings)
    if engine == "typst":
        from edition.render.typst import render_typst

        return render_typst(Path(tei), Path(out), settings)
    return render_pdf(Path(tei), Path(out), settings)


def fo(tei: str | Path, *, paper: str = "A4", margins: str | None = None) -> bytes:
    """The XSL-FO of a TEI file, for FOP or a commercial FO engine."""
    from edition.render.fo import xsl_fo
    from edition.render.pdf import PrintSettings

    return xsl_fo(Path(tei).read_bytes(), PrintSettings(paper, margins), name=str(tei))
