"""The schema of the editorial data files (edition/editorial/schema.py) and its line finder."""

from __future__ import annotations

import dataclasses

import pytest

from edition.editorial.schema import CONFIG, TomlLines, check, overrides_schema
from edition.errors import DataError
from edition.settings import Metadata


def test_the_metadata_table_is_the_metadata_settings():
    fields = {f.name for f in dataclasses.fields(Metadata)} - {"revisions"}
    assert set(CONFIG["metadata"].keys) == fields


def test_lines_of_keys_in_tables_and_arrays_of_tables():
    text = (
        'top = 1\n[edition]\nid = "x"\n\n[[paragraph]]\nstarts = "a"\n'
        '[[paragraph]]\n# a comment\n"starts" = "b"\nwho = "c"\n'
    )
    lines = TomlLines(text)
    assert lines.find("edition", "id") == 3
    assert lines.find("paragraph", "starts", 0) == 6
    assert lines.find("paragraph", "who", 1) == 10 and lines.find("paragraph", "starts", 1) == 9
    assert lines.find("paragraph", None, 1) == 7
    assert lines.find("top") == 1
    assert lines.find("paragraph", "kind", 1) == 7  # not there: its table's line


@pytest.mark.parametrize(
    "data, words",
    [
        (
            {"paragraph": [{"starts": "a"}, {"starts": "b", "kind": "speech", "extra": 1}]},
            ("number 2", "unknown key 'extra'"),
        ),
        ({"gap": [{"after": "x", "bad name": "1"}]}, ("unknown key 'bad name'",)),
        ({"session": {"heading": "x", "chair": "y"}}, ("[[session]] tables",)),
    ],
)
def test_the_checker_names_the_entry_and_the_key(data, words):
    with pytest.raises(DataError) as caught:
        check(data, overrides_schema(), "o.toml", "")
    for w in words:
        assert w in str(caught.value)


def test_gap_attributes_may_be_numbers():
    check({"gap": [{"after": "x", "quantity": 2, "unit": "pages"}]}, overrides_schema(), "o.toml", "")


def test_site_url_is_read_from_the_config_and_held_to_a_web_address(tmp_path):
    from edition.settings import load_config

    config = tmp_path / "edition.toml"
    config.write_text('[edition]\nsource = "t.txt"\nsite-url = "https://example.org/council/"\n', encoding="utf-8")
    assert load_config(config).site_url == "https://example.org/council/"
    config.write_text('[edition]\nsource = "t.txt"\nsite-url = "javascript:alert(1)"\n', encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_config(config)
    assert "site-url" in str(caught.value) and "not a web address" in str(caught.value)
