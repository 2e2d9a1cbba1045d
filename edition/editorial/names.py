"""Name keys and ids: how a printed name is matched and how an id is made from it."""

from __future__ import annotations

import re
import unicodedata

_TRANSLIT = str.maketrans(
    {
        "а": "a",
        "б": "b",
        "в": "v",
        "г": "g",
        "д": "d",
        "е": "e",
        "ё": "e",
        "ж": "zh",
        "з": "z",
        "и": "i",
        "й": "i",
        "к": "k",
        "л": "l",
        "м": "m",
        "н": "n",
        "о": "o",
        "п": "p",
        "р": "r",
        "с": "s",
        "т": "t",
        "у": "u",
        "ф": "f",
        "х": "kh",
        "ц": "ts",
        "ч": "ch",
        "ш": "sh",
        "щ": "shch",
        "ъ": "",
        "ы": "y",
        "ь": "",
        "э": "e",
        "ю": "yu",
        "я": "ya",
        "’": "",
        "'": "",
    }
)


def ascii_fold(text: str) -> str:
    text = text.lower().translate(_TRANSLIT)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def name_key(text: str) -> str:
    """Matching key: case, accents, punctuation and spacing ignored ("Ter-Gabryelan" = "TER GABRYELAN")."""
    return re.sub(r"[^a-z0-9]", "", ascii_fold(text))


def make_id(text: str, prefix: str = "") -> str:
    """A readable, valid xml:id from a name: "THE SPEAKER pro tempore" → "the-speaker-pro-tempore"."""
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_fold(text)).strip("-") or "x"
    if not (prefix or slug[0].isalpha()):
        slug = "n" + slug
    return prefix + slug
