"""Reading a transcript: an encoding named is honoured; without one, a mark decides or UTF-8."""

from __future__ import annotations

import codecs

import pytest

from edition.errors import InputError
from edition.transcript.read import decode_source

TEXT = "SMITH: Hello.\n\nJONES: Привет, “world” — 世界.\n"

READS = [
    # (name, bytes, --encoding, the codec recorded, whether a mark was dropped)
    ("utf-16-le-unmarked", TEXT.encode("utf-16-le"), "utf-16", "utf-16-le", False),
    ("utf-16-be-unmarked", TEXT.encode("utf-16-be"), "utf-16", "utf-16-be", False),
    ("utf-16-be-unmarked-spelled-utf16", TEXT.encode("utf-16-be"), "UTF16", "utf-16-be", False),
    ("utf-16-be-named", TEXT.encode("utf-16-be"), "utf-16-be", "utf-16-be", False),
    ("utf-16-marked-and-named", TEXT.encode("utf-16"), "utf-16", "utf-16", True),
    ("utf-16-marked", codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), None, "utf-16", True),
    ("utf-32-le-unmarked", TEXT.encode("utf-32-le"), "utf-32", "utf-32-le", False),
    ("utf-32-be-unmarked", TEXT.encode("utf-32-be"), "utf-32", "utf-32-be", False),
    ("utf-32-le-marked", codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), None, "utf-32", True),
    ("utf-32-be-marked", codecs.BOM_UTF32_BE + TEXT.encode("utf-32-be"), None, "utf-32", True),
    ("utf-8-marked", codecs.BOM_UTF8 + TEXT.encode(), None, "utf-8", True),
    ("utf-8-nul-named", b"SMITH: a\x00b.\n", "utf-8", "utf-8", False),
]


@pytest.mark.parametrize("data,encoding,codec,bom", [r[1:] for r in READS], ids=[r[0] for r in READS])
def test_an_encoding_is_read_as_named_or_marked(data, encoding, codec, bom):
    source = decode_source(data, "t.txt", encoding)
    assert source.text == ("SMITH: a\x00b.\n" if b"a\x00b" in data else TEXT)
    assert (source.encoding, source.bom) == (codec, bom)


def test_without_an_encoding_nul_bytes_mean_binary():
    with pytest.raises(InputError, match="binary"):
        decode_source(TEXT.encode("utf-16-le"), "t.txt")
