"""Transcripts and editorial data meeting the converter: texts it must encode losslessly, corrections, registers, overrides.

Joined to the one catalogue by `catalogue.py`; the makers and `Case` come from there."""

from __future__ import annotations

import codecs

from pathlib import Path

from bad_inputs.catalogue import Case, _write, text

_HELLO = "SMITH: Hello.\n\nJONES: Привет, “world”.\n"


def with_corrections(transcript: str, rows: str):
    """`encode` of a transcript with a corrections file beside it."""
    def make(d: Path) -> list[str]:
        tsv = _write(d, "corrections.tsv", "sic\tcorr\n" + rows)
        return ["encode", str(_write(d, "t.txt", transcript)), "-o", "{out}", "--corrections", str(tsv)]
    return make


CASES: list[Case] = [
    # an encoding named on the command line is honoured, BOM or not (the NUL bytes of UTF-16 and
    # UTF-32 are not a sign of binary then); the byte order of an unmarked file is read from it
    Case("utf-16-le-without-bom-with-encoding", text("u16le.txt", _HELLO.encode("utf-16-le"), "--encoding", "utf-16"), 0),
    Case("utf-16-be-without-bom-with-encoding", text("u16be.txt", _HELLO.encode("utf-16-be"), "--encoding", "utf-16"), 0),
    Case("utf-16-be-named-exactly", text("u16be2.txt", _HELLO.encode("utf-16-be"), "--encoding", "utf-16-be"), 0),
    Case("utf-32-without-bom-with-encoding", text("u32.txt", _HELLO.encode("utf-32-be"), "--encoding", "utf-32"), 0),
    Case("utf-32-with-bom", text("u32bom.txt", codecs.BOM_UTF32_LE + _HELLO.encode("utf-32-le")), 0),
    Case("utf-16-with-bom-and-encoding", text("u16bom.txt", _HELLO.encode("utf-16"), "--encoding", "utf-16"), 0),
    # without --encoding the binary check still applies
    Case("utf-16-without-bom-without-encoding", text("u16nobom.txt", _HELLO.encode("utf-16-le")), 3,
         ("binary", "--encoding utf-16")),
    # plain texts that were refused with E900 (the encoding lost their order); kept exactly now
    Case("title-page-between-blocks", text("b.txt", "b) the bridge.\n\nMr\n\nE\nSMITH: Hello.\n"), 0),
    Case("nbsp-alone-on-a-line", text("nbsp.txt", "b) the bridge.\n\nMr\n\u00a0\nE\nSMITH: Hello.\n"), 0),
    Case("ideographic-space-alone-on-a-line", text("wide.txt", "(Laughter)\nCo\n\u3000\nI\nSESSION\n"), 0),
    Case("back-matter-only", text("app.txt", "APPENDIX\n\nSITTING"), 0),
    # formulae of a resolution are words, not speakers (checked in test_other_transcripts)
    Case("resolution-formulae", text("res.txt", "SMITH: I move.\n\nWHEREAS: The bridge fell.\n\n"
                                                 "RESOLVED: That it be mended.\n"), 0),
    # a correction the encoder cannot place is said, not counted
    Case("correction-across-a-label", with_corrections("SMITH: Helo there.\n", "SMITH: Helo\tSMITH: Hello\n"), 0,
         ("W112", "not applied", "0 corrections")),
    Case("utf-16-odd-length-with-encoding", text("u16odd.txt", _HELLO.encode("utf-16-le") + b"x", "--encoding", "utf-16"), 3,
         ("not valid utf-16",)),
]
