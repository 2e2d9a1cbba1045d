"""What a Schematron may not ask for: its expressions are data, and data never reads files.

A schema's XPath could name any file or URI the process can read (`doc('/etc/passwd')`,
`unparsed-text()`, `collection()`), and foreign XSLT in it could include other stylesheets or write
documents. None of that is run: a schema whose expressions call a function of FORBIDDEN_FUNCTIONS
or hold an XSLT element outside ALLOWED_XSLT is refused before it is compiled, with the place and
the reason. The test is on the text of every expression, so a name inside a string literal is
refused too: a false alarm costs a rewording, a miss would cost a file.
"""

from __future__ import annotations

import re

from lxml import etree

from edition.errors import SchemaError

SCH_NS = "http://purl.oclc.org/dsdl/schematron"
XSL_NS = "http://www.w3.org/1999/XSL/Transform"

#: Functions that read, fetch or look up something outside the document (or find such a function
#: by name, or run code the schema does not show), each with why it is refused.
FORBIDDEN_FUNCTIONS: dict[str, str] = {
    "doc": "reads another document",
    "doc-available": "probes for another document",
    "document": "reads another document",
    "unparsed-text": "reads a file",
    "unparsed-text-lines": "reads a file",
    "unparsed-text-available": "probes for a file",
    "collection": "reads a collection of documents",
    "uri-collection": "lists files",
    "json-doc": "reads a file",
    "environment-variable": "reads the environment",
    "available-environment-variables": "reads the environment",
    "system-property": "reads the processor's environment",
    "function-lookup": "finds functions by name, which could reach the ones above",
    "load-xquery-module": "loads code from a file",
    "transform": "runs another stylesheet",
    "put": "writes a file",
    "parse-xml": "parses a string whose DOCTYPE could name a file to read",
    "parse-xml-fragment": "parses a string whose DOCTYPE could name a file to read",
}

#: A call (`doc(`) or a named reference (`doc#1`) of a forbidden function, with or without a
#: prefix (`fn:doc`) or a URI-qualified name (`Q{...}doc`).
_CALL = re.compile(r"(?<![\w.\-:}])(?:[\w.\-]+:|Q\{[^}]*\})?(?P<name>[\w.\-]+)\s*(?:\(|#\d)")

#: XSLT elements a schema may carry (in `xsl:function` and `xsl:key`): they compute; none reads,
#: writes, includes or evaluates a string as code.
ALLOWED_XSLT = frozenset(
    {
        "function",
        "key",
        "param",
        "variable",
        "sequence",
        "choose",
        "when",
        "otherwise",
        "if",
        "for-each",
        "iterate",
        "next-iteration",
        "break",
        "on-completion",
        "value-of",
        "text",
        "sort",
        "perform-sort",
        "map",
        "map-entry",
        "where-populated",
        "on-empty",
        "on-non-empty",
        "element",
        "attribute",
        "copy-of",
        "copy",
        "comment",
        "number",
        "analyze-string",
        "matching-substring",
        "non-matching-substring",
        "fallback",
        "for-each-group",
    }
)

#: Schematron elements that would make the toolkit read another file.
FILE_READING_SCH = {
    "include": "includes another file",
    "extends": "extends a schema in another file",  # only with @href; `extends rule=` is allowed
}


def check_expression(expr: str, where: str) -> None:
    """Refuse an expression that calls a function which reads or fetches anything."""
    for m in _CALL.finditer(expr):
        name = m["name"]
        if name in FORBIDDEN_FUNCTIONS:
            raise SchemaError(
                f"{where}: the expression calls {name}(), which "
                f"{FORBIDDEN_FUNCTIONS[name]}; a Schematron is checked against the "
                "document alone, and such a schema is refused",
                hint="rewrite the test over the document itself",
            )


def check_tree(schema: etree._Element, source: str) -> None:
    """Refuse a schema that reads files: by its elements, or by any expression in it."""
    for el in schema.iter(etree.Element):
        where = f"{source}:{el.sourceline}" if el.sourceline else source
        qname = etree.QName(el)
        if (
            qname.namespace == SCH_NS
            and qname.localname in FILE_READING_SCH
            and (qname.localname != "extends" or el.get("href") is not None)
        ):
            raise SchemaError(
                f"{where}: <sch:{qname.localname}> {FILE_READING_SCH[qname.localname]}; "
                "the toolkit reads nothing a document or schema names",
                hint="put what it names into the schema itself",
            )
        if qname.namespace == SCH_NS and qname.localname == "pattern" and el.get("documents"):
            raise SchemaError(
                f"{where}: <sch:pattern documents=…> checks other documents; the toolkit reads nothing a schema names",
                hint="validate those documents themselves",
            )
        if qname.namespace == XSL_NS and qname.localname not in ALLOWED_XSLT:
            raise SchemaError(
                f"{where}: <xsl:{qname.localname}> is not allowed in a Schematron "
                "run by the toolkit (only xsl:function and xsl:key, computing over "
                "the document)",
                hint="remove it",
            )
        for attr, value in el.attrib.items():
            check_expression(value, f"{where}: @{etree.QName(attr).localname}")
