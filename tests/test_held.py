"""Held blocks (`edition/encode/held.py`): a paragraph too large to build whole is written chunk
by chunk, and the TEI is byte for byte what building it whole gives.

With the threshold forced down to one character every paragraph of every input is held, so the
streamed writer, the lazy spans and the checks made from the source are all compared against
the ordinary path on every case, the showcase and the fuzz corpus.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from edition import api
from edition.encode import inline, spans
from edition.encode.held import Held
from edition.errors import EditionError, InvariantError
from edition.settings import EncodeSettings, load_config
from edition.transcript.read import decode_source, read_source
from edition.xmlio import serialize

from conftest import CASES, ROOT, SAMPLES, SHOWCASE

INPUTS = sorted(CASES.glob("*/*.txt"))
SAMPLE_TRANSCRIPTS = (
    sorted(p for p in (SAMPLES / "transcripts").glob("*") if p.suffix in (".txt", ".md", ".vtt"))
    if SAMPLES.exists()
    else []
)
EDITION = str(Path(sys.executable).with_name("edition"))


def _both(monkeypatch, encode) -> tuple[api.EncodeResult, api.EncodeResult]:
    """The same encoding built whole, and with every paragraph held."""
    whole = encode()
    assert not whole.held
    monkeypatch.setattr(spans, "HOLD_ABOVE", 1)  # until the test ends: written held too
    held = encode()
    assert held.held, "nothing was held: the comparison would prove nothing"
    return whole, held


def _diagnostics(result: api.EncodeResult) -> list[tuple]:
    return [(d.code, d.line, d.message) for d in result.diagnostics.items]


def _same_every_way(whole: api.EncodeResult, held: api.EncodeResult, tmp_path: Path) -> None:
    expected = whole.to_bytes()
    assert held.to_bytes() == expected  # streamed into memory
    held.write(tmp_path / "held.xml")  # streamed into a staged file
    assert (tmp_path / "held.xml").read_bytes() == expected
    assert _diagnostics(held) == _diagnostics(whole)
    assert serialize(held.root, models=True) == expected  # held content built into the tree
    assert not held.held and held.to_bytes() == expected


@pytest.mark.parametrize("path", INPUTS, ids=[f"{p.parent.name}/{p.name}" for p in INPUTS])
def test_every_case_is_the_same_held(monkeypatch, tmp_path, path):
    def encode():
        return api.encode_source(read_source(path), EncodeSettings())

    _same_every_way(*_both(monkeypatch, encode), tmp_path)


def test_the_showcase_is_the_same_held(monkeypatch, tmp_path):
    whole, held = _both(monkeypatch, lambda: api.encode(load_config(SHOWCASE)))
    assert whole.to_bytes() == (ROOT / "tei" / "march-1917.xml").read_bytes()
    _same_every_way(whole, held, tmp_path)


@pytest.mark.parametrize("path", SAMPLE_TRANSCRIPTS, ids=[p.name for p in SAMPLE_TRANSCRIPTS])
def test_every_sample_transcript_is_the_same_held(monkeypatch, tmp_path, path):
    def encode():
        return api.encode_source(read_source(path), EncodeSettings())

    _same_every_way(*_both(monkeypatch, encode), tmp_path)


def test_the_fuzz_corpus_is_the_same_held(monkeypatch, tmp_path):
    """Nine hundred generated transcripts, with and without corrections files: every shape of
    nesting, crossing spans, lists nested in a held item, tables, control characters."""
    with gzip.open(ROOT / "tests" / "fuzz" / "transcripts.jsonl.gz", "rt", encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    compared = 0
    for i, record in enumerate(records):
        settings = EncodeSettings()
        if record["corrections"] is not None:
            (tmp_path / "corrections.tsv").write_text(record["corrections"], encoding="utf-8")
            settings = EncodeSettings(corrections=tmp_path / "corrections.tsv")
        source = decode_source(record["text"].encode("utf-8"), f"fuzz-{i}.txt")

        def encode():
            return api.encode_source(source, settings)

        try:
            whole = encode()
        except EditionError as exc:  # a refused input is refused either way
            monkeypatch.setattr(spans, "HOLD_ABOVE", 1)
            with pytest.raises(type(exc)):
                encode()
            monkeypatch.undo()
            continue
        monkeypatch.setattr(spans, "HOLD_ABOVE", 1)  # held while encoded and while written
        held = encode()
        assert held.to_bytes() == whole.to_bytes(), f"fuzz record {i}"
        assert _diagnostics(held) == _diagnostics(whole), f"fuzz record {i}"
        monkeypatch.undo()
        compared += 1
    assert compared >= 900


# --------------------------------------------------------------------------- the lossless check

LONG = "NOGIN: " + "word... the [lost] quiet (Applause) text " * 40 + "\n"


def _held_result(monkeypatch) -> api.EncodeResult:
    monkeypatch.setattr(spans, "HOLD_ABOVE", 1000)
    result = api.encode_source(decode_source(LONG.encode(), "long.txt"), EncodeSettings())
    assert result.held
    return result


def _dropping(monkeypatch, letter: str) -> None:
    """From now on, text put in the tree loses every `letter` (a bug that loses text)."""
    append_raw = inline.append_raw
    monkeypatch.setattr(inline, "append_raw", lambda parent, text: append_raw(parent, text.replace(letter, "")))


def test_a_held_block_that_loses_text_is_not_written(monkeypatch, tmp_path):
    result = _held_result(monkeypatch)
    _dropping(monkeypatch, "q")  # "quiet" is in the held speech only
    out = tmp_path / "out.xml"
    with pytest.raises(InvariantError, match="does not reproduce the source text") as info:
        result.write(out)
    assert LONG.index("quiet") == LONG.index("q")
    assert f"at character {LONG.index('q')}" in str(info.value)
    assert list(tmp_path.iterdir()) == []  # neither the file nor its staged copy
    with pytest.raises(InvariantError):
        result.to_bytes()


def test_a_held_block_that_loses_text_is_not_built_into_the_tree(monkeypatch):
    result = _held_result(monkeypatch)
    _dropping(monkeypatch, "q")
    with pytest.raises(InvariantError, match="does not reproduce the source text"):
        _ = result.root


def test_an_overwritten_output_is_kept_when_a_held_block_loses_text(monkeypatch, tmp_path):
    result = _held_result(monkeypatch)
    out = tmp_path / "out.xml"
    out.write_bytes(b"the last good TEI")
    _dropping(monkeypatch, "q")
    with pytest.raises(InvariantError):
        result.write(out, force=True)
    assert out.read_bytes() == b"the last good TEI"
    assert list(tmp_path.iterdir()) == [out]


def test_a_turn_whose_held_speech_is_white_space_records_a_gap(monkeypatch):
    """Whether a held turn has words is read from the source; where the source shows none (here
    wide spaces and a control character), the block is built for the tree to tell: a gap, as for
    any turn without words."""
    text = "SMITH: Yes.\n\nNOGIN: " + "\u3000" * 1200 + "\x07\u3000\n"

    def encode():
        return api.encode_source(decode_source(text.encode(), "blank.txt"), EncodeSettings())

    whole = encode()
    built = []
    materialise = Held.materialise
    monkeypatch.setattr(Held, "materialise", lambda self, el: built.append(el) or materialise(self, el))
    monkeypatch.setattr(spans, "HOLD_ABOVE", 1000)
    held = encode()
    assert len(built) == 1 and not held.held
    assert held.to_bytes() == whole.to_bytes()
    assert "W203" in [d.code for d in held.diagnostics.items]
    assert b"No words follow the speaker" in held.to_bytes()


# --------------------------------------------------------------------------- memory


def _dense(size: int) -> str:
    """One line of dense markup (an ellipsis, a vote count, a bracket, a remark or a control
    character every few words): the shape whose tree cost 2.7 GB for 20 MB."""
    pieces = ["word ...", "for – 12 ", "the [lost] ", "(Applause) ", "text… ", "a\x07b "]
    out, n, i = ["NOGIN: "], 0, 0
    while n < size:
        piece = pieces[(i * 7919) % len(pieces)]
        out.append(piece)
        n += len(piece)
        i += 1
    return "".join(out) + "\n"


def _peak_kb(args: list[str]) -> int:
    """Peak resident memory (KB) of one command, in a process of its own."""
    probe = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    run = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]
    return int(run.stdout.split()[-1])


@pytest.mark.slow
def test_a_single_line_of_dense_markup_encodes_in_bounded_memory(tmp_path):
    """4 MB on one line: built whole, about 540 MB; held, the toolkit's own footprint (measured
    on a one-line transcript) plus less than ten times the input."""
    small, big = tmp_path / "small.txt", tmp_path / "big.txt"
    small.write_text(_dense(100), encoding="utf-8")
    big.write_text(_dense(4_000_000), encoding="utf-8")
    base = _peak_kb([EDITION, "encode", str(small), "-o", str(tmp_path / "small.xml"), "-q"])
    peak = _peak_kb([EDITION, "encode", str(big), "-o", str(tmp_path / "big.xml"), "-q"])
    size_kb = big.stat().st_size / 1024
    assert peak - base < 10 * size_kb, f"peak {peak} KB, {base} KB for a line, input {size_kb:.0f} KB"
    assert (tmp_path / "big.xml").stat().st_size > 5 * big.stat().st_size  # all of it was written


# --------------------------------------------------------------------------- the parts alone


def test_merged_gives_the_order_of_a_stable_sort(monkeypatch):
    """Spans of several recognisers, merged a window at a time: by start, and where starts are
    equal the earlier recogniser's first — what sorting them all at once gave."""
    monkeypatch.setattr(spans, "WINDOW", 3)
    streams = [
        [(0, "a"), (2, "a"), (5, "a"), (9, "a")],
        [(2, "b"), (3, "b"), (9, "b")],
        [],
        [(0, "d"), (7, "d"), (20, "d")],
    ]
    made = [[inline.Span(s, s + 1, 0, inline.maker("p"), fill=name) for s, name in stream] for stream in streams]
    expected = sorted((sp for stream in made for sp in stream), key=lambda sp: sp.start)
    assert list(spans.merged([iter(s) for s in made])) == expected
    assert [sp.fill for sp in expected[:4]] == ["a", "d", "a", "b"]


def test_the_placeholder_of_a_held_block_is_found_across_writes():
    """The serializer may cut a placeholder between two writes: each byte on its own still
    finds it, and everything else passes through as it came."""
    from edition.encode.write import _Splice

    out = bytearray()

    class Sink:
        def write(self, data):
            out.extend(data)

    data = b"<p><?edition-held 0?></p> <?edition-h not this <p><?edition-held 12?></p><?edi"
    splice = _Splice(Sink(), lambda n: out.extend(f"[{n}]".encode()))
    for i in range(len(data)):
        splice.write(data[i : i + 1])
    splice.close()
    assert bytes(out) == b"<p>[0]</p> <?edition-h not this <p>[12]</p><?edi"


def test_persons_referred_reads_every_pointer_of_who_and_ref():
    """`#id` pointers of @who and @ref anywhere in the subtree, the element itself included;
    other values, other attributes, comments and processing instructions are not pointers."""
    from lxml import etree

    from edition.encode.held import persons_referred

    root = etree.fromstring(
        '<sp xmlns="http://www.tei-c.org/ns/1.0" who="#a #b"><!-- who="#c" --><?pi ref="#d"?>'
        '<p>x <name ref="#e http://example.org/f g"/> <rs key="#h" corresp="#i"/>'
        '<note who=" #j  ##k "/></p></sp>'
    )
    assert persons_referred(root) == {"a", "b", "e", "j", "k"}
    assert persons_referred(root[2][0]) == {"e"}
