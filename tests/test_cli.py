"""The command line: bad input gets one clear message naming the file, an exit code, no output."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from edition.cli import main


@pytest.mark.parametrize(
    "name, content, expect",
    [
        ("empty.txt", b"", "is empty"),
        ("blank.txt", b"  \n\n \t\n", "is empty"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        ("latin1.txt", "SMITH: Caf\u00e9 cr\u00e8me".encode("latin-1"), "not valid utf-8"),
    ],
)
def test_bad_transcripts(tmp_path, name, content, expect):
    src = tmp_path / name
    src.write_bytes(content)
    out = tmp_path / "out.xml"
    result = CliRunner().invoke(main, ["encode", str(src), "-o", str(out)])
    assert result.exit_code == 3
    assert str(src) in result.output and expect in result.output.lower()
    assert "Traceback" not in result.output and not out.exists()


def test_missing_file_and_directory(tmp_path):
    for target, expect in ((tmp_path / "nope.txt", "no such file"), (tmp_path, "directory")):
        result = CliRunner().invoke(main, ["encode", str(target), "-o", str(tmp_path / "o.xml")])
        assert result.exit_code == 3 and expect in result.output
        assert not (tmp_path / "o.xml").exists()


def test_encoding_option_reads_latin1(tmp_path):
    src = tmp_path / "l.txt"
    src.write_bytes("SMITH: Caf\u00e9.".encode("latin-1"))
    result = CliRunner().invoke(main, ["encode", str(src), "--encoding", "latin-1"])
    assert result.exit_code == 0 and "Café" in result.output


def test_existing_output_needs_force(tmp_path):
    src = tmp_path / "t.txt"
    src.write_text("SMITH: Hello.\n", encoding="utf-8")
    out = tmp_path / "o.xml"
    out.write_text("hand-edited", encoding="utf-8")
    result = CliRunner().invoke(main, ["encode", str(src), "-o", str(out)])
    assert result.exit_code == 5 and out.read_text() == "hand-edited"
    assert CliRunner().invoke(main, ["encode", str(src), "-o", str(out), "--force"]).exit_code == 0


def test_text_diplomatic_round_trip(tmp_path):
    src = tmp_path / "t.txt"
    src.write_text("SMITH: Hello [Applause] ...\n\n\nJONES: Dep uties.\n", encoding="utf-8")
    out = tmp_path / "o.xml"
    assert CliRunner().invoke(main, ["encode", str(src), "-o", str(out)]).exit_code == 0
    result = CliRunner().invoke(main, ["text", "--diplomatic", str(out)])
    assert result.output == src.read_text(encoding="utf-8")


def test_text_refuses_doctype(tmp_path):
    evil = tmp_path / "evil.xml"
    evil.write_text(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text>&e;</text></TEI>'
    )
    result = CliRunner().invoke(main, ["text", str(evil)])
    assert result.exit_code == 3 and "DOCTYPE" in result.output and "root:" not in result.output


def test_suspects_lists_ocr_errors_not_in_the_corrections_file(tmp_path):
    src = tmp_path / "t.txt"
    src.write_text("SMITH: The Soviet of Dep uties mobi!izes the contradicticn.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["suspects", str(src)])
    assert result.exit_code == 0
    assert "Dep uties\tDeputies" in result.output and "mobi!izes\tmobilizes" in result.output


def test_build_never_overwrites_a_hand_edited_tei(tmp_path):
    (tmp_path / "t.txt").write_text("SMITH: We agree.\n\nJONES: We do not.\n")
    config = tmp_path / "edition.toml"
    config.write_text('[edition]\nid = "t"\nsource = "t.txt"\noutput = "t.xml"\n')
    runner = CliRunner()
    assert runner.invoke(main, ["build", "-c", str(config), "-q"]).exit_code == 0
    tei = tmp_path / "t.xml"
    assert (tmp_path / ".t.xml.sha256").exists()
    assert runner.invoke(main, ["build", "-c", str(config), "-q"]).exit_code == 0  # unchanged: fine
    edited = tei.read_text().replace("We agree.", "We agree entirely.")
    tei.write_text(edited)
    result = runner.invoke(main, ["build", "-c", str(config), "-q"])
    assert result.exit_code == 5 and "changed since the build" in result.output and "--force" in result.output
    assert tei.read_text() == edited
    assert runner.invoke(main, ["build", "-c", str(config), "-q", "--force"]).exit_code == 0
    assert "We agree entirely." not in tei.read_text()


def test_build_makes_the_folder_of_its_default_output(tmp_path, monkeypatch):
    """`edition build` with no `output` writes `build/ID.xml`: it makes `build/` as it makes the
    PDF's folder (it said "its directory does not exist")."""
    (tmp_path / "t.txt").write_text("SMITH: Hello.\n", encoding="utf-8")
    (tmp_path / "edition.toml").write_text('[edition]\nid = "t"\nsource = "t.txt"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", "-c", "edition.toml"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "build" / "t.xml").is_file()


def test_an_editions_build_is_not_refused_for_the_corpus_output(tmp_path, monkeypatch):
    """A file named `build` where the corpus builds' default output would go does not stop an
    edition's build with a usage error about -o, which it never uses; the corpus build is refused."""
    (tmp_path / "t.txt").write_text("SMITH: Hello.\n", encoding="utf-8")
    (tmp_path / "edition.toml").write_text(
        '[edition]\nid = "t"\nsource = "t.txt"\noutput = "out/t.xml"\n', encoding="utf-8"
    )
    (tmp_path / "build").write_text("not a folder", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["build", "-c", "edition.toml"]).exit_code == 0
    assert (tmp_path / "out" / "t.xml").is_file()
    corpus = CliRunner().invoke(main, ["build", "out/t.xml"])
    assert corpus.exit_code == 2 and "'build' is a file" in corpus.output
