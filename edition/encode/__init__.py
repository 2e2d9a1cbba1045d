"""Encoding: the classified model → one TEI document (header, register, body)."""
