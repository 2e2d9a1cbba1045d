"""Editorial data for one text: register, corrections, overrides. Data files, not code."""
