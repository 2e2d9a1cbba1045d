"""The command line: flags → settings, call the API, print diagnostics, exit codes.

The exit codes are those of `edition.errors`: each error class carries its own, `EXIT_STATUSES`
says what each means (and `edition --help` lists them from there); anything else that escapes is
a bug, exit 70 with a request to re-run with --traceback.

Each command imports the stages it calls when it runs, so that `edition validate` does not load
the converter (a cold process spent a third of its time importing modules it never used); what
the options need to be declared (the export formats, the corpus outputs) comes from modules that
import little, and the label styles are read from the converter's grammar only when a command's
options are parsed or shown (`_ChoiceOf`).
"""

from __future__ import annotations

import functools
import signal
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from edition import __version__
from edition.corpus.options import JOB_TIMEOUT, TEI_OUTPUTS
from edition.errors import INTERNAL_ERROR, EditionError, exit_status_help
from edition.export import FORMATS as EXPORT_FORMATS

if TYPE_CHECKING:
    from edition.settings import EncodeSettings

SHOWCASE = Path("tei/sources/march-1917/edition.toml")


def _run(ctx: click.Context, fn, *args, **kwargs):
    """Call into the library; turn its errors into one line and an exit code."""
    try:
        return fn(*args, **kwargs)
    except EditionError as exc:
        click.echo(f"edition: error[{exc.code}] {exc}", err=True)
        ctx.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("edition: interrupted", err=True)
        ctx.exit(130)
    except Exception as exc:  # noqa: BLE001 — the one place unexpected failures become a message
        if ctx.find_root().params.get("traceback"):
            raise
        click.echo(
            f"edition: internal error: {type(exc).__name__}: {exc} (re-run with --traceback and report it)", err=True
        )
        ctx.exit(INTERNAL_ERROR)


class _ChoiceOf(click.Choice):
    """A choice among values that a table of the toolkit holds, read when the option is first
    parsed or shown rather than when the CLI is imported."""

    def __init__(self, values: Callable[[], Iterable[str]], case_sensitive: bool = True) -> None:
        super().__init__((), case_sensitive)
        del self.__dict__["choices"]  # the values are the property's below, read once
        self._values = values

    @functools.cached_property
    def choices(self) -> tuple[str, ...]:  # type: ignore[override]
        return tuple(self._values())


def _label_styles() -> list[str]:
    from edition.transcript.labels import BY_NAME

    return ["auto", *BY_NAME]


def _print_diagnostics(reporter, quiet: bool = False) -> None:
    for d in reporter.items:
        if quiet and d.severity == "info":
            continue
        click.echo(d.format(), err=True)


class _Commands(click.Group):
    """The command group; it refuses arguments that are not UTF-8 (file names in other encodings)
    before any command sees them."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        from edition.files import refuse_undecodable

        for arg in args:
            _run(ctx, refuse_undecodable, arg)
        return super().parse_args(ctx, args)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]}, epilog=exit_status_help())
@click.version_option(__version__, prog_name="edition")
@click.option("--traceback", is_flag=True, help="Show the Python traceback of internal errors.")
def main(traceback: bool) -> None:
    """Turn speaker-labelled transcripts into lossless, validated TEI P5 editions."""
    # Tree walks recurse once per level; the parser admits 2,048 levels, Python's default 1,000.
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 12_000))
    # SIGTERM stops a run the way Ctrl-C does: staged outputs are removed, finished ones kept.
    signal.signal(signal.SIGTERM, _interrupted)


def _interrupted(signum, frame):
    raise KeyboardInterrupt


def _settings(config: str | None, source: str | None, **flags) -> EncodeSettings:
    from edition.settings import EncodeSettings, load_config

    settings = load_config(config) if config else EncodeSettings()
    if source:
        settings = settings.with_(source=Path(source))
    return settings.with_(
        **{k: (Path(v) if k in ("register", "corrections", "overrides") and v else v) for k, v in flags.items()}
    )


@main.command()
@click.argument("source", required=False, type=click.Path(dir_okay=True, path_type=str))
@click.option("-o", "--output", type=click.Path(path_type=str), help="Where to write the TEI (default: stdout).")
@click.option("-c", "--config", type=click.Path(path_type=str), help="An edition.toml with sources, data and metadata.")
@click.option("--register", type=click.Path(path_type=str), help="A TEI person register (listPerson).")
@click.option(
    "--corrections", type=click.Path(path_type=str), help="A corrections TSV (sic, corr, context, type, note)."
)
@click.option("--overrides", type=click.Path(path_type=str), help="An overrides TOML.")
@click.option("--title", help="Title of the edition.")
@click.option("--encoding", help="Encoding of a text transcript (default: UTF-8, BOM detected).")
@click.option(
    "--label-style",
    type=_ChoiceOf(_label_styles),
    default=None,
    help="How speakers are labelled (default: the grammar that explains the text best; "
    "see the guide's table of label styles).",
)
@click.option(
    "--layout",
    type=click.Choice(["auto", "lines", "wrapped"]),
    default=None,
    help="One paragraph per line, or hard-wrapped paragraphs.",
)
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@click.option("-q", "--quiet", is_flag=True, help="Print warnings and errors only.")
@click.option(
    "--explain",
    is_flag=True,
    help="Print, for each paragraph, the rule that decided it and the runner-up (the TEI is written only with -o).",
)
@click.pass_context
def encode(
    ctx,
    source,
    output,
    config,
    register,
    corrections,
    overrides,
    title,
    encoding,
    label_style,
    layout,
    force,
    quiet,
    explain,
):
    """Encode a transcript SOURCE (plain text, or a Word .docx read as text) as TEI P5."""
    from edition import api

    settings = _run(
        ctx,
        _settings,
        config,
        source,
        register=register,
        corrections=corrections,
        overrides=overrides,
        encoding=encoding,
        label_style=label_style,
        layout=layout,
    )
    if settings.source is None:
        raise click.UsageError("give a SOURCE transcript or a --config naming one")
    if title:
        from dataclasses import replace

        settings = replace(settings, metadata=replace(settings.metadata, title=title))
    if explain:
        settings = settings.with_(explain=True)
    result = _run(ctx, api.encode, settings)
    _print_diagnostics(result.diagnostics, quiet)
    if explain:
        click.echo(f"labels: {result.stats['labels']}")
        for line, kind, rule, runner_up, excerpt in api.explanation(result):
            click.echo(f"{line:>6}  {kind:<11} {rule:<16} {runner_up:<16} {excerpt}")
    if output:
        _run(ctx, result.write, output, force=force)
        if not quiet:
            click.echo(
                f"{output}: {result.stats['turns']} turns, {result.stats['corrections']} "
                f"corrections, {result.stats['paragraphs']} paragraphs "
                f"({result.stats['layout']}; labels: {result.stats['labels']})",
                err=True,
            )
    elif not explain:
        if result.held:  # a paragraph too large to build whole: streamed, chunk by chunk
            _run(ctx, result.write_to, sys.stdout.buffer)
        else:
            sys.stdout.buffer.write(result.to_bytes())


@main.command()
@click.argument("targets", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "-c",
    "--config",
    type=click.Path(path_type=str),
    help=f"The edition to build (default, with no TARGETS: {SHOWCASE}).",
)
@click.option(
    "--files-from",
    type=click.Path(dir_okay=False, path_type=str),
    help="Read more TARGETS from a file (UTF-8), one a line.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=str),
    default="build",
    show_default=True,
    help="Corpus builds: where TEI files' outputs and the manifest go.",
)
@click.option(
    "--to",
    "outputs",
    default="html",
    show_default=True,
    metavar="FORMATS",
    help=f"Corpus builds: what each TEI file becomes, comma-separated from {', '.join(TEI_OUTPUTS)}.",
)
@click.option(
    "--schema", metavar="edition|tei-all|PATH", help="Corpus builds: validate each TEI file against this schema first."
)
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True, help="Corpus builds: worker processes."
)
@click.option(
    "--job-timeout",
    type=click.FloatRange(min=0),
    default=JOB_TIMEOUT,
    show_default=True,
    metavar="SECONDS",
    help="Corpus builds: an input that takes longer fails (it hangs); 0: no limit. Not on a Dask cluster.",
)
@click.option(
    "--scheduler", metavar="ADDRESS", help="Corpus builds: run on the Dask cluster of this scheduler (tcp://host:8786)."
)
@click.option("--force", is_flag=True, help="Build everything again; overwrite TEI changed by hand.")
@click.option("-q", "--quiet", is_flag=True, help="Print warnings and errors only.")
@click.pass_context
def build(ctx, targets, config, files_from, output, outputs, schema, jobs, job_timeout, scheduler, force, quiet):
    """Build an edition: encode, validate, write the TEI, the PDF and the HTML edition.

    With TARGETS — edition.toml files, TEI files, or folders of either — build a corpus: in
    parallel (-j N, or on a Dask cluster with --scheduler), skipping inputs unchanged since the
    last build (by content), reporting a failing file without stopping the others, and ending
    with a summary table (also written to OUTPUT/build-summary.tsv). Exit 0 when every input is
    built or unchanged, 1 when one failed.
    """
    from edition.corpus import read_targets

    targets = list(targets) + (_run(ctx, read_targets, files_from) if files_from else [])
    if targets:
        if config:
            targets.append(config)
        # a folder: checked here, not by click, since an edition's build never uses it
        click.Path(file_okay=False, path_type=str).convert(
            output, next(p for p in ctx.command.params if p.name == "output"), ctx
        )
        _build_corpus(
            ctx,
            targets,
            output,
            tuple(o.strip() for o in outputs.split(",") if o.strip()),
            schema,
            jobs,
            scheduler,
            force,
            quiet,
            job_timeout,
        )
        return
    from edition import api
    from edition.settings import load_config

    settings = _run(ctx, load_config, config or str(SHOWCASE))
    result = _run(ctx, api.build, settings, force=force)
    _print_diagnostics(result.encoded.diagnostics, quiet)
    for file_report in result.validation.files:
        for d in file_report.diagnostics:
            click.echo(d.format(), err=True)
    if not result.outputs:
        click.echo(
            f"edition: the edition does not validate; nothing was written "
            f"({result.validation.summary()}). The lines above are those of the TEI as it "
            f"would have been written: see it with edition encode -c {config or SHOWCASE} "
            "-o draft.xml",
            err=True,
        )
        ctx.exit(1)
    for d in result.diagnostics:
        click.echo(d.format(), err=True)
    if not quiet:
        stats = result.encoded.stats
        click.echo(
            f"{result.outputs[0]}: {stats['turns']} turns, {stats['corrections']} corrections "
            f"applied; diplomatic text identical to the source; "
            f"{result.validation.summary()}",
            err=True,
        )
        for made in result.outputs[1:]:
            click.echo(
                f"{made}: the print edition" if made.suffix == ".pdf" else f"{made}/index.html: the HTML edition",
                err=True,
            )
        for published in result.schemas:
            click.echo(f"{published}: a schema the TEI names (xml-model)", err=True)


def _build_corpus(ctx, targets, output, outputs, schema, jobs, scheduler, force, quiet, timeout) -> None:
    import time

    from edition import corpus
    from edition.corpus.summary import summary_rows, write_summary

    todo = _run(ctx, corpus.plan, targets, output, outputs, schema, force, timeout)
    start = time.perf_counter()
    with click.progressbar(
        length=len(todo), label=f"building {len(todo)} inputs", file=sys.stderr, show_pos=True, hidden=quiet
    ) as bar:
        outcomes = _run(
            ctx, corpus.build, todo, workers=jobs, scheduler=scheduler, on_outcome=lambda outcome: bar.update(1)
        )
    elapsed = time.perf_counter() - start
    _run(ctx, write_summary, Path(output) / "build-summary.tsv", outcomes)
    rows, footer = summary_rows(outcomes, elapsed, f"-j {jobs}" if not scheduler else scheduler)
    if not quiet or any(o.status == "failed" for o in outcomes):
        for row in rows:
            click.echo(row, err=True)
        click.echo(footer, err=True)
    ctx.exit(1 if any(o.status == "failed" for o in outcomes) else 0)


_paper = click.option(
    "--paper", type=click.Choice(["A4", "Letter", "A5"]), default="A4", show_default=True, help="Paper size."
)
_margins = click.option("--margins", help="Margins as in CSS: '20mm' or '22mm 20mm 24mm 20mm'.")


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=str))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=str), help="The PDF to write.")
@_paper
@_margins
@click.option(
    "--archival",
    type=click.Choice(["pdf/a-2b", "pdf/a-3b", "pdf/ua-1", "none"]),
    help="Write a PDF/A (archival) or PDF/UA (accessible) file (Typst: PDF/A-2b unless 'none').",
)
@click.option(
    "--engine",
    type=click.Choice(["typst", "fop"]),
    default="typst",
    show_default=True,
    help="Typst (in process) or Apache FOP (XSL-FO; needs fop).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print warnings and errors only.")
@click.pass_context
def pdf(ctx, file, output, paper, margins, archival, engine, quiet):
    """Set a TEI FILE as a print-ready PDF: title, introduction, contents, footnotes, index."""
    from edition import api

    book = _run(ctx, api.pdf, file, output, paper=paper, margins=margins, variant=archival, engine=engine)
    for d in book.diagnostics.items:
        click.echo(d.format(), err=True)
    if not quiet:
        click.echo(f"{output}: {book.pages} pages ({engine})", err=True)


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=str))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=str),
    help="Where to write the XSL-FO (default: stdout).",
)
@_paper
@_margins
@click.pass_context
def fo(ctx, file, output, paper, margins):
    """Write the XSL-FO of a TEI FILE, for FOP or a commercial FO engine."""
    from edition import api

    data = _run(ctx, api.fo, file, paper=paper, margins=margins)
    if output:
        _run(ctx, api.write_atomic, output, data, inputs=(Path(file),))
    else:
        sys.stdout.buffer.write(data)


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=str))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(file_okay=False, path_type=str),
    help="The folder of the site (created; a previous site there is replaced).",
)
@click.option(
    "--pdf",
    type=click.Path(exists=True, dir_okay=False, path_type=str),
    help="A PDF of the edition to offer for download.",
)
@click.option("--site-url", default="", help="Where the site will be published, for citations.")
@click.option("-q", "--quiet", is_flag=True, help="Print warnings and errors only.")
@click.pass_context
def html(ctx, file, output, pdf, site_url, quiet):
    """Publish a TEI FILE as a static HTML edition in a folder (works from file:// too)."""
    from edition import api

    site = _run(ctx, api.html, file, output, pdf=pdf, site_url=site_url)
    for d in site.diagnostics.items:
        click.echo(d.format(), err=True)
    if not quiet:
        click.echo(f"{output}/index.html: {len(site.pages)} pages", err=True)


@main.command()
@click.argument("file", type=click.Path(path_type=str))
@click.option(
    "--to",
    "fmt",
    required=True,
    type=click.Choice(sorted(EXPORT_FORMATS)),
    help="The format: " + "; ".join(f"{f.name}: {f.summary}" for f in EXPORT_FORMATS.values()),
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=str),
    help="The file to write (replaced atomically); for parlamint, the corpus folder (replaced whole).",
)
@click.option(
    "--diplomatic",
    "view",
    flag_value="diplomatic",
    help="txt, md, json, csv: the text as transcribed, not the corrected reading.",
)
@click.option(
    "--reading",
    "view",
    flag_value="reading",
    default=True,
    help="txt, md, json, csv: the corrected reading text (default).",
)
@click.option(
    "--country",
    default="XX",
    show_default=True,
    metavar="CODE",
    help="parlamint: the ISO 3166 code in the corpus id ParlaMint-CODE (XX: user-assigned, none).",
)
@click.option(
    "--corpus-name",
    default="Unnamed",
    show_default=True,
    metavar="NAME",
    help="parlamint: one or two words before 'parliamentary corpus' in the titles.",
)
@click.option(
    "--source-url",
    default=None,
    metavar="URL",
    help="parlamint: the source's web address (default: the first in the TEI header, else https://example.org/).",
)
@click.option(
    "--sitting-date",
    default=None,
    metavar="YYYY-MM-DD",
    help="parlamint: the date of a document without dated sessions (default: a date in "
    "the TEI header, else in the file name).",
)
@click.option(
    "--play-id",
    default=None,
    metavar="ID",
    help="dracor: the play's xml:id (default: the source's, else ed + six digits of the title's CRC-32).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print warnings and errors only.")
@click.pass_context
def export(ctx, file, fmt, output, view, country, corpus_name, source_url, sitting_date, play_id, quiet):
    """Export a TEI FILE (an edition's, or TEI others wrote) for other tools."""
    from edition.export import ExportOptions
    from edition.export import export as run

    _run(
        ctx,
        run,
        file,
        fmt,
        output,
        ExportOptions(
            view=view,
            country=country,
            corpus_name=corpus_name,
            source_url=source_url,
            sitting_date=sitting_date,
            play_id=play_id,
        ),
    )
    if not quiet:
        click.echo(f"{output}: {fmt}", err=True)


@main.command()
@click.argument("file", type=click.Path(path_type=str))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="A report to read, or JSON for programs.",
)
@click.pass_context
def stats(ctx, file, fmt):
    """Count a TEI FILE (an edition's, or TEI others wrote): sessions, divisions, speakers,
    turns, words, notes and lacunae, per session and per speaker."""
    import json

    from edition.stats import stats as count

    report = _run(ctx, count, file)
    if fmt == "json":
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(report.table(), nl=False)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=str))
@click.option(
    "--schema",
    default="edition",
    show_default=True,
    metavar="edition|tei-all|PATH",
    help="The project's schema, TEI P5 (tei_all; found via $EDITION_TEI_ALL), or any XSD or RELAX NG file.",
)
@click.option(
    "--rules/--no-rules",
    default=None,
    help="Run the coded rules (pointers, ids, votes, register). Default: on with the "
    "project's schema, off with others.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="A report to read, or JSON for programs.",
)
@click.option("--strict", is_flag=True, help="Warnings fail validation too.")
@click.option(
    "--odd",
    type=click.Path(exists=True, dir_okay=False, path_type=str),
    help="Validate against this TEI customisation (ODD), compiled to RELAX NG by the "
    "toolkit (cached by content) — instead of --schema.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes: validate the files in parallel, with a progress bar.",
)
@click.pass_context
def validate(ctx, files, schema, rules, fmt, strict, odd, jobs):
    """Validate TEI FILES (or every .xml under a directory).

    Prints one diagnostic a line, file:line:col: severity[CODE] message (hint) at /element/path,
    then a summary. Exit 0 when every file is valid, 1 when one is not, 2 for usage errors
    (including a schema that cannot be found or built). With -j N the files are validated by N
    worker processes, with a progress bar on standard error; the report is the same.
    """
    import json
    import time

    from edition import api

    if odd and ctx.get_parameter_source("schema") != click.core.ParameterSource.DEFAULT:
        click.echo("edition: error[E006] --odd and --schema each name the schema: give one", err=True)
        ctx.exit(2)
    start = time.perf_counter()
    if jobs > 1:
        from edition.validate import expand

        count = len(_run(ctx, expand, list(files)))
        with click.progressbar(length=count, label=f"validating {count} files", file=sys.stderr, show_pos=True) as bar:
            report = _run(
                ctx,
                api.validate,
                list(files),
                schema=schema,
                rules=rules,
                odd=odd,
                jobs=jobs,
                on_file=lambda file_report: bar.update(1),
            )
    else:
        report = _run(ctx, api.validate, list(files), schema=schema, rules=rules, odd=odd)
    if fmt == "json":
        click.echo(json.dumps(report.as_dict(strict), ensure_ascii=False, indent=2))
    else:
        for file_report in report.files:
            for d in file_report.diagnostics:
                click.echo(d.format())
        click.echo(
            report.summary(strict) + (f"; in {time.perf_counter() - start:.1f} s (-j {jobs})" if jobs > 1 else "")
        )
    ctx.exit(0 if report.ok(strict) else 1)


@main.command()
@click.argument("file", type=click.Path(path_type=str))
@click.option(
    "--diplomatic",
    "view",
    flag_value="diplomatic",
    default=True,
    help="The source text exactly as transcribed (default).",
)
@click.option("--reading", "view", flag_value="reading", help="Corrected reading text.")
@click.option(
    "--witness", metavar="SIGLUM", help="Of a collation (edition collate): the text of this witness, exactly."
)
@click.pass_context
def text(ctx, file, view, witness):
    """Print the plain text of a TEI FILE."""
    from edition import api

    if witness:
        sys.stdout.buffer.write(_run(ctx, api.witness_text, file, witness).encode("utf-8"))
        return
    sys.stdout.write(_run(ctx, api.plain_text, file, view))


@main.command()
@click.argument("witnesses", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=str),
    help="Where to write the TEI (default: the config's [collation] output, else stdout).",
)
@click.option(
    "-c",
    "--config",
    type=click.Path(path_type=str),
    help="An edition.toml with [[witness]] tables (and a [collation] table).",
)
@click.option(
    "--siglum",
    "sigla",
    multiple=True,
    metavar="SIGLUM",
    help="The siglum of each witness, in order (default: what sets its file name apart).",
)
@click.option("--base", metavar="SIGLUM", help="The base text (default: the first witness).")
@click.option(
    "--fragmentary",
    multiple=True,
    metavar="SIGLUM",
    help="A fragmentary witness: the paragraphs it lacks are lost (witStart, witEnd, "
    "lacunaStart, lacunaEnd), not left out.",
)
@click.option("--title", help="Title of the collation.")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.pass_context
def collate(ctx, witnesses, output, config, sigla, base, fragmentary, title, force, quiet):
    """Collate a BASE text and its WITNESSES (plain text or TEI) into a TEI critical apparatus
    (parallel segmentation), from which each witness's text comes back exactly."""
    from edition import api
    from edition.errors import OutputError
    from edition.xmlio import serialize

    if not config and len(witnesses) < 2:
        raise click.UsageError("give a BASE and at least one WITNESS, or a --config with [[witness]] tables")
    if config and witnesses:
        raise click.UsageError("give witnesses as files or in a --config, not both")
    settings, result = _run(
        ctx,
        api.collate,
        list(witnesses),
        sigla=sigla,
        config=config,
        base=base,
        title=title or "",
        fragmentary=fragmentary,
    )
    target = output or settings.output
    data = serialize(result.root, models=True)
    if target is None:
        sys.stdout.buffer.write(data)
        return
    if Path(target).exists() and not force:
        _run(ctx, _raise, OutputError("exists; use --force to overwrite it", file=str(target)))
    _run(ctx, api.write_atomic, target, data, inputs=settings.inputs)
    if not quiet:
        st = result.stats()
        click.echo(
            f"{target}: {st['witnesses']} witnesses, {st['paragraphs']} paragraphs, "
            f"{st['sites']} variant sites ({st['substantive']} substantive, "
            f"{st['orthographic']} orthographic, {st['punctuation']} punctuation)",
            err=True,
        )


def _raise(exc: Exception):
    raise exc


@main.command()
@click.argument("source", required=False, type=click.Path(path_type=str))
@click.option("-c", "--config", type=click.Path(path_type=str), help="An edition.toml (its corrections are skipped).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["tsv", "text"]),
    default="tsv",
    show_default=True,
    help="Rows to paste into corrections.tsv, or one suspect a line to read.",
)
@click.pass_context
def suspects(ctx, source, config, fmt):
    """List OCR suspects with suggested corrections, as rows for the corrections file."""
    from edition import suspects as sus

    settings = _run(ctx, _settings, config, source)
    if settings.source is None:
        raise click.UsageError("give a SOURCE transcript or a --config naming one")
    rows = _run(ctx, sus.find_suspects, settings)
    if fmt == "tsv":
        click.echo("sic\tcorr\tcontext\ttype\tnote")
    for r in rows:
        if fmt == "tsv":
            click.echo(f"{r.sic}\t{r.corr}\t{r.context}\t{r.type}\tl.{r.line}; {r.reason}")
        else:
            click.echo(f"{settings.source}:{r.line}: {r.sic!r} → {r.corr!r} ({r.reason})")


@main.group()
def odd():
    """TEI customisations (ODD): compile one into RELAX NG and ISO Schematron."""


@odd.command("compile")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=str))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(file_okay=False, path_type=str),
    help="The folder to write NAME.rng and NAME.sch into (NAME: the schemaSpec's ident).",
)
@click.option(
    "--schema", "schema_ident", metavar="IDENT", help="Which schemaSpec of the ODD to compile (default: the first)."
)
@click.option("-q", "--quiet", is_flag=True, help="Print warnings and errors only.")
@click.pass_context
def compile_odd(ctx, source, output, schema_ident, quiet):
    """Compile the TEI customisation SOURCE (an ODD) into RELAX NG and ISO Schematron.

    The ODD is resolved against the TEI P5 release shipped with the toolkit, or against the local
    file its schemaSpec/@source names (another ODD: a chained customisation); nothing is ever
    fetched. Exit 0 when both files were written, 2 when the ODD cannot be compiled (E202), 5
    when the folder cannot be written.
    """
    from edition import api

    compiled, written = _run(ctx, api.compile_odd, source, output, schema_ident)
    for warning in compiled.warnings:
        click.echo(f"{source}: warning: {warning}", err=True)
    if not quiet:
        for path in written:
            click.echo(f"wrote {path}")
