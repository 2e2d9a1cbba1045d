"""A stylesheet that includes one module of the toolkit's XSLT and writes one expression as text,
for tests that hold a single function to its rule (a function tested alone, not through a page)."""

from __future__ import annotations

from pathlib import Path

from edition import resources


def probe_stylesheet(folder: Path, module: str, select: str, params: tuple[str, ...] = ()) -> Path:
    """Write the probe into `folder`: `module` (e.g. "common/functions.xsl") included, each of
    `params` a string parameter, the principal result the text of `select`."""
    declared = "".join(f'<xsl:param name="{name}" as="xs:string"/>' for name in params)
    path = folder / "probe.xsl"
    path.write_text(
        f"""<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
        xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:ed="urn:x-edition:functions" exclude-result-prefixes="#all">
        <xsl:include href="{resources.stylesheet(module).as_uri()}"/>
        {declared}
        <xsl:output method="text" encoding="UTF-8"/>
        <xsl:template match="/"><xsl:value-of select="{select}" separator=","/></xsl:template>
        </xsl:stylesheet>""",
        encoding="utf-8",
    )
    return path
