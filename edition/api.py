"""The one orchestrator: read → segment → classify → encode → check, and the other entry points.

The CLI, the tests and library users all call these functions; stages never print or exit.
Each entry point imports its stages when it runs: `edition validate` (or a worker validating a
corpus) does not load the converter, whose grammars and tables cost a cold process about 0.1 s.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from lxml import etree

from edition.errors import DataError, InputError, InvariantError, OutputError
from edition.files import inside, refuse_inputs, same_place, staged_file, write_atomic  # noqa: F401 — write_atomic: for the CLI
from edition.xmlio import serialize

if TYPE_CHECKING:  # for annotations only: the converter's stages are imported where they run
    from edition.diagnostics import Reporter
    from edition.editorial.overrides import Overrides
    from edition.editorial.register import Register
    from edition.encode.held import Held
    from edition.settings import EncodeSettings
    from edition.transcript import labels
    from edition.transcript.model import Unit
    from edition.transcript.read import Source


@dataclass
class EncodeResult:
    tree: etree._Element  # the document; held blocks (see `root`) are empty in it
    source: Source
    units: list[Unit]
    diagnostics: Reporter
    stats: dict[str, int] = field(default_factory=dict)
    inputs: tuple[Path | None, ...] = ()  # every file the encoding read (source, data, config)
    held: Held | None = None  # blocks too large to build whole (`encode.held`)

    @property
    def root(self) -> etree._Element:
        """The document as a tree. A held block (a paragraph of `spans.HOLD_ABOVE` characters or
        more) is built into it on first access, so memory is then that of the whole tree, as
        for any document; `write` and `to_bytes` never build a held block whole."""
        if self.held:
            from edition.text import Departure

            try:
                self.held.materialise_all()
            except Departure as exc:
                raise _lost(self.source, exc.offset) from None
        return self.tree

    def to_bytes(self) -> bytes:
        if not self.held:
            return serialize(self.tree, models=True)
        out = io.BytesIO()
        self.write_to(out)
        return out.getvalue()

    def write(self, path: str | Path, *, force: bool = False) -> None:
        """Write the TEI through a staged file, streamed: a 50 MB edition is not copied in memory,
        and a held block is written chunk by chunk. Nothing is left at `path` if the text of a
        held block departs from the source."""
        path = Path(path)
        if path.exists() and not force and not path.is_dir():
            raise OutputError("exists; use --force to overwrite it", file=str(path))
        refuse_inputs(path, (self.source.path, *self.inputs))
        with staged_file(path) as staged, staged.open("wb") as fh:
            self.write_to(fh)
            fh.flush()
            os.fsync(fh.fileno())

    def write_to(self, fh: BinaryIO) -> None:
        """Write the TEI into an open binary file, held blocks chunk by chunk. If a held block's
        text departs from the source (`InvariantError`), `fh` holds the document up to there."""
        from edition.encode.write import write_document
        from edition.text import Departure

        try:
            write_document(self.tree, self.held, fh)
        except Departure as exc:
            raise _lost(self.source, exc.offset) from None


# --------------------------------------------------------------------------- encode


def encode(settings: EncodeSettings) -> EncodeResult:
    """Encode one transcript as TEI, checking that nothing was lost."""
    if settings.source is None:
        raise DataError(
            "names no transcript to encode",
            file=str(settings.config or "") or None,
            hint='add source = "the-transcript.txt" to [edition]',
        )
    from edition.transcript.read import read_source

    source = read_source(settings.source, settings.encoding)
    return encode_source(source, settings)


def encode_source(source: Source, settings: EncodeSettings) -> EncodeResult:
    from edition.diagnostics import Reporter
    from edition.editorial.corrections import Located, load_corrections, locate
    from edition.editorial.overrides import load_overrides
    from edition.editorial.register import Register, load_register
    from edition.encode.additions import block_additions
    from edition.encode.document import build_text
    from edition.encode.header import build_header, document
    from edition.encode.held import persons_referred
    from edition.encode.settle import settle
    from edition.encode.spans import Spans
    from edition.encode.timeline import build_timeline, place_timeline
    from edition.text import Departure, first_difference
    from edition.transcript import labels
    from edition.transcript.cast import find_cast
    from edition.transcript.classify import Classifier
    from edition.transcript.reading import Reading, on_source
    from edition.transcript.segment import detect_layout, segment
    from edition.transcript.timestamps import written_times
    from edition.transcript.verse import find_verse

    reporter = Reporter(file=source.path)
    reporter.items.extend(source.notices)  # what reading left out, reported with the rest
    register = load_register(settings.register) if settings.register else Register()
    overrides = load_overrides(settings.overrides)
    corrections = (
        locate(load_corrections(settings.corrections), source.text, reporter, file=str(settings.corrections))
        if settings.corrections
        else Located([])
    )

    # the recognisers read the text as corrected; what they find is carried back to the source
    reading = Reading.of(source.text, corrections)
    layout = detect_layout(reading.text) if settings.layout == "auto" else settings.layout
    detection = labels.detect(reading.text, None if settings.label_style == "auto" else settings.label_style)
    grammar = detection.grammar
    paras = segment(
        reading.text,
        layout,
        starts_paragraph=(lambda line: labels.propose(grammar, line.lstrip(" \t")) is not None)
        if not grammar.alone
        else None,
        split=labels.answer_cuts if detection.examination else None,
    )
    if not paras:
        raise InputError("has no paragraphs to encode", file=source.path)

    cast = find_cast(paras)
    classifier = Classifier(
        register,
        detection,
        reporter,
        furniture=overrides.furniture,
        narration=overrides.narration,
        explain=settings.explain,
        default_year=settings.default_year,
        chairs=overrides.chairs,
        cast=cast,
    )
    units = classifier.run(paras)
    read_starts = {p.index: p.start for p in paras}
    paras = on_source(units, reading)
    if reading.changed:
        cast = cast.on_source(read_starts, paras, reading)
    apply_paragraph_overrides(units, overrides, reporter)
    for run in find_verse(units, source.text):  # verse kept as lines
        for index, lines in run.units:
            units[index].lines = lines

    times = written_times(units)
    spans = Spans(source.text, units, corrections, register, settings.metadata.editor_id, reporter, reading, times)
    inserts = block_additions(overrides, paras, source.text, reporter)
    spans.add_inline_additions(overrides)
    text_el = build_text(units, source.text, spans, _org_matcher(register), inserts, spans.report_cross, cast)
    place_timeline(text_el, build_timeline(times))
    try:
        for code, message in settle(text_el, settings.metadata.editor_id, spans.held):
            reporter.warning(code, message)
    except Departure as exc:
        raise _lost(source, exc.offset) from None
    unplaced = corrections.unplaced()
    for m in unplaced:
        reporter.warning(
            "W112",
            f"correction {m.correction.sic!r} → {m.correction.corr!r} (row "
            f"{m.correction.line} of {settings.corrections}) crosses a speaker "
            "label, a paragraph's end or another span here, and was not applied",
            line=spans.line_of(m.start),
            hint="give the row a 'sic' that lies inside the label or inside the speech",
        )
    used = persons_referred(text_el) | spans.held.referred
    stats = {
        "paragraphs": len(paras),
        "turns": sum(1 for u in units if u.kind == "turn"),
        "corrections": len(corrections) - len(unplaced),
        "layout": layout,
        "label_style": grammar.name,
        "labels": detection.describe(),
    }
    _warn_if_few_turns(stats["turns"], source.text, detection, reporter)
    header = build_header(
        settings, source, register.list_person(None if register.source else used), register.list_org(), stats
    )
    root = document(header, text_el, settings.metadata.language)
    at = first_difference(root, source.text, spans.held.blocks)  # held blocks: when written
    if at is not None:
        raise _lost(source, at)
    return EncodeResult(root, source, units, reporter, stats, settings.inputs(), spans.held)


def _lost(source: Source, at: int) -> InvariantError:
    """The error of an encoding whose diplomatic text departs from the source at `at`."""
    return InvariantError(
        f"the encoding does not reproduce the source text (first difference at "
        f"character {at}: {source.text[at : at + 30]!r})",
        file=source.path,
        line=source.text.count("\n", 0, at) + 1,
        hint="please report this with the input file",
    )


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
        reporter.warning(
            "W208",
            f"no speaker turns were found in {size_kb} KB of text (labels read as {detection.describe()})",
            hint="name the label style with --label-style, or check that speakers are "
            "labelled in a way the guide describes",
        )
    elif promised >= 10 and turns < 0.5 * promised:
        reporter.warning(
            "W208",
            f"only {turns} speaker turns were found where {promised} lines look labelled ({detection.describe()})",
            hint="run edition encode --explain to see why paragraphs were not taken as turns",
        )


# --------------------------------------------------------------------------- overrides


def apply_paragraph_overrides(units: list[Unit], overrides: Overrides, reporter: Reporter) -> None:
    for ov in overrides.paragraphs:
        hits = [u for u in units if u.text.startswith(ov.starts)]
        if not hits:
            reporter.warning("W301", f"paragraph override {ov.starts!r} matches no paragraph", file=None)
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
                for v in units[u.para.index + 1 :]:
                    if v.kind in ("speech", "reported", "quote", "item", "subheading") and v.who == old:
                        v.who = ov.who
                    else:
                        break


def _org_matcher(register: Register):
    pairs = [
        (re.compile(r"\s+".join(re.escape(w) for w in name.split())), oid)
        for name, oid in register.org_names()
        if name.strip()
    ]

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
        raise XMLInputError(
            f"has no text to print: {exc}",
            file=str(tei),
            hint="edition text reads a TEI document with a <text> element",
        ) from None


def witness_text(tei: str | Path, siglum: str) -> str:
    """One witness's text, exactly, out of a collation's TEI (`edition collate`)."""
    from edition.collate.text import witness_text as _witness_text
    from edition.xmlio import parse_file

    return _witness_text(parse_file(tei).getroot(), siglum)


# --------------------------------------------------------------------------- collation


def collate(
    witnesses: list[str | Path] | None = None,
    *,
    sigla: tuple[str, ...] = (),
    config: str | Path | None = None,
    base: str | None = None,
    title: str = "",
    aligner: str = "cydifflib",
    fragmentary: tuple[str, ...] = (),
):
    """Collate witnesses (files, or the `[[witness]]`s of an edition.toml) into TEI parallel
    segmentation; every witness is checked to come back from the TEI exactly."""
    from edition.collate import collate_witnesses
    from edition.collate.witnesses import from_config, from_files

    settings = (
        from_config(config) if config else from_files(witnesses or [], sigla, title=title, fragmentary=fragmentary)
    )
    result = collate_witnesses(
        settings.witnesses,
        base=base or settings.base,
        normaliser=settings.normaliser,
        aligner=aligner,
        title=title or settings.title,
    )
    return settings, result


# --------------------------------------------------------------------------- validation


def validate(
    paths: list[str | Path],
    schema: str = "edition",
    rules: bool | None = None,
    odd: str | Path | None = None,
    jobs: int = 1,
    on_file=None,
):
    """Validate TEI files against a schema and the coded rules (see `edition.validate`); with
    `jobs` > 1 on that many worker processes, `on_file` told of each file's report as it comes.

    With `odd`, the schema is that customisation's RELAX NG, compiled by the project's ODD
    compiler and kept in the user's cache directory, keyed by content (`edition.odd.cached`)."""
    if odd is not None:
        from edition.odd import cached

        rng, _sch = cached(odd)
        schema = str(rng)
    if jobs > 1:
        from edition.validate.parallel import validate_parallel

        return validate_parallel(
            paths, schema=schema, rules=rules, workers=jobs, on_file=on_file or (lambda report: None)
        )
    from edition.validate import validate as run

    return run(paths, schema=schema, rules=rules)


def compile_odd(odd: str | Path, output: str | Path, schema: str | None = None):
    """Compile a TEI customisation (ODD) into `output`/NAME.rng and NAME.sch (see `edition.odd`).

    Returns the compilation (its ident, the two schemas, what it ignored) and the files written."""
    from edition.odd import compile_odd as run
    from edition.odd import write

    compiled = run(odd, schema)
    return compiled, write(compiled, output)


# --------------------------------------------------------------------------- build


@dataclass
class BuildResult:
    encoded: EncodeResult
    validation: object  # edition.validate.Report
    outputs: list[Path] = field(default_factory=list)
    diagnostics: list = field(default_factory=list)  # from the renderers
    schemas: list[Path] = field(default_factory=list)  # published beside the TEI (its xml-model)


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
    from edition.validate.publish import publish as publish_schemas

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
    _make_folder(out.parent)  # as for the PDF: `build/` when no output is named
    write_atomic(out, data, inputs=(settings.source,))
    write_atomic(_fingerprint_file(out), _digest(data).encode() + b"\n")
    result.outputs.append(out)
    result.schemas = publish_schemas(out.parent, inputs=settings.inputs())
    if settings.pdf is not None:
        _make_folder(Path(settings.pdf).parent)
        book = pdf(out, settings.pdf)
        result.outputs.append(book.path)
        result.diagnostics += book.diagnostics.items
    if settings.html is not None:
        site = html(out, settings.html, pdf=settings.pdf, site_url=settings.site_url)
        result.outputs.append(site.folder)
        result.diagnostics += site.diagnostics.items
    return result


def _make_folder(folder: Path) -> None:
    """The folder a build writes an output into, made if missing (a build makes its own folders)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise OutputError("is a file, not a folder, so nothing can be written in it", file=str(folder)) from None
    except OSError as exc:
        raise OutputError(f"cannot be made: {exc.strerror}", file=str(folder)) from None


def _refuse_clashing_outputs(settings: EncodeSettings, out: Path) -> None:
    """Before any work: no output of the build is one of its inputs, or another of its outputs."""
    from edition.xmlio import XML_MODELS

    where = str(settings.config) if settings.config else None
    for path in (out, _fingerprint_file(out), settings.pdf, *(out.parent / n for n, _ in XML_MODELS)):
        if path is not None:
            refuse_inputs(path, settings.inputs())
    if settings.html is not None:
        refuse_inputs(settings.html, settings.inputs(), folder=True)
    if settings.pdf is not None and same_place(settings.pdf, out):
        raise OutputError(
            f"the print edition (pdf = {settings.pdf}) would overwrite the TEI (output = {out})",
            file=where,
            hint="give them different names",
        )
    for key, path in (("output", out), ("pdf", settings.pdf)):
        if settings.html is not None and path is not None and inside(path, settings.html):
            raise OutputError(
                f"the site folder (html = {settings.html}) holds the {key} "
                f"{path}; replacing the folder would delete it",
                file=where,
                hint="put the site in a folder of its own",
            )


def _digest(data: bytes) -> str:
    """The SHA-256 of a TEI a build wrote. hashlib is loaded here, by the one command that
    fingerprints (`build`): it loads OpenSSL, a cost every other command would pay at start."""
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _fingerprint_file(tei: Path) -> Path:
    """Where a build records the digest of the TEI it wrote (beside it, hidden)."""
    return tei.with_name(f".{tei.name}.sha256")


def _refuse_hand_edited(out: Path, data: bytes, force: bool) -> None:
    if out.is_dir():
        raise OutputError("is a directory; the TEI is a file", file=str(out))
    if force or not out.exists():
        return
    current = _digest(out.read_bytes())
    if current == _digest(data):
        return
    recorded = _fingerprint_file(out).read_text().strip() if _fingerprint_file(out).exists() else None
    if recorded != current:
        raise OutputError(
            "has been changed since the build that wrote it; a build would lose those changes",
            file=str(out),
            hint="move the changes into the editorial data (register, corrections, "
            "overrides), or rebuild with --force to overwrite them",
        )


def pdf(
    tei: str | Path,
    out: str | Path,
    *,
    paper: str = "A4",
    margins: str | None = None,
    variant: str | None = None,
    engine: str = "typst",
):
    """Set a TEI file as a PDF book: Typst by default (`edition.render.typst`), `engine="fop"`
    through XSL-FO (`edition.render.fo`)."""
    from edition.render.pdf import PrintSettings

    if engine not in ("typst", "fop"):
        raise InputError(f"unknown PDF engine {engine!r}", hint="typst (the default) or fop")
    refuse_inputs(out, (tei,))
    settings = PrintSettings(paper, margins, variant)
    if engine == "fop":
        from edition.render.fo import render_fop

        return render_fop(Path(tei), Path(out), settings)
    from edition.render.typst import render_typst

    return render_typst(Path(tei), Path(out), settings)


def fo(tei: str | Path, *, paper: str = "A4", margins: str | None = None) -> bytes:
    """The XSL-FO of a TEI file, for FOP or a commercial FO engine."""
    from edition.render.fo import xsl_fo
    from edition.render.pdf import PrintSettings

    return xsl_fo(Path(tei).read_bytes(), PrintSettings(paper, margins), name=str(tei))
