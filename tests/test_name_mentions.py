"""Mentions of the register's names in the speech (`edition.encode.inline.find_names`): a name
counts where it starts a word and ends one (no letter, digit, `_` or hyphen on either side),
the longest name first where two begin at the same place."""

from __future__ import annotations

import re

import pytest

from edition.encode.inline import find_names

NAMES = re.compile(r"(?:Lord Smith|Smith|Nogin|Ян Ли)(?![\w-])")  # as spans._name_pattern makes them

# text, the names found as (start, name)
MENTIONS = [
    ("Smith spoke.", [(0, "Smith")]),
    ("Lord Smith and Smith.", [(0, "Lord Smith"), (15, "Smith")]),
    ("XLord Smith", [(6, "Smith")]),  # inside a word at 0; its last word still a name
    ("Smithson, Smith_, Smith-Jones, Smith", [(31, "Smith")]),
    ("Anti-Smith, _Smith, 2Smith, (Smith)", [(29, "Smith")]),
    ("NoginNogin Nogin", [(11, "Nogin")]),
    ("«Ян Ли» и ЯнЯн Ли", [(1, "Ян Ли")]),
    ("", []),
]


@pytest.mark.parametrize(("text", "found"), MENTIONS)
def test_a_name_is_found_where_it_is_a_whole_word(text, found):
    assert [(m.start(), m.group(0)) for m in find_names(NAMES, text)] == found


@pytest.mark.parametrize(("text", "found"), MENTIONS)
def test_the_same_as_a_look_behind_would_find(text, found):
    behind = re.compile(r"(?<![\w-])" + NAMES.pattern)
    assert [(m.start(), m.group(0)) for m in behind.finditer(text)] == found
