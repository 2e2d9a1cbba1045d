"""The interface's message table (xslt/common/messages.xml, read by messages.xsl): every key the
stylesheets ask for is there, in every language the table promises, with the same placeholders;
English lacuna reasons are those of the common stylesheet and the text exports."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from edition.export.model import GAP_REASONS

from conftest import ROOT

MSG = "urn:x-edition:messages"
TABLE = ROOT / "xslt" / "common" / "messages.xml"
STYLESHEET = ROOT / "xslt" / "common" / "messages.xsl"  # the languages, the look-up


def table() -> dict[str, dict[str, str]]:
    tree = etree.parse(str(TABLE))
    return {
        row.get("key"): {m.get("l"): m.text or "" for m in row.iterfind(f"{{{MSG}}}m")}
        for row in tree.iter(f"{{{MSG}}}msg")
    }


def languages() -> list[str]:
    text = STYLESHEET.read_text(encoding="utf-8")
    return re.findall(r"'(\w\w)'", re.search(r'name="ed:languages"[^>]*select="\(([^)]*)\)"', text).group(1))


def keys_asked_for() -> set[str]:
    """Every literal key passed to ed:msg in the stylesheets, and the keys made of a prefix and a
    value of a table (div kinds, gap reasons, signs)."""
    asked = set()
    for xsl in (ROOT / "xslt").rglob("*.xsl"):
        text = xsl.read_text(encoding="utf-8")
        asked |= {k for k in re.findall(r"ed:msg\('([\w.\-]+)'", text) if not k.endswith(".")}  # 'gap.' || …: below
        asked |= set(re.findall(r'<ed:sign key="([\w.\-]+)"', text))
    document = (ROOT / "xslt" / "common" / "document.xsl").read_text(encoding="utf-8")
    kinds = document[document.index('name="ed:div-kinds"') :]
    asked |= {"div." + k for k in re.findall(r":\s*'(\w+)'", kinds[: kinds.index("}")])}
    asked |= {"gap." + reason for reason in GAP_REASONS}
    functions = (ROOT / "xslt" / "common" / "functions.xsl").read_text(encoding="utf-8")
    units = functions[functions.index('name="ed:gap-units"') :]
    for unit in {*re.findall(r":\s*'(\w+)'", units[: units.index("}")]), "units"}:
        asked |= {f"unit.{unit}", f"unit.{unit}.one"}
    return asked


def test_the_table_has_the_languages_it_promises():
    assert set(languages()) >= {"en", "de", "fr", "es", "ca", "ru", "it"}


@pytest.mark.parametrize("key", sorted(keys_asked_for()))
def test_every_key_asked_for_is_in_every_language(key):
    rows = table()
    assert key in rows, f"{key} is used by a stylesheet but not in messages.xml"
    assert sorted(rows[key]) == sorted(languages()), key
    placeholders = {lang: sorted(re.findall(r"\{\d\}", text)) for lang, text in rows[key].items()}
    assert len({tuple(p) for p in placeholders.values()}) == 1, placeholders
    assert all(text.strip() for text in rows[key].values()), key


def test_english_lacuna_reasons_are_the_exports():
    rows = table()
    assert {reason: rows["gap." + reason]["en"] for reason in GAP_REASONS} == GAP_REASONS


def test_a_key_missing_from_the_table_is_an_error_not_a_blank(tmp_path):
    from edition import resources
    from edition.render.saxon import transform

    probe = tmp_path / "probe.xsl"
    probe.write_text(
        f"""<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
        xmlns:ed="urn:x-edition:functions"><xsl:include href="{resources.stylesheet("common/messages.xsl").as_uri()}"/>
        <xsl:template match="/"><out><xsl:value-of select="ed:msg('no-such-key', .)"/></out></xsl:template>
        </xsl:stylesheet>""",
        encoding="utf-8",
    )
    with pytest.raises(Exception, match="ED01|no-such-key"):
        transform(probe, b"<TEI xml:lang='de'/>", {}, name="probe")
