"""edition: turn speaker-labelled transcripts into lossless TEI P5 scholarly editions.

The library in three names (docs/api.md): `encode(text_or_path, **options) -> Edition`,
`load(tei) -> Edition`, and `Edition` (`.tei`, `.report`, `.validate()`, `.html()`, `.pdf()`,
`.export(fmt)`). The pipeline's stages are `edition.api`.

The three are loaded on first use (PEP 562), not on `import edition`: every module of the toolkit
is inside this package, so whatever imports one of them — `edition validate`, a worker process —
would otherwise pay for the whole library (the encoder, its grammars) before doing anything.
"""

# The encoding stage (the package edition/encode/, whose __init__ imports nothing) is loaded
# first and its attribute dropped, so that `edition.encode` is the library's function, found by
# `__getattr__` below: importing a module of the stage later (`from edition.encode.header import
# …`) does not bind the package's attribute again, since the stage is already loaded.
import importlib

importlib.import_module("edition.encode")
globals().pop("encode")  # bound by the import above: the stage's package, not the function

__version__ = "0.1.0"
__all__ = ["Edition", "encode", "load", "__version__"]

#: The library's names, each with the module that defines it.
_LAZY = {"Edition": "edition.library", "encode": "edition.library", "load": "edition.library"}


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module 'edition' has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value  # once: later look-ups do not come here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
