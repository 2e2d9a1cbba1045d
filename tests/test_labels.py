"""The speaker-label grammars one by one, the detector that picks one per document, and the
judgement of labels against the document (edition/transcript/labels.py, classify.py)."""

from __future__ import annotations

import pytest

from edition import api
from edition.settings import EncodeSettings
from edition.transcript import labels as lb
from edition.transcript.read import decode_source
from edition.xmlio import NS

# grammar, paragraph, the label as printed (None: no label), its names
PROPOSALS = [
    ("colon", "STALIN: The Russian revolution …", "STALIN:", ["STALIN"]),
    ("colon", "VOITINSKY (co-reporter): I agree.", "VOITINSKY (co-reporter):", ["VOITINSKY"]),
    ("colon", "OKHLONIN and MANDELSTAM: We object.", "OKHLONIN and MANDELSTAM:", ["OKHLONIN", "MANDELSTAM"]),
    ("colon", "CC: Roger.", "CC:", ["CC"]),
    ("colon", "Senator Mark Wall: Thank you.", None, None),
    (
        "colon-names",
        "Senator Niall Ó Donnghaile: Lock the doors.",
        "Senator Niall Ó Donnghaile:",
        ["Senator Niall Ó Donnghaile"],
    ),
    ("colon-names", "Thompson:\tActually, no.", "Thompson:", ["Thompson"]),
    ("colon-names", "Заря 1 (Королев): Как слышите?", "Заря 1 (Королев):", ["Заря 1"]),
    (
        "colon-names",
        "Minister of State at the Department of Finance (Deputy Sean Fleming): I thank",
        "Minister of State at the Department of Finance (Deputy Sean Fleming):",
        ["Minister of State at the Department of Finance"],
    ),
    (
        "colon-names",
        "Mr FRYDENBERG (Kooyong—Treasurer) (14:02): I thank",
        "Mr FRYDENBERG (Kooyong—Treasurer) (14:02):",
        ["Mr FRYDENBERG"],
    ),
    ("colon-names", "[00:01:23] John Smith: Good morning.", "John Smith:", ["John Smith"]),
    ("line-colon", "Speaker 1 (00:00:01):", "Speaker 1 (00:00:01):", ["Speaker 1"]),
    ("colon-names", "The Minister said: we will", None, None),  # "said" is not a name's word
    ("colon-names", "Note: the text is", None, None),  # never a person
    ("colon-names", "1917: a year", None, None),
    ("dot", "Mr. McCONNELL. Mr. President, I rise", "Mr. McCONNELL.", ["Mr. McCONNELL"]),
    ("dot", "The SPEAKER pro tempore. The question is", "The SPEAKER pro tempore.", ["The SPEAKER pro tempore"]),
    ("dot-caps", "CATHERINE (indignantly). Our ideas real!", "CATHERINE (indignantly).", ["CATHERINE"]),
    (
        "dot-caps",
        "RAINA (looking up at the picture with worship.) Oh, I shall",
        "RAINA (looking up at the picture with worship.)",
        ["RAINA"],
    ),
    (
        "dot-caps",
        "RAINA (staring at him, conceiving a\npoor opinion of him). Oh",
        "RAINA (staring at him, conceiving a\npoor opinion of him).",
        ["RAINA"],
    ),
    ("dot-caps", "MRS. UPJOHN. My dear!", "MRS. UPJOHN.", ["MRS. UPJOHN"]),
    ("dot-caps", "ACT III. The library.", None, None),
    ("dot-caps", "I. Introduction", None, None),
    ("dot-names", "Lord Mansfield. It can't be. The answer implies it", "Lord Mansfield.", ["Lord Mansfield"]),
    ("dot-names", "Präsident Dr. Norbert Lammert sagte", None, None),  # "Dr." is not the label's stop
    ("caps-direction", "NORA [going to him] Torvald!", "NORA [going to him]", ["NORA"]),
    ("underscore", "_Filch._ _Tom Gagg_, Sir, is found guilty.", "_Filch._", ["Filch"]),
    ("underscore", "  _Mrs. Peachum._ 'Tis so.", "_Mrs. Peachum._", ["Mrs. Peachum"]),
    ("underscore", "_Midsummer 1921_.", None, None),  # a date
    ("bold", "**Mat Ryer:** Hello, and welcome", "**Mat Ryer:**", ["Mat Ryer"]),
    ("bold", "**Break**: [12:40]", None, None),  # not a person
    ("bold", "##### **Jane Doe** [[00:00:07](https://example.org)]", "**Jane Doe**", ["Jane Doe"]),
    ("voice", "<v Michael Kennedy>sure michael's still on", "<v Michael Kennedy>", ["Michael Kennedy"]),
    ("timed-name", "0:00 Brian Okken  00:10", "Brian Okken", ["Brian Okken"]),
    ("timed-name", "Brian Okken said 00:10", None, None),
    (
        "line-colon",
        "Präsident Dr. Norbert Lammert:",
        "Präsident Dr. Norbert Lammert:",
        ["Präsident Dr. Norbert Lammert"],
    ),
    ("line-colon", "Dr. Angela Merkel, Bundeskanzlerin:", "Dr. Angela Merkel, Bundeskanzlerin:", ["Dr. Angela Merkel"]),
    ("line-colon", "Frau Bundeskanzlerin, ich sage Ihnen voller Bedauern:", None, None),
    (
        "line-colon",
        "Katrin Göring-Eckardt (BÜNDNIS 90/DIE GRÜ-\nNEN):",
        "Katrin Göring-Eckardt (BÜNDNIS 90/DIE GRÜ-\nNEN):",
        ["Katrin Göring-Eckardt"],
    ),
    ("line", "ROPER.", "ROPER.", ["ROPER"]),
    ("line", "LADY  CAPULET.", "LADY  CAPULET.", ["LADY  CAPULET"]),
    ("line", "ACT III", None, None),
    ("line", "CUT TO:", None, None),
    ("line", "Yes.", None, None),
]


@pytest.mark.parametrize(
    "grammar, text, label, names", PROPOSALS, ids=[f"{g}-{i}" for i, (g, *_rest) in enumerate(PROPOSALS)]
)
def test_each_grammar_reads_its_labels_and_refuses_the_rest(grammar, text, label, names):
    p = lb.propose(lb.BY_NAME[grammar], text)
    if label is None:
        assert p is None
    else:
        assert p is not None and text[p.start : p.end] == label and p.names == names


def _doc(*turns: str, sep: str = "\n\n") -> str:
    return sep.join(turns) + "\n"


DOCUMENTS = [
    ("colon", _doc("STALIN: One.", "NOGIN: Two.", "STALIN: Three.", "NOGIN: Four.")),
    ("colon-names", _doc("MSM:\t\tThe CTSS?", "Thompson:\tActually, no.", "MSM:\tAnd then?", "Thompson:\tThen Unix.")),
    ("dot-caps", _doc("RAINA. Oh!", "CATHERINE (indignantly). Our ideas real!", "RAINA. Yes.", "CATHERINE. Well.")),
    ("line", _doc("ROPER.", "Hul-lo!", "LILY.", "Good evening.", "ROPER.", "Yes.", "LILY.", "Well?")),
    (
        "line-colon",
        _doc(
            "Präsident Dr. Norbert Lammert:\nNehmen Sie Platz.",
            "Thomas Oppermann (SPD):\nHerr Präsident!",
            "Präsident Dr. Norbert Lammert:\nDanke.",
            "Volker Kauder (CDU/CSU):\nJa.",
        ),
    ),
    ("underscore", _doc("_Filch._ Sir.", "_Peachum._ A lazy dog!", "_Filch._ Yes.", "_Peachum._ No.")),
    (
        "bold",
        _doc("**Mat Ryer:** Hello.", "**Mark Bates:** Hey.", "**Mat Ryer:** How are you?", "**Mark Bates:** Fine."),
    ),
    (
        "voice",
        _doc(
            "WEBVTT",
            "00:00:01.000 --> 00:00:02.000\n<v Ann>hi",
            "00:00:02.000 --> 00:00:03.000\n<v Bob>hello",
            "00:00:03.000 --> 00:00:04.000\n<v Ann>bye",
            "00:00:04.000 --> 00:00:05.000\n<v Bob>ok",
        ),
    ),
    (
        "timed-name",
        _doc(
            "0:00 Ann Lee  00:00", "0:00 Hello.", "0:00 Bob Roe  00:05", "0:00 Hi.", "0:00 Ann Lee  00:09", "0:00 Bye."
        ),
    ),
]


@pytest.mark.parametrize("expected, text", DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_detection_picks_the_grammar_that_explains_the_document(expected, text):
    assert lb.detect(text).grammar.name == expected


def test_detection_forced_and_described():
    text = DOCUMENTS[0][1]
    forced = lb.detect(text, forced="colon-names")
    assert forced.grammar.name == "colon-names"
    assert lb.detect(text).describe().startswith("colon (")


def encode(text: str, **kw):
    return api.encode_source(decode_source(text.encode(), "t.txt"), EncodeSettings(**kw))


def speakers(result) -> list[str]:
    return [" ".join(s.xpath("string()").split()) for s in result.root.xpath("//tei:speaker", namespaces=NS)]


def test_a_label_alone_after_a_label_is_its_speech_and_a_bare_line_over_stopped_labels_a_heading():
    result = encode(_doc("THE PLAY", "ROPER.", "Yes.", "LILY.", "No.", "ROPER.", "Well?", "LILY.", "Oh."))
    assert speakers(result) == ["ROPER.", "LILY.", "ROPER.", "LILY."]


def test_a_bracket_that_names_the_person_decides_who_speaks():
    result = encode(
        _doc(
            "Заря 1 (Королев): Как слышите?",
            "Кедр: Слышу.",
            "Заря 1 (Каманин): Понял.",
            "Кедр: Хорошо.",
            "Заря 1 (Королев): Конец.",
        )
    )
    who = result.root.xpath("//tei:sp/@who", namespaces=NS)
    names = {
        p.get("{http://www.w3.org/XML/1998/namespace}id"): p.xpath("string(tei:persName)", namespaces=NS)
        for p in result.root.xpath("//tei:person", namespaces=NS)
    }
    assert [names[w[1:]] for w in who] == ["Королев", "Кедр", "Каманин", "Кедр", "Королев"]


def test_a_label_met_once_needs_its_like_in_a_broad_grammar():
    text = _doc(
        "Senator Mark Wall: One.",
        "Senator Lynn Ruane: Two.",
        "Senator Mark Wall: Three.",
        "Senator Lynn Ruane: Four.",
        "Senator Joe Bloggs: Five.",
        "Before the Court: it was said.",
    )
    result = encode(text)
    assert speakers(result) == [
        "Senator Mark Wall:",
        "Senator Lynn Ruane:",
        "Senator Mark Wall:",
        "Senator Lynn Ruane:",
        "Senator Joe Bloggs:",
    ]
    assert any(d.code == "W206" and "Joe Bloggs" in d.message for d in result.diagnostics.items)


TRIAL = _doc(
    "JOHN STILES sworn.",
    "Examined by Mr. Dunning.",
    "Q. Were you there?— Yes, Sir.",
    "Q. When?—In June.",
    "Did you see him?— I did.",
    "Lord Mansfield. What hotel?— The Royal.",
    "ANN WATKINSON sworn.",
    "Examined by Mr. Lee.",
    "Q. And you?— No.",
    "Lord Mansfield. Go on.",
)


def test_an_examination_gives_questions_to_counsel_and_answers_to_the_witness():
    result = encode(TRIAL)
    names = {
        p.get("{http://www.w3.org/XML/1998/namespace}id"): p.xpath("string(tei:persName)", namespaces=NS)
        for p in result.root.xpath("//tei:person", namespaces=NS)
    }
    who = [names[w[1:]] for w in result.root.xpath("//tei:sp/@who", namespaces=NS)]
    assert who == [
        "Mr. Dunning",
        "JOHN STILES",
        "Mr. Dunning",
        "JOHN STILES",
        "Mr. Dunning",
        "JOHN STILES",
        "Lord Mansfield",
        "JOHN STILES",
        "Mr. Lee",
        "ANN WATKINSON",
        "Lord Mansfield",
    ]


def _who(result) -> list[str]:
    names = {
        p.get("{http://www.w3.org/XML/1998/namespace}id"): p.xpath("string(tei:persName)", namespaces=NS)
        for p in result.root.xpath("//tei:person", namespaces=NS)
    }
    return [names[w[1:]] for w in result.root.xpath("//tei:sp/@who", namespaces=NS)]


def test_a_recurring_label_alone_on_its_line_opens_the_speech_below_it():
    trial = _doc(
        "JOHN STILES sworn.",
        "Examined by Mr. Lee.",
        "Q. Were you there?— Yes, Sir.",
        "Q. When?— In June.",
        "Q. Alone?— Yes.",
        "Lord Mansfield. Go on.",
        "Lord Mansfield. Enough.",
    )
    result = encode(trial + "\n" + _doc("LORD MANSFIELD.", "Gentlemen of the jury, you have heard the evidence."))
    assert speakers(result)[-1] == "LORD MANSFIELD."
    assert _who(result)[-1] == "Lord Mansfield"
    once = encode(trial + "\n" + _doc("Mr. Justice Buller.", "Gentlemen of the jury, you have heard the evidence."))
    assert "Mr. Justice Buller." not in speakers(once)  # met once: a heading as likely as a label


def test_a_question_wrapped_onto_the_next_line_is_still_the_counsel_s_and_its_answer_the_witness_s():
    text = _doc(
        "JOHN STILES sworn.",
        "Examined by Mr. Lee.",
        "Q. Were you there?— Yes, Sir.",
        "Q. When?— In June.",
        "Q. Then you never spoke to\nhim?— No.",
        "Q. Alone?— Yes.",
    )
    assert _who(encode(text, layout="lines")) == ["Mr. Lee", "JOHN STILES"] * 4


def test_after_an_answer_a_paragraph_below_a_blank_line_is_not_the_witness_s():
    text = _doc(
        "JOHN STILES sworn.",
        "Examined by Mr. Lee.",
        "Q. Were you there?— Yes, Sir.",
        "Q. When?— In June,\nearly in the month.",
        "Q. Alone?— Yes.",
        "The End of the Evidence for the Plaintiff .",
        "EVIDENCE for the DEFENDANT.",
        "Mr. Bearcroft then stated, That he could prove it.",
    )
    kinds = {u.text: (u.kind, u.who) for u in encode(text, layout="lines").units}
    assert kinds["early in the month."][0] == "speech"  # the answer's next line: still the witness's
    assert kinds["The End of the Evidence for the Plaintiff ."] == ("narration", ())
    assert kinds["EVIDENCE for the DEFENDANT."] == ("heading", ())
    assert kinds["Mr. Bearcroft then stated, That he could prove it."] == ("narration", ())


def test_a_name_in_capitals_before_a_verb_is_narration_only_when_it_names_a_speaker():
    result = encode(
        _doc(
            "STALIN: One.",
            "NOGIN: Two.",
            "STALIN: Three.",
            "NOGIN: The agency is ours.",
            "NAMA has made progress.",
            "THERE arises a question.",
            "NOGIN proposes an amendment.",
            "STALIN: Four.",
        )
    )
    kinds = {u.text: u.kind for u in result.units}
    assert kinds["NAMA has made progress."] == "speech"  # an acronym in the speech
    assert kinds["THERE arises a question."] == "speech"  # a first word set in capitals
    assert kinds["NOGIN proposes an amendment."] == "narration"  # a speaker, reported


def test_answer_cuts():
    assert lb.answer_cuts("Q. Where?— At home.") == [len("Q. Where?— ")]
    assert lb.answer_cuts("Q. Tell us.— It was so.") == [len("Q. Tell us.— ")]
    assert lb.answer_cuts("He said—nothing.") == []
    assert lb.answer_cuts("Q. Why?— Because?— no.") == [len("Q. Why?— ")]


def test_no_turns_in_a_long_text_is_said():
    text = _doc(*["The committee met and discussed the matter at length without any decision."] * 40)
    result = encode(text)
    assert result.stats["turns"] == 0
    assert any(d.code == "W208" for d in result.diagnostics.items)


def test_the_summary_names_the_grammar_and_how_sure():
    result = encode(DOCUMENTS[0][1])
    assert result.stats["label_style"] == "colon" and result.stats["labels"].startswith("colon (")


def test_explain_prints_the_deciding_rule_and_the_runner_up(tmp_path):
    from click.testing import CliRunner

    from edition.cli import main

    path = tmp_path / "t.txt"
    path.write_text(
        _doc(
            "SESSION OF MAY 2, 1920",
            "SMITH: One.",
            "JONES: Two.",
            "SMITH: Three.",
            "JONES: Four.",
            "The motion is carried.",
        ),
        encoding="utf-8",
    )
    run = CliRunner().invoke(main, ["encode", str(path), "--explain", "-q"])
    assert run.exit_code == 0, run.output
    rows = [ln.split() for ln in run.output.splitlines() if ln[:6].strip().isdigit()]
    assert [r[:3] for r in rows] == [
        ["1", "heading", "heading"],
        ["3", "turn", "turn"],
        ["5", "turn", "turn"],
        ["7", "turn", "turn"],
        ["9", "turn", "turn"],
        ["11", "vote", "vote"],
    ]
    assert rows[1][3] == "continuation"  # the runner-up of a labelled turn: speech going on
    assert "<TEI" not in run.output  # the explanation, not the TEI, unless -o is given


def test_directions_stand_between_turns_and_interjections_stay_in_the_speech():
    text = _doc(
        "ACT I",
        "SCENE I. A room.",
        "Enter ROPER.",
        "ROPER.",
        "Hul-lo!",
        "[_He sits._",
        "LILY.",
        "Good evening.",
        "(Applause.)",
        "And welcome.",
        "ROPER.",
        "Yes.",
        "(Exit.)",
    )
    result = encode(text)
    body = result.root.find(".//tei:body", NS)
    shape = [
        (el.tag.split("}")[1], el.getparent().tag.split("}")[1])
        for el in body.iter()
        if el.tag.split("}")[1] in ("stage", "sp") and el.getparent().tag.split("}")[1] != "stage"
    ]
    assert shape == [
        ("stage", "div"),
        ("sp", "div"),
        ("stage", "div"),
        ("sp", "div"),
        ("stage", "sp"),
        ("sp", "div"),
        ("stage", "div"),
    ]
    assert [d.get("type") for d in body.iter("{http://www.tei-c.org/ns/1.0}div")] == ["act", "scene"]


def test_a_long_document_is_judged_on_a_sample_and_counted_whole(monkeypatch):
    monkeypatch.setattr(lb, "SAMPLE_CHARS", 60)
    text = _doc("STALIN: One.", "NOGIN: Two.", "STALIN: Three.", "NOGIN: Four.", "KAMENEV: Late.", "KAMENEV: Again.")
    d = lb.detect(text)
    assert d.grammar.name == "colon" and d.counts["kamenev"] == 2  # past the sample, still counted


def test_a_time_alone_stands_before_the_turn_it_times():
    text = (
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\n<v Ann>hi\n\n2\n00:00:02.000 --> 00:00:03.000\n<v Bob>hello\n\n"
        "3\n00:00:03.000 --> 00:00:04.000\n<v Ann>bye\n\n4\n00:00:04.000 --> 00:00:05.000\n<v Bob>ok\n"
    )
    result = encode(text)
    body = result.root.find(".//tei:body", NS)
    stamps = body.findall(".//tei:ab[@type='timestamp']", NS)
    assert [" ".join(a.xpath("string()").split()) for a in stamps] == [
        "2 00:00:02.000 --> 00:00:03.000",
        "3 00:00:03.000 --> 00:00:04.000",
        "4 00:00:04.000 --> 00:00:05.000",
    ]
    assert all(a.getparent().tag.endswith("body") or a.getparent().tag.endswith("div") for a in stamps)
    assert len(body.findall(".//tei:sp", NS)) == 4


def test_lines_set_in_a_column_stay_one_paragraph():
    text = (
        "FADE IN:\n\nINT. PHONE BOOTH - NIGHT\n\n                    JOHN\n          Hello? Is anyone\n"
        "          there?\n\n                    MARY (V.O.)\n          I'm here.\n\n                    JOHN\n"
        "          Oh.\n          I'm at the station.\n\nCUT TO:\n"
    )
    result = encode(text)
    assert result.stats["layout"] == "wrapped"
    turns = result.root.xpath("//tei:sp", namespaces=NS)
    assert [len(sp.findall("tei:p", NS)) for sp in turns] == [1, 1, 1]
    assert [" ".join(s.xpath("string()").split()) for s in result.root.xpath("//tei:stage", namespaces=NS)] == [
        "FADE IN:",
        "CUT TO:",
    ]


# A line shaped like a heading inside a turn: the speech's, a subheading, or the document's heading.
# (case, document, layout, the line, its kind, the rule that decided it, whose turn it is in)
_SPEECH = "SMITH: One.\nJONES: Two.\nSMITH: Three.\nJONES: Four.\n"
HEADINGS_IN_TURNS = [
    (
        "the whole speech after a label alone is speech",
        _doc("THE PLAY", "ROPER.", "Great Scot----!", "LILY.", "Captain Jeyes?", "ROPER.", "Well?"),
        "auto",
        "Great Scot----!",
        "speech",
        "speech-after-label",
        "ROPER",
    ),
    (
        "a question as the whole speech after a label alone",
        _doc("THE PLAY", "ROPER.", "Great Scot----!", "LILY.", "Captain Jeyes?", "ROPER.", "Well?"),
        "auto",
        "Captain Jeyes?",
        "speech",
        "speech-after-label",
        "LILY",
    ),
    (
        "a sentence that ends the turn is its last words",
        _SPEECH + "SMITH: I thank the House.\nMany Thanks.\nJONES: Five.\n",
        "lines",
        "Many Thanks.",
        "speech",
        "speech-ends",
        "SMITH",
    ),
    (
        "a heading the speech goes on below is a subheading",
        _SPEECH + "SMITH: I report.\nFraternization\nWe must fraternize.\nJONES: Five.\n",
        "lines",
        "Fraternization",
        "subheading",
        "heading",
        "SMITH",
    ),
    (
        "a sentence the speech goes on below stays a subheading",
        _SPEECH + "SMITH: I report.\nThe Congress.\nIt met.\nJONES: Five.\n",
        "lines",
        "The Congress.",
        "subheading",
        "heading",
        "SMITH",
    ),
    (
        "a title that ends the turn is the document's heading",
        _SPEECH + "SMITH: Five.\nThe Second Reading\nJONES: Six.\n",
        "lines",
        "The Second Reading",
        "heading",
        "heading",
        "",
    ),
    (
        "a title at the end of the document is its heading",
        _SPEECH + "SMITH: Five.\nAppendix Tables\n",
        "lines",
        "Appendix Tables",
        "heading",
        "heading",
        "",
    ),
    (
        "a title above who is sworn next is the document's heading",
        _doc(
            "JOHN STILES sworn.",
            "Examined by Mr. Lee.",
            "Q. Were you there?— Yes, Sir.",
            "Q. When?— In June.",
            "Lord Mansfield. Go on.",
            "Lord Mansfield. You might have told them.\nThe End of the Evidence for the Defendants",
            "ANN WATKINSON sworn.",
            "Examined by Mr. Dunning.",
            "Q. And you?— No.",
        ),
        "lines",
        "The End of the Evidence for the Defendants",
        "heading",
        "heading",
        "",
    ),
    (
        "a running head the document repeats stays in the turn",
        "SMITH: One.\nSeanad Éireann\nJONES: Two.\nSeanad Éireann\nSMITH: Three.\nSeanad Éireann\nJONES: Four.\n",
        "lines",
        "Seanad Éireann",
        "subheading",
        "heading",
        "SMITH",
    ),
]


@pytest.mark.parametrize(
    "document, layout, line, kind, rule, who", [c[1:] for c in HEADINGS_IN_TURNS], ids=[c[0] for c in HEADINGS_IN_TURNS]
)
def test_a_line_shaped_like_a_heading_inside_a_turn(document, layout, line, kind, rule, who):
    result = encode(document, layout=layout, explain=True)
    unit = next(u for u in result.units if u.text == line)
    names = {
        p.get("{http://www.w3.org/XML/1998/namespace}id"): p.xpath("string(tei:persName)", namespaces=NS)
        for p in result.root.xpath("//tei:person", namespaces=NS)
    }
    assert (unit.kind, f"rule:{rule}") == (kind, unit.notes[0])
    assert " ".join(names[w] for w in unit.who) == who
