"""The `teiHeader`: what the edition is, where its text came from, and every editorial policy.

Nothing here is a guess about "now": dates come from the edition's config, so two builds of the
same inputs are byte-identical.
"""

from __future__ import annotations

from lxml import etree

from edition.settings import EncodeSettings
from edition.transcript.read import Source
from edition.xmlio import XML_ID, XML_LANG, T

#: Analytic categories used by @ana in the body, declared once here.
CATEGORIES = [
    ("vote", "A paragraph recording a vote or its result."),
    ("reported", "Speech the secretary recorded in the third person (“Moves that …”)."),
    ("session.chair", "Session metadata: who chaired."),
    ("session.secretaries", "Session metadata: who kept the minutes."),
    ("session.time", "Session metadata: the time."),
    ("session.present", "Session metadata: who was present."),
    ("session.agenda", "Session metadata: the order of the day."),
]


def build_header(
    settings: EncodeSettings,
    source: Source,
    list_person: etree._Element,
    list_org: etree._Element | None,
    stats: dict[str, int],
) -> etree._Element:
    m = settings.metadata
    title = m.title or f"Edition of {source.path.rsplit('/', 1)[-1]}"
    title_stmt = T.titleStmt(T.title(title, type="main"))
    if m.subtitle:
        title_stmt.append(T.title(m.subtitle, type="sub"))
    if m.author:
        title_stmt.append(T.author(m.author))
    title_stmt.append(
        T.respStmt(T.resp("TEI encoding, corrections and register"), T.name(m.editor, **{XML_ID: m.editor_id}))
    )
    if m.source_editors:
        title_stmt.append(
            T.respStmt(
                T.resp("square-bracketed additions in the source"),
                T.name(m.source_editors, **{XML_ID: "source-editors"}),
            )
        )
    else:
        title_stmt.append(
            T.respStmt(
                T.resp("square-bracketed additions in the source"),
                T.name("the editors of the source", **{XML_ID: "source-editors"}),
            )
        )
    pub = T.publicationStmt(
        T.publisher(m.publisher or m.editor), T.availability(T.licence(m.licence, target=m.licence_url))
    )
    if m.date:
        pub.append(T.date(m.date, when=m.date))
    source_desc = T.sourceDesc()
    if m.source_bibl:
        source_desc.append(T.bibl(m.source_bibl, type="print"))
    transcript = T.bibl(T.title(f"Transcript {source.path.rsplit('/', 1)[-1]}"), type="transcript")
    if m.source_url:
        transcript.append(T.ptr(target=m.source_url))
    transcript.append(T.note(_source_facts(source)))
    source_desc.append(transcript)

    file_desc = T.fileDesc(
        title_stmt,
        T.extent(
            T.measure(str(stats.get("turns", 0)), unit="turns", quantity=str(stats.get("turns", 0))),
            " ",
            T.measure(str(stats.get("corrections", 0)), unit="corrections", quantity=str(stats.get("corrections", 0))),
        ),
        pub,
        source_desc,
    )

    taxonomy = T.taxonomy(**{XML_ID: "analysis"})
    for cid, desc in CATEGORIES:
        taxonomy.append(T.category(T.catDesc(desc), **{XML_ID: cid}))
    encoding_desc = T.encodingDesc(
        T.projectDesc(
            T.p(
                m.description
                or "A lossless TEI encoding of a speaker-labelled transcript, made with the edition toolkit."
            )
        ),
        T.editorialDecl(
            T.correction(
                T.p(
                    "OCR errors are corrected in markup, never silently: each as "
                    "<choice><sic/><corr/></choice>, the source reading kept in sic, the "
                    "correction attributed with @resp and typed with @type (char, split, join, "
                    "word, name, label, number, quote, punct). The corrections are kept as "
                    "data in an editable file and applied at every build."
                ),
                method="markup",
            ),
            _normalization(source),
            T.hyphenation(
                T.p(
                    "Line-end hyphenation is kept as found; words split by a space in "
                    "the source are corrected as OCR errors of type split."
                ),
                eol="all",
            ),
            T.quotation(
                T.p("Quotation marks are kept as printed, broken ones corrected as OCR errors of type quote."),
                marks="all",
            ),
            T.segmentation(
                T.p(
                    "One paragraph of the source is one block of the encoding; lines inside a block are marked with lb."
                )
            ),
            T.interpretation(
                T.p(
                    "Speaker turns are sp with @who pointing at the register; the printed label is kept "
                    "verbatim in speaker; role labels such as THE CHAIRMAN are resolved to the chair of "
                    "the session, anonymous labels (DELEGATE) get their own register entries. "
                    'Third-person turns carry ana="#reported". The secretary\'s narration stands '
                    'outside the turns as p; votes are p ana="#vote" or stage type="vote" with '
                    "counts as measure[@quantity]. Quoted documents are floatingText with numbered points "
                    "as list/item. Square-bracketed additions of the source keep their brackets and are "
                    'typed: supplied (words), stage type="event" (events), q type="interjection" '
                    "(interjections, with @who), ref (cross-references). Parenthesised remarks of the "
                    "secretary are stage. Omission marks (...) are ellipsis/metamark; lacunae the "
                    "editor identifies are gap with @reason and a desc."
                )
            ),
        ),
        T.classDecl(taxonomy),
    )
    profile = T.profileDesc(T.langUsage(T.language(m.language_name, ident=m.language)))
    if len(list_person):
        particdesc = T.particDesc(list_person)
        if list_org is not None:
            particdesc.append(list_org)
        profile.append(particdesc)
    header = T.teiHeader(file_desc, encoding_desc, profile)
    if m.revisions:
        header.append(T.revisionDesc(*[T.change(text, when=when, who=f"#{m.editor_id}") for when, text in m.revisions]))
    etree.indent(header, space="  ", level=1)
    return header


def _source_facts(source: Source) -> str:
    if source.format == "docx":
        return (
            f"Word document (.docx, WordprocessingML in {source.encoding}), read as a text of "
            f"{len(source.text)} characters (see the normalization in encodingDesc)."
        )
    return (
        f"Plain text, {source.encoding}, {len(source.text)} characters; line ends as found: "
        f"{source.newline}; byte-order mark: {'yes' if source.bom else 'no'}."
    )


def _normalization(source: Source) -> etree._Element:
    """How the diplomatic text relates to the file: for text, only what XML forces; for a document
    of another format, the rules by which it was read as text (`Source.reading`)."""
    if source.reading:
        return T.normalization(*(T.p(sentence) for sentence in source.reading), method="markup")
    return T.normalization(
        T.p(
            "None in the text. The byte-order mark is dropped and CRLF/CR line "
            "ends become LF; both are recorded in sourceDesc. Every other character "
            "of the transcript, whitespace included, is kept: the diplomatic text "
            "of this file (all text except corr, editorial notes and gap "
            "descriptions) reproduces the transcript exactly."
        ),
        method="markup",
    )


def document(header: etree._Element, text: etree._Element, language: str) -> etree._Element:
    root = T.TEI(**{XML_LANG: language})
    root.text = "\n  "
    root.append(header)
    header.tail = "\n  "
    root.append(text)
    text.tail = "\n"
    return root
