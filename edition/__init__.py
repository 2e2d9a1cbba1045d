"""edition: turn speaker-labelled transcripts into lossless TEI P5 scholarly editions."""

__version__ = "0.1.0"
