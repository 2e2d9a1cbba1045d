"""Outputs made from TEI: the HTML edition (and, later, print). XSLT runs through render.saxon."""
