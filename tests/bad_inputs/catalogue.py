"""The bad inputs, as data: (name, command, expected exit code, words the message must contain).

Each maker writes its input into a folder and returns the command's arguments; `{out}` in them
stands for an output path the test watches (it must not exist after a failure).
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

TEI = "http://www.tei-c.org/ns/1.0"
MINIMAL_BODY = (
    f'<TEI xmlns="{TEI}"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>'
    "<publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc>"
    "</fileDesc></teiHeader><text><body>{}</body></text></TEI>"
)


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], list[str]]
    exit: int
    says: tuple[str, ...] = ()
    names_file: bool = True


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def text(name: str, data: bytes | str, *extra: str):
    return lambda d: ["encode", str(_write(d, name, data)), "-o", "{out}", *extra]


def xml(command: str, data: bytes | str, name: str = "doc.xml"):
    def make(d: Path) -> list[str]:
        path = _write(d, name, data)
        if command == "validate":
            return ["validate", str(path)]
        if command == "text":
            return ["text", str(path)]
        return [command, str(path), "-o", "{out}"]

    return make


BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    + f']>\n<TEI xmlns="{TEI}">&i;</TEI>'
)
QUADRATIC = (
    f'<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY x "{"x" * 50_000}">]>\n'
    f'<TEI xmlns="{TEI}">' + "&x;" * 50_000 + "</TEI>"
)

CASES: list[Case] = [
    # ---------------------------------------------------------------- transcripts
    Case("empty", text("empty.txt", b""), 3, ("is empty",)),
    Case("whitespace-only", text("blank.txt", " \n\t\n  \n"), 3, ("is empty",)),
    Case(
        "binary-image",
        text("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4),
        3,
        ("binary",),
    ),
    Case("nul-bytes", text("nul.txt", b"SMITH: Hello\x00 there.\n"), 3, ("nul bytes",)),
    Case("latin-1", text("latin1.txt", "SMITH: Café crème.\n".encode("latin-1")), 3, ("not valid utf-8", "--encoding")),
    Case("cp1251", text("cp1251.txt", "ЛЕНИН: Товарищи!\n".encode("cp1251")), 3, ("not valid utf-8", "--encoding")),
    Case("unknown-encoding", text("x.txt", "SMITH: Hi.\n", "--encoding", "klingon-8"), 3, ("unknown encoding",)),
    Case("directory", lambda d: ["encode", str(d), "-o", "{out}"], 3, ("directory",)),
    Case("missing-file", lambda d: ["encode", str(d / "nope.txt"), "-o", "{out}"], 3, ("no such file",)),
    # handled, not refused: the output must be valid and lossless (checked by the test)
    Case("utf-16-with-bom", text("u16.txt", codecs.BOM_UTF16_LE + "SMITH: Hello.\n".encode("utf-16-le")), 0),
    Case("cp1251-with-encoding", text("cp.txt", "ЛЕНИН: Товарищи!\n".encode("cp1251"), "--encoding", "cp1251"), 0),
    Case("mixed-line-ends", text("mixed.txt", "SMITH: One.\r\nJONES: Two.\rSMITH: Three.\n"), 0),
    Case("unbalanced-brackets-and-quotes", text("unbal.txt", 'SMITH: [Applause. "Yes (no.\n\nJONES: ] ) " ok.\n'), 0),
    Case("labels-without-speech", text("nolabel.txt", "SMITH:\n\nJONES: \n\nSMITH: Now.\n"), 0),
    Case("single-20-mb-line", text("line.txt", "SMITH: " + "word " * 4_000_000), 0),
    Case(
        "100000-speakers",
        text(
            "speakers.txt",
            "".join(
                f"SPEAKER {chr(65 + i % 26)}{chr(65 + i // 26 % 26)}{chr(65 + i // 676 % 26)}{chr(65 + i // 17576 % 26)}: "
                f"Words of {i}.\n"
                for i in range(100_000)
            ),
        ),
        0,
    ),
    Case(
        "suspects-binary",
        lambda d: ["suspects", str(_write(d, "scan.pdf", b"%PDF-1.7\x00\x00" + bytes(range(256))))],
        3,
        ("binary",),
    ),
    Case("build-missing-config", lambda d: ["build", "-c", str(d / "edition.toml")], 4, ("no such config",)),
    Case(
        "build-broken-config",
        lambda d: ["build", "-c", str(_write(d, "edition.toml", "[edition\nid = 1"))],
        4,
        ("not valid toml",),
    ),
    Case(
        "overrides-missing-key",
        lambda d: [
            "encode",
            str(_write(d, "t.txt", "SMITH: Hi.\n")),
            "-o",
            "{out}",
            "--overrides",
            str(_write(d, "overrides.toml", '[[session]]\nheading = "SESSION"\n')),
        ],
        4,
        ("lacks chair",),
    ),
    Case(
        "build-broken-register", lambda d: ["build", "-c", str(_edition(d, register="<listPerson>"))], 4, ("register",)
    ),
    # ---------------------------------------------------------------- XML
    Case("malformed", xml("html", f'<TEI xmlns="{TEI}"><text><body><p>open</body></text></TEI>'), 3, ("malformed",)),
    Case("not-tei", xml("html", "<html><body><p>Hi</p></body></html>"), 3, ("not a tei document",)),
    Case(
        "wrong-namespace",
        xml("pdf", '<TEI xmlns="http://example.org/x"><text><body><p>x</p></body></text></TEI>'),
        3,
        ("not a tei document",),
    ),
    Case(
        "external-entity-file",
        xml(
            "text",
            f'<!DOCTYPE TEI [<!ENTITY s SYSTEM "file:///etc/passwd">]>'
            f'<TEI xmlns="{TEI}"><text><body><p>&s;</p></body></text></TEI>',
        ),
        3,
        ("doctype",),
    ),
    Case(
        "external-entity-url",
        xml(
            "html",
            f'<!DOCTYPE TEI [<!ENTITY s SYSTEM "http://127.0.0.1:9/x">]>'
            f'<TEI xmlns="{TEI}"><text><body><p>&s;</p></body></text></TEI>',
        ),
        3,
        ("doctype",),
    ),
    Case(
        "parameter-entities",
        xml("validate", f'<!DOCTYPE TEI [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]><TEI xmlns="{TEI}"/>'),
        1,
        ("E101",),
    ),
    Case("billion-laughs", xml("pdf", BOMB), 3, ("doctype",)),
    Case("quadratic-blowup", xml("fo", QUADRATIC), 3, ("doctype",)),
    Case(
        "external-dtd",
        xml("validate", f'<!DOCTYPE TEI SYSTEM "http://127.0.0.1:9/tei.dtd"><TEI xmlns="{TEI}"/>'),
        1,
        ("E101",),
    ),
    Case(
        "xinclude",
        xml(
            "html",
            f'<TEI xmlns="{TEI}" xmlns:xi="http://www.w3.org/2001/XInclude"><text><body>'
            '<xi:include href="/etc/passwd" parse="text"/></body></text></TEI>',
        ),
        3,
        ("xinclude",),
    ),
    Case(
        "stylesheet-pi",
        xml(
            "text",
            '<?xml-stylesheet href="http://127.0.0.1:9/x.xsl" type="text/xsl"?>' + MINIMAL_BODY.format("<p>Kept.</p>"),
        ),
        0,
        names_file=False,
    ),
    Case(
        "nesting-100000",
        xml("validate", f'<TEI xmlns="{TEI}">' + "<p>" * 100_000 + "</p>" * 100_000 + "</TEI>"),
        1,
        ("E105", "nested"),
    ),
    Case(
        "attribute-10-mb",
        xml("html", MINIMAL_BODY.format('<p n="' + "a" * 10_500_000 + '">x</p>')),
        0,
        names_file=False,
    ),
    Case(
        "nesting-2000-to-xslt",
        xml("html", MINIMAL_BODY.format("<p>" * 2000 + "x" + "</p>" * 2000)),
        3,
        ("levels deep",),
    ),
    Case("million-siblings", xml("text", MINIMAL_BODY.format("<p>x</p>" * 1_000_000)), 0, names_file=False),
    Case(
        "invalid-utf-8",
        xml("validate", MINIMAL_BODY.format("<p>BYTES</p>").encode().replace(b"BYTES", b"\xff\xfe")),
        1,
        ("E100", "utf-8"),
    ),
    Case("xml-empty", xml("pdf", b""), 3, ("is empty",)),
    # found by fuzzing: a processing instruction libxml2 accepts and Saxon's parser refuses
    Case(
        "pi-target-saxon-refuses",
        xml("html", "<?\u0218xml version='1.0'?>\n" + MINIMAL_BODY.format("<p>x</p>")),
        3,
        ("xslt processor cannot read",),
    ),
    # ---------------------------------------------------------------- outputs
    Case(
        "output-is-input",
        lambda d: ["encode", str(_write(d, "same.txt", "SMITH: Hi.\n")), "-o", str(d / "same.txt"), "--force"],
        5,
        ("overwrite the input",),
    ),
    Case(
        "output-exists",
        lambda d: [
            "encode",
            str(_write(d, "a.txt", "SMITH: Hi.\n")),
            "-o",
            str(_write(d, "hand-edited.xml", "<TEI/>")),
        ],
        5,
        ("exists", "--force"),
    ),
    Case(
        "output-under-a-file",
        lambda d: ["encode", str(_write(d, "b.txt", "SMITH: Hi.\n")), "-o", str(_write(d, "plain", "x")) + "/out.xml"],
        5,
        ("does not exist",),
    ),
    Case(
        "output-in-unwritable-folder",
        lambda d: ["encode", str(_write(d, "c.txt", "SMITH: Hi.\n")), "-o", str(_unwritable(d) / "out.xml")],
        5,
        ("cannot be written",),
    ),
    Case(
        "site-over-a-foreign-folder",
        lambda d: ["html", str(_write(d, "t.xml", MINIMAL_BODY.format("<p>x</p>"))), "-o", str(_foreign(d))],
        5,
        ("left alone",),
    ),
    Case(
        "pdf-into-missing-folder",
        lambda d: [
            "pdf",
            str(_write(d, "t.xml", MINIMAL_BODY.format("<p>x</p>"))),
            "-o",
            str(d / "no" / "such" / "x.pdf"),
        ],
        5,
        ("does not exist",),
    ),
]


def _edition(d: Path, register: str) -> Path:
    _write(d, "t.txt", "SMITH: Hello.\n")
    _write(d, "register.xml", register)
    return _write(
        d, "edition.toml", '[edition]\nid = "t"\nsource = "t.txt"\nregister = "register.xml"\noutput = "t.xml"\n'
    )


def _unwritable(d: Path) -> Path:
    """A folder this process cannot write in: one without write permission, or — for root, whom
    permissions do not stop — a read-only system folder."""
    locked = d / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    for folder in (locked, Path("/sys"), Path("/proc")):
        probe = folder / ".edition-probe"
        try:
            probe.touch()
        except OSError:
            return folder
        probe.unlink()
    raise RuntimeError("no unwritable folder on this machine")


def _foreign(d: Path) -> Path:
    folder = d / "thesis"
    folder.mkdir()
    (folder / "chapter1.docx").write_text("precious")
    return folder


# Cases filed by topic in their own modules join the one list (imported last: they use the makers above).
from bad_inputs import cases_converter, cases_render, cases_workflow, cases_xmlinput  # noqa: E402

CASES += cases_render.CASES + cases_xmlinput.CASES + cases_converter.CASES + cases_workflow.CASES
