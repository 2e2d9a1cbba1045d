"""edition: turn speaker-labelled transcripts into lossless TEI P5 scholarly editions.

The library in three names (docs/api.md): `encode(text_or_path, **options) -> Edition`,
`load(tei) -> Edition`, and `Edition` (`.tei`, `.report`, `.validate()`, `.html()`, `.pdf()`,
`.export(fmt)`). The pipeline's stages are `edition.api`.
"""

import edition.encode as _encode_stage  # noqa: F401 — loaded first, so the name below is the function

from edition.library import Edition, encode, load  # noqa: E402 — `edition.encode` is this function;
# the encoding stage stays importable as a package (`from edition.encode.header import …`), but not
# reachable as the attribute `edition.encode.<module>`.

__version__ = "0.1.0"
__all__ = ["Edition", "encode", "load", "__version__"]
