"""edition: turn speaker-labelled transcripts into lossless TEI P5 scholarly editions.

The library in three names (docs/api.md): `encode(text_or_path, **options) -> Edition`,
`load(tei) -> Edition`, and `Edition` (`.tei`, `.report`, `.validate()`, `.html()`, `.pdf()`,
`.export(fmt)`). The pipeline's stages are `edition.api`.
"""

# The encoding stage (the package edition/encode/) is loaded first, so that the name `encode`
# below is the library's function: `from edition.encode.header import …` keeps working, the
# attribute path `edition.encode.<module>` does not.
import edition.encode as _encode_stage  # noqa: F401
from edition.library import Edition, encode, load

__version__ = "0.1.0"
__all__ = ["Edition", "encode", "load", "__version__"]
