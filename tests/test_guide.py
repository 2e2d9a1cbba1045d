"""The editor's guide (docs/guide.md) cannot go stale: its commands are run, its outputs checked.

The example the guide works on (examples/council/) is copied to a temporary folder, and every
command of the guide is run there in order, as a reader would run them:

* a command is a line starting with "$ " in a ```console block; the lines of a heredoc
  (`cat > f <<'EOF'` … `EOF`) and lines after a trailing backslash belong to it. It is run with
  bash (`-o pipefail`), with the toolkit's `edition` first on the PATH;
* it must exit 0, unless its line ends with a comment `# exits N`;
* the lines under a command are output it must print (stdout and stderr): each the whole of an
  output line, or, where it holds "…", its pieces in that order on one line; a line that is
  only "…" stands for lines left out;
* a block after `<!-- test: skip … -->` is not run (installing, copying, a server);
* a block after `<!-- test: excerpt of FILE -->` is a part of FILE at that point of the guide:
  each line, or its pieces around "…", is found on one line of the file.

Beyond that, the test checks what the guide says about the finished edition that no command shows
(the citation of a turn), and that every diagnostic code the guide names exists in the toolkit.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import ROOT

GUIDE = ROOT / "docs" / "guide.md"
EXAMPLE = ROOT / "examples" / "council"

FENCE = re.compile(r"^(?P<indent>[ ]*)```(?P<info>[\w-]*)")
MARKER = re.compile(r"<!--\s*test:\s*(?P<what>skip|excerpt of\s+(?P<file>\S+))[^>]*-->")
HEREDOC = re.compile(r"<<-?\s*(?P<q>['\"]?)(?P<word>\w+)(?P=q)")
EXITS = re.compile(r"#\s*exits\s+(?P<code>\d+)")
CODE = re.compile(r"\b[EWI]\d{3}\b")


@dataclass
class Command:
    line: int  # line of the guide
    text: str  # what bash runs
    exit_code: int = 0
    expected: list[str] = field(default_factory=list)


@dataclass
class Excerpt:
    line: int
    file: str
    expected: list[str]


def parse(markdown: str) -> list[Command | Excerpt]:
    """The guide's steps, in order: commands to run, excerpts to find."""
    lines = markdown.split("\n")
    steps: list[Command | Excerpt] = []
    i = 0
    while i < len(lines):
        fence = FENCE.match(lines[i])
        if not fence:
            i += 1
            continue
        indent, info, start = len(fence["indent"]), fence["info"], i
        body: list[str] = []
        i += 1
        while i < len(lines) and not lines[i].strip().startswith("```"):
            body.append(lines[i][indent:] if lines[i][:indent].strip() == "" else lines[i])
            i += 1
        i += 1  # the closing fence
        before = next((ln.strip() for ln in reversed(lines[:start]) if ln.strip()), "")
        marker = MARKER.fullmatch(before)
        if marker and marker["what"] == "skip":
            continue
        if marker:
            steps.append(Excerpt(start + 1, marker["file"], body))
        elif info == "console":
            steps += _commands(body, start + 2)
    return steps


def _commands(body: list[str], first_line: int) -> list[Command]:
    commands: list[Command] = []
    j = 0
    while j < len(body):
        line = body[j]
        if not line.startswith("$ "):
            assert commands, f"docs/guide.md:{first_line + j}: output before any command"
            commands[-1].expected.append(line)
            j += 1
            continue
        text, start = line[2:], j
        exits = EXITS.search(text)
        while text.endswith("\\") and j + 1 < len(body):
            j += 1
            text += "\n" + body[j]
        heredoc = HEREDOC.search(text)
        if heredoc:
            while True:
                j += 1
                assert j < len(body), f"docs/guide.md:{first_line + start}: heredoc never ends"
                text += "\n" + body[j]
                if body[j] == heredoc["word"]:
                    break
        commands.append(Command(first_line + start, text, int(exits["code"]) if exits else 0))
        j += 1
    return commands


def found(expected: str, lines: list[str], *, whole: bool) -> bool:
    """Whether an expected line is there: whole (or, in an excerpt, within a line), or its pieces
    around "…" in order on one line."""
    want = expected.strip()
    if "…" not in want:
        return any((ln.strip() == want) if whole else (want in ln) for ln in lines)
    pieces = [p.strip() for p in want.split("…") if p.strip()]
    for ln in lines:
        at = 0
        for piece in pieces:
            at = ln.find(piece, at)
            if at < 0:
                break
            at += len(piece)
        else:
            return True
    return False


def _missing(expected: list[str], lines: list[str], *, whole: bool) -> list[str]:
    return [e for e in expected if e.strip() and e.strip() != "…" and not found(e, lines, whole=whole)]


@pytest.mark.slow
def test_every_command_of_the_guide_runs_and_prints_what_the_guide_shows(tmp_path):
    started = time.monotonic()
    steps = parse(GUIDE.read_text(encoding="utf-8"))
    commands = [s for s in steps if isinstance(s, Command)]
    run = " ".join(c.text for c in commands)
    for needed in (
        "edition encode",
        "edition suspects",
        "edition validate",
        "edition build",
        "edition html",
        "edition pdf",
        "edition stats",
        "edition text",
    ):
        assert needed in run, f"the guide no longer runs {needed!r}"

    work = tmp_path / "council"
    shutil.copytree(EXAMPLE, work)
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "LC_ALL": "C.UTF-8",
    }
    for step in steps:
        if isinstance(step, Excerpt):
            path = work / step.file
            assert path.exists(), f"docs/guide.md:{step.line}: {step.file} does not exist at this point"
            missing = _missing(step.expected, path.read_text(encoding="utf-8").split("\n"), whole=False)
            assert not missing, (
                f"docs/guide.md:{step.line}: the excerpt of {step.file} is not in the "
                f"file any more:\n" + "\n".join(missing)
            )
            continue
        done = subprocess.run(
            ["bash", "-o", "pipefail", "-c", step.text],
            cwd=work,
            env=env,
            check=False,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=120,
        )
        where = f"docs/guide.md:{step.line}: $ {step.text.splitlines()[0]}"
        assert done.returncode == step.exit_code, (
            f"{where}\nexited {done.returncode}, the guide says {step.exit_code}; it printed:\n{done.stdout}"
        )
        missing = _missing(step.expected, done.stdout.split("\n"), whole=True)
        assert not missing, (
            f"{where}\ndid not print what the guide shows:\n" + "\n".join(missing) + f"\n--- it printed:\n{done.stdout}"
        )

    # What the guide says of the finished edition that no command shows: the citation of a turn.
    page = (work / "site" / "session-1921-10-04.html").read_text(encoding="utf-8")
    assert 'data-site="https://example.org/council/"' in page
    assert "<title>MEETING OF OCTOBER 4, 1921 — Minutes of the Fernley-on-Wick Parish Council" in page
    assert re.search(
        r'<div class="sp" id="turn-2" data-who="mossop"><p class="speaker">'
        r'<a href="person-mossop.html#mossop">MOSSOP:</a>',
        page,
    )
    assert 'id="p-9"' in page
    assert (work / "council.pdf").stat().st_size > 10_000
    assert time.monotonic() - started < 90, "the guide takes too long to run"


def test_the_guide_names_only_codes_the_toolkit_has():
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "edition").rglob("*.py"))
    named = set(CODE.findall(GUIDE.read_text(encoding="utf-8")))
    assert named, "the guide names no diagnostic codes"
    unknown = sorted(code for code in named if f'"{code}"' not in source)
    assert not unknown, f"docs/guide.md names codes the toolkit does not have: {unknown}"


def test_the_parser_reads_commands_outputs_heredocs_and_markers():
    steps = parse(r"""```console
$ printf 'a\n' > f   # exits 0
$ cat > g <<'EOF'
$ not a command
EOF
$ false   # exits 1: fails
$ echo one; \
  echo two
one
…
```
<!-- test: skip (never) -->
```console
$ exit 3
```
<!-- test: excerpt of g -->
  ```text
  $ not … command
  ```""")
    assert [type(s).__name__ for s in steps] == ["Command"] * 4 + ["Excerpt"]
    assert steps[1].text == "cat > g <<'EOF'\n$ not a command\nEOF"
    assert (steps[2].exit_code, steps[3].expected) == (1, ["one", "…"])
    assert steps[3].text == "echo one; \\\n  echo two"
    assert (steps[4].file, steps[4].expected) == ("g", ["$ not … command"])
    assert found("a … c", ["abc"], whole=True) and not found("c … a", ["abc"], whole=True)
    assert found("b", ["abc"], whole=False) and not found("b", ["abc"], whole=True)
