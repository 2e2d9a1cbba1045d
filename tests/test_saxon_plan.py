"""A transform with a plan (edition.render.saxon.transform(plan=…)): the stylesheet names the
files it will write, the names are checked before anything is written, Saxon writes them itself
as it makes them, and the folder must then hold exactly those files."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition.errors import InvariantError, OutputError
from edition.render import saxon

PLAN = "{urn:x-edition:functions}files"


def stylesheet(tmp_path: Path, planned: str, written: str) -> Path:
    xsl = tmp_path / "xsl" / "site.xsl"
    xsl.parent.mkdir()
    docs = "".join(
        f'<xsl:result-document href="{n}" method="html"><p>{n}</p></xsl:result-document>' for n in written.split()
    )
    xsl.write_text(
        f"""<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
        xmlns:ed="urn:x-edition:functions" xmlns:xs="http://www.w3.org/2001/XMLSchema" exclude-result-prefixes="#all">
      <xsl:template name="ed:files" as="xs:string*"><xsl:sequence select="tokenize('{planned}')"/></xsl:template>
      <xsl:template match="/">{docs}</xsl:template></xsl:stylesheet>""",
        encoding="utf-8",
    )
    return xsl


def test_the_planned_files_are_written(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    result = saxon.transform(stylesheet(tmp_path, "a.html b.html", "a.html b.html"), b"<x/>", folder=out, plan=PLAN)
    assert result.documents == ["a.html", "b.html"]
    assert (out / "b.html").read_text(encoding="utf-8") == "<p>b.html</p>"


def test_a_name_outside_the_folder_is_refused_before_anything_is_written(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(OutputError, match="outside the output folder"):
        saxon.transform(
            stylesheet(tmp_path, "a.html ../evil.html", "a.html ../evil.html"), b"<x/>", folder=out, plan=PLAN
        )
    assert list(out.iterdir()) == [] and not (tmp_path / "evil.html").exists()


def test_files_the_plan_does_not_name_are_an_error(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(InvariantError, match="against its own list"):
        saxon.transform(stylesheet(tmp_path, "a.html", "a.html extra.html"), b"<x/>", folder=out, plan=PLAN)
