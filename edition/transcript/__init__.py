"""Reading plain-text transcripts: decoding, segmentation, the recogniser grammar, the model."""
