"""Collation (edition/collate): tokenising, aligning, classifying, the TEI apparatus, and the
lossless guarantee of collations — every witness comes back from the TEI exactly."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from edition import api
from edition.cli import main
from edition.collate import Normaliser, Rule, Witness, collate, collate_witnesses, witness_text
from edition.collate.align import Boundaries, match_paragraphs, refine, sites
from edition.collate.tokenise import paragraphs, tokens
from edition.collate.witnesses import sigla_from_names
from edition.errors import CollationError
from edition.settings import EncodeSettings
from edition.xmlio import NS, parse_bytes, serialize

from conftest import SHARED, jing_errors

DARWIN = SHARED / "samples" / "witnesses" / "darwin"
YEARS = ("1859", "1860", "1861", "1866", "1869", "1872")


def _darwin() -> list[Witness]:
    if not DARWIN.exists():
        pytest.skip(f"{DARWIN} is absent: the Darwin witnesses live in ../shared/samples")
    return [Witness(y, (DARWIN / f"origin-ch1-{y}.txt").read_text(encoding="utf-8")) for y in YEARS]


def _roundtrip(witnesses: list[Witness], **kw) -> etree._Element:
    """Collate, serialise, parse back, and check every witness comes back exactly."""
    result = collate_witnesses(witnesses, **kw)
    root = parse_bytes(serialize(result.root)).getroot()
    for w in witnesses:
        assert witness_text(root, w.siglum) == w.text, w.siglum
    return root


# --------------------------------------------------------------------------- tokenise


@given(st.text())
def test_paragraphs_lose_nothing(text):
    assert paragraphs(text).text() == text


@given(st.text())
def test_tokens_lose_nothing(text):
    assert "".join(t.text for t in tokens(text, Normaliser())) == text


def test_paragraphs_are_cut_at_blank_lines_and_keep_their_whitespace():
    lay = paragraphs("\n One.\nstill one.  \n\n\nTwo.\n \n")
    assert lay.paras == ("One.\nstill one.", "Two.")
    assert lay.leads == ("\n ", "  \n\n\n")
    assert lay.tail == "\n \n"


def test_punctuation_travels_with_its_word():
    toks = tokens("“Well, — he said” ... so.", Normaliser())
    assert [t.text for t in toks] == ["“Well, — ", "he ", "said” ... ", "so."]
    assert [t.key for t in toks] == ["well", "he", "said", "so"]


@pytest.mark.parametrize(
    "lemma, reading, kind",
    [
        ("us, ", "us ", "punctuation"),
        ("other, ", "other", "punctuation"),
        ("When ", "when ", "orthographic"),
        ("connexion ", "connection ", "orthographic"),  # by the editor's rule below
        ("much more ", "more ", "substantive"),
        ("greater ", "great ", "substantive"),
        ("", "Causes of Variability. ", "substantive"),
    ],
)
def test_readings_are_classified_by_the_normalisation_rules(lemma, reading, kind):
    norm = Normaliser((Rule("^connexion$", "connection"),))
    assert norm.classify(lemma, reading) == kind


def test_without_the_rule_a_spelling_is_substantive():
    assert Normaliser().classify("connexion", "connection") == "substantive"


# --------------------------------------------------------------------------- align


def test_paragraphs_are_paired_by_the_words_they_share():
    a = [frozenset("the cat sat on the mat".split()), frozenset("a dog barked loudly".split())]
    b = [
        frozenset("the cat sat upon the mat".split()),
        frozenset("entirely new words here".split()),
        frozenset("a dog barked".split()),
    ]
    assert match_paragraphs(a, b) == [(0, 0), (None, 1), (1, 2)]
    assert match_paragraphs([], b) == [(None, 0), (None, 1), (None, 2)]
    assert match_paragraphs(a, []) == [(0, None), (1, None)]


@pytest.mark.slow
def test_paragraph_pairing_is_linear_in_the_number_of_paragraphs():
    rng = random.Random(5)
    vocab = [f"w{i}" for i in range(3000)]

    def paras(n):
        return [frozenset(rng.sample(vocab, 30)) for _ in range(n)]

    def cost(n):
        a = paras(n)
        b = [p | {"extra"} for p in a]
        t = time.perf_counter()
        pairs = match_paragraphs(a, b)
        assert pairs == [(i, i) for i in range(n)]
        return time.perf_counter() - t

    cost(200)
    small, large = min(cost(400) for _ in range(3)), min(cost(1600) for _ in range(3))
    assert large < 8 * small  # quadratic would be 16×


def test_refine_makes_every_surface_difference_a_site():
    ops = [("equal", 0, 3, 0, 3)]
    assert refine(ops, ["a ", "b, ", "c"], ["a ", "b ", "c"]) == [
        ("equal", 0, 1, 0, 1),
        ("replace", 1, 2, 1, 2),
        ("equal", 2, 3, 2, 3),
    ]


def test_a_punctuation_change_beside_a_variant_joins_it():
    a, b = ["x ", "appears ", "not ", "often, ", "y"], ["x ", "rarely ", "appears, ", "y"]
    ops = [
        ("equal", 0, 1, 0, 1),
        ("insert", 1, 1, 1, 2),
        ("equal", 1, 2, 2, 3),
        ("delete", 2, 4, 3, 3),
        ("equal", 4, 5, 3, 4),
    ]
    assert refine(ops, a, b) == [("equal", 0, 1, 0, 1), ("replace", 1, 4, 1, 3), ("equal", 4, 5, 3, 4)]


def test_sites_merge_overlapping_blocks_and_keep_insertions_apart():
    w1 = [("equal", 0, 2, 0, 2), ("replace", 2, 4, 2, 3), ("equal", 4, 6, 3, 5)]
    w2 = [("equal", 0, 3, 0, 3), ("delete", 3, 5, 3, 3), ("equal", 5, 6, 3, 4)]
    w3 = [("equal", 0, 1, 0, 1), ("insert", 1, 1, 1, 2), ("equal", 1, 6, 2, 7)]
    assert sites(6, [w1, w2, w3]) == [(1, 1), (2, 5)]
    b = Boundaries(6, w3)
    assert b.span(1, 1) == (1, 2) and b.span(2, 5) == (3, 6)
    b = Boundaries(6, w1)
    assert b.span(2, 5) == (2, 4)


# --------------------------------------------------------------------------- collate and encode


def test_a_small_collation_encodes_its_readings():
    ws = [
        Witness("A", "The black cat sat, on the mat.\n\nSecond paragraph.\n"),
        Witness("B", "The cat sat on the mat.\n\nSecond Paragraph.\n"),
        Witness("C", "The black cat sat, on a mat.\n"),
    ]
    root = _roundtrip(ws, title="Cats")
    apps = root.findall(".//tei:app", NS)
    readings = [[(r.tag.split("}")[1], r.get("wit"), r.get("type"), r.text or "") for r in app] for app in apps]
    assert readings[0] == [("lem", "#A #C", None, "black "), ("rdg", "#B", "substantive", "")]
    assert readings[1] == [("lem", "#A #C", None, "sat, "), ("rdg", "#B", "punctuation", "sat ")]
    assert readings[2] == [("lem", "#A #B", None, "the "), ("rdg", "#C", "substantive", "a ")]
    # the second paragraph only A and B have: an app between paragraphs, holding the <p>
    assert readings[3][0][:2] == ("lem", "#A #B") and readings[3][1][:2] == ("rdg", "#C")
    assert root.find(".//tei:app/tei:lem/tei:p", NS) is not None
    assert root.find(".//tei:variantEncoding", NS).get("method") == "parallel-segmentation"
    assert [w.get("n") for w in root.iterfind(".//tei:listWit/tei:witness", NS)] == ["A", "B", "C"]
    assert root.findtext(".//tei:title", namespaces=NS) == "Cats"


def test_a_paragraph_the_base_lacks_has_no_lemma():
    ws = [Witness("A", "One.\n\nThree."), Witness("B", "One.\n\nTwo, added.\n\nThree.")]
    root = _roundtrip(ws)
    app = root.find(".//tei:div/tei:app", NS)
    assert [(r.tag.split("}")[1], r.get("wit")) for r in app] == [("rdg", "#B"), ("rdg", "#A")]
    assert app.find("tei:rdg/tei:p", NS).text == "Two, added."


def test_a_fragmentary_witness_begins_ends_and_has_lacunae():
    ws = [
        Witness("A", "One.\n\nTwo.\n\nThree.\n\nFour.\n\nFive."),
        Witness("F", "Two.\n\nFour!", fragmentary=True),
        Witness("B", "One.\n\nTwo?\n\nThree.\n\nFive."),
    ]
    root = _roundtrip(ws)
    div = root.find(".//tei:div", NS)
    markers = [
        (app.find("tei:rdg", NS).get("wit"), app.find("tei:rdg/*", NS).tag.split("}")[1])
        for app in div.findall("tei:app", NS)
        if app.find("tei:rdg/*", NS) is not None and app.find("tei:rdg/tei:p", NS) is None
    ]
    assert markers == [("#F", "witStart"), ("#F", "lacunaStart"), ("#F", "lacunaEnd"), ("#F", "witEnd")]
    # F reads none of the paragraphs it lacks: named in no reading of One, Three or Five
    for text in ("One.", "Three.", "Five."):
        app = next(a for a in div.findall("tei:app", NS) if a.findtext(".//tei:p", namespaces=NS) == text)
        assert "#F" not in " ".join(r.get("wit") for r in app)
    # B lacks Four and is no fragment: an omission, an empty reading
    four = next(
        a
        for a in div.findall("tei:app", NS)
        if a.find(".//tei:p/tei:app", NS) is not None and "Four" in "".join(a.itertext())
    )
    assert [(r.get("wit"), r.text) for r in four.findall("tei:rdg", NS)] == [("#B", None)]


@pytest.mark.slow
def test_a_collation_with_fragments_is_valid_here_and_in_tei_p5(tmp_path):
    ws = [
        Witness("A", "One.\n\nTwo.\n\nThree.\n\nFour.\n\nFive."),
        Witness("F", "Two.\n\nFour!", fragmentary=True),
        Witness("G", "Three, four.", fragmentary=True),
        Witness("B", "One.\n\nTwo?\n\nAdded.\n\nThree.\n\nFive."),
    ]
    path = tmp_path / "fragments.xml"
    path.write_bytes(serialize(collate_witnesses(ws).root))
    assert api.validate([path]).ok(strict=True)
    assert jing_errors(path) == []


def test_the_editors_rules_align_and_type_spellings():
    ws = [Witness("A", "the connexion of the parts"), Witness("B", "the connection of parts")]
    plain = collate(ws)
    ruled = collate(ws, normaliser=Normaliser((Rule("^connexion$", "connection"),)))
    assert sorted(a.kind for a in plain.apps()) == ["substantive", "substantive"]
    assert sorted(a.kind for a in ruled.apps()) == ["orthographic", "substantive"]


def test_the_collation_is_reproducible():
    ws = [Witness("A", "a b c d.\n\ne f"), Witness("B", "a c d!\n\ne g f"), Witness("C", "b c\n\nf")]
    assert serialize(collate_witnesses(ws).root) == serialize(collate_witnesses(ws).root)


def test_sigla_are_what_sets_the_file_names_apart():
    paths = [Path(f"origin-ch1-{y}.txt") for y in ("1859", "1860", "1872")]
    assert sigla_from_names(paths) == ["1859", "1860", "1872"]
    assert sigla_from_names([Path("A.txt"), Path("B.txt")]) == ["A", "B"]
    assert sigla_from_names([Path("ms-A-final.txt"), Path("ms-B-final.txt")]) == ["A", "B"]


@pytest.mark.parametrize(
    "witnesses, base, message",
    [
        ([Witness("A", "x")], None, "at least two"),
        ([Witness("A", "x"), Witness("A", "y")], None, "have the siglum"),
        ([Witness("A", "x"), Witness("B", "y")], "C", "not one of the witnesses"),
        ([Witness("1 2", "x"), Witness("1-2", "y")], None, "same id"),
    ],
)
def test_witnesses_that_cannot_be_collated_are_refused(witnesses, base, message):
    with pytest.raises(CollationError, match=message):
        collate_witnesses(witnesses, base=base)


# --------------------------------------------------------------------------- the lossless guarantee

_WORDS = [
    "the",
    "The",
    "cat",
    "cat,",
    "sat",
    "sat;",
    "on",
    "a",
    "mat.",
    "—",
    "“so”",
    "dog",
    "Dog",
    "big",
    "(very)",
    "é",
    "naïve",
    "x\ty",
    "1859",
    "&c.",
    "<b>",
    "a&b",
]
_SPACE = [" ", " ", " ", "  ", "\n", " \r\n", "\t"]
_BREAK = ["\n\n", "\n\n\n", "\n \n", "\r\n\r\n", "\n\n  "]


@st.composite
def _texts(draw):
    paras = draw(
        st.lists(
            st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_SPACE)), min_size=1, max_size=12),
            min_size=0,
            max_size=5,
        )
    )
    out = draw(st.sampled_from(["", "\n", "  ", "\ufeff"]))
    for k, para in enumerate(paras):
        if k:
            out += draw(st.sampled_from(_BREAK))
        out += "".join(w + s for w, s in para).rstrip(" \t\r\n")
    return out + draw(st.sampled_from(["", "\n", "\n\n", " \n"]))


@st.composite
def _variants(draw, base):
    """A witness made from the base by word edits, paragraph losses and additions."""
    paras = base.split("\n\n")
    out = []
    for p in paras:
        action = draw(st.integers(0, 9))
        if action == 0:
            continue  # the paragraph is lost
        words = p.split(" ")
        for _ in range(draw(st.integers(0, 3))):
            i = draw(st.integers(0, len(words)))
            op = draw(st.integers(0, 2))
            if op == 0 and i < len(words):
                del words[i]
            elif op == 1:
                words.insert(i, draw(st.sampled_from(_WORDS)))
            elif i < len(words):
                words[i] = draw(st.sampled_from(_WORDS))
        out.append(" ".join(words))
        if action == 1:
            out.append("An added paragraph, " + draw(st.sampled_from(_WORDS)))
    return "\n\n".join(out)


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_every_witness_comes_back_from_related_texts(data):
    base = data.draw(_texts())
    texts = [base] + [data.draw(_variants(base)) for _ in range(data.draw(st.integers(1, 4)))]
    ws = [Witness(f"W{k}", t, fragmentary=data.draw(st.booleans())) for k, t in enumerate(texts)]
    _roundtrip(ws, base=data.draw(st.sampled_from([w.siglum for w in ws])))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(), min_size=2, max_size=4))
def test_every_witness_comes_back_from_any_text(texts):
    """Any characters: controls XML cannot hold, CRs, lone marks, text without a paragraph."""
    _roundtrip([Witness(f"W{k}", t) for k, t in enumerate(texts)])


# --------------------------------------------------------------------------- Darwin


@pytest.fixture(scope="module")
def darwin_tei(tmp_path_factory) -> Path:
    result = collate_witnesses(_darwin())
    path = tmp_path_factory.mktemp("darwin") / "origin-ch1.xml"
    path.write_bytes(serialize(result.root))
    return path


def test_the_six_darwin_editions_come_back_byte_for_byte(darwin_tei):
    root = parse_bytes(darwin_tei.read_bytes()).getroot()
    for y in YEARS:
        assert witness_text(root, y).encode("utf-8") == (DARWIN / f"origin-ch1-{y}.txt").read_bytes()


def test_the_darwin_collation_is_valid_against_the_project_schema(darwin_tei):
    report = api.validate([darwin_tei])
    assert report.ok(strict=True), report.files[0].diagnostics if hasattr(report.files[0], "diagnostics") else report


@pytest.mark.slow
def test_the_darwin_collation_is_valid_tei_p5(darwin_tei):
    assert jing_errors(darwin_tei) == []


def test_the_darwin_collation_finds_the_known_revisions():
    c = collate(_darwin())
    assert len(c.groups) == 47  # 43 paragraphs in all six, 4 added in 1869
    added = [g for g in c.groups if g.wits != tuple(YEARS)]
    assert [g.wits for g in added] == [("1869", "1872")] * 4
    first = next(c.apps())  # the heading 1866 added
    assert [(r.text, r.wits) for r in first.readings] == [
        ("", ("1859", "1860", "1861")),
        ("Causes of Variability. ", ("1866", "1869", "1872")),
    ]
    kinds = [a.kind for a in c.apps()]
    assert kinds.count("substantive") > kinds.count("punctuation") > kinds.count("orthographic") > 0


# --------------------------------------------------------------------------- CLI


def test_cli_collates_files_and_prints_each_witness(tmp_path):
    a, b = tmp_path / "story-A.txt", tmp_path / "story-B.txt"
    a.write_bytes(b"One two three.\r\n\r\nFour.\n")
    b.write_bytes(b"One 2 three!\n\nFour.")
    out = tmp_path / "story.xml"
    runner = CliRunner()
    run = runner.invoke(main, ["collate", str(a), str(b), "-o", str(out)])
    assert run.exit_code == 0, run.output
    assert "2 witnesses" in run.output and "variant sites" in run.output
    for siglum, path in (("A", a), ("B", b)):
        run = runner.invoke(main, ["text", str(out), "--witness", siglum])
        assert run.exit_code == 0
        assert run.stdout_bytes == path.read_bytes()
    run = runner.invoke(main, ["text", str(out), "--witness", "C"])
    assert run.exit_code == 2 and "error[E020]" in run.output and "A, B" in run.output
    run = runner.invoke(main, ["collate", str(a), str(b), "-o", str(out)])
    assert run.exit_code == 5 and "exists" in run.output
    run = runner.invoke(main, ["collate", str(a), str(b), "-o", str(a), "--force"])
    assert run.exit_code != 0 and a.read_bytes() == b"One two three.\r\n\r\nFour.\n"


def test_cli_sigla_and_base(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("x y z")
    b.write_text("x z")
    runner = CliRunner()
    run = runner.invoke(main, ["collate", str(a), str(b), "--siglum", "P", "--siglum", "Q", "--base", "Q"])
    assert run.exit_code == 0, run.output
    assert b'<lem wit="#Q"/><rdg wit="#P" type="substantive">y </rdg>' in run.stdout_bytes
    run = runner.invoke(main, ["collate", str(a), str(b), "--siglum", "P"])
    assert run.exit_code == 2 and "1 sigla for 2 witnesses" in run.output
    run = runner.invoke(main, ["collate", str(a)])
    assert run.exit_code == 2


def test_cli_marks_fragmentary_witnesses(tmp_path):
    a, f = tmp_path / "a.txt", tmp_path / "f.txt"
    a.write_text("One.\n\nTwo.\n\nThree.")
    f.write_text("Two.")
    run = CliRunner().invoke(main, ["collate", str(a), str(f), "--fragmentary", "f"])
    assert run.exit_code == 0, run.output
    assert b'<rdg wit="#f"><witStart/></rdg>' in run.stdout_bytes
    assert b'<rdg wit="#f"><witEnd/></rdg>' in run.stdout_bytes
    run = CliRunner().invoke(main, ["collate", str(a), str(f), "--fragmentary", "g"])
    assert run.exit_code == 2 and "not one of the witnesses" in run.output


def test_cli_collates_the_witnesses_of_an_edition_toml(tmp_path):
    (tmp_path / "w").mkdir()
    (tmp_path / "w" / "first.txt").write_text("The connexion of the parts.")
    (tmp_path / "w" / "second.txt").write_text("The connection of parts.")
    tei = tmp_path / "w" / "third.xml"
    encoded = api.encode_source(
        __import__("edition.transcript.read", fromlist=["x"]).decode_source(
            b"The connexion of all the parts.", "third.txt"
        ),
        EncodeSettings(),
    )
    tei.write_bytes(encoded.to_bytes())
    (tmp_path / "edition.toml").write_text("""
[metadata]
title = "Parts"

[[witness]]
source = "w/first.txt"
siglum = "A"
description = "The first printing"
date = "1859"

[[witness]]
source = "w/second.txt"
siglum = "B"

[[witness]]
source = "w/third.xml"
siglum = "C"
fragmentary = true

[collation]
output = "out/parts.xml"

[[collation.rule]]
pattern = "^connexion$"
replace = "connection"
""")
    (tmp_path / "out").mkdir()
    run = CliRunner().invoke(main, ["collate", "-c", str(tmp_path / "edition.toml")])
    assert run.exit_code == 0, run.output
    root = parse_bytes((tmp_path / "out" / "parts.xml").read_bytes()).getroot()
    assert root.findtext(".//tei:title", namespaces=NS) == "Parts"
    assert root.findtext(".//tei:witness[@n='A']", namespaces=NS) == "The first printing"
    types = [app.get("type") for app in root.iterfind(".//tei:app", NS)]
    assert types == ["orthographic", "substantive", "substantive"]
    assert witness_text(root, "C") == "The connexion of all the parts."


def test_a_bad_rule_is_refused_with_the_file(tmp_path):
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "b.txt").write_text("b")
    (tmp_path / "edition.toml").write_text(
        '[[witness]]\nsource = "a.txt"\n[[witness]]\nsource = "b.txt"\n'
        '[[collation.rule]]\npattern = "("\nreplace = ""\n'
    )
    run = CliRunner().invoke(main, ["collate", "-c", str(tmp_path / "edition.toml")])
    assert run.exit_code == 4 and "not a regular expression" in run.output


# --------------------------------------------------------------------------- exports


def test_the_variants_exports_carry_every_site_and_reading(tmp_path):
    ws = [
        Witness("A", "The black cat sat, on the mat.\n\nSecond paragraph.\n"),
        Witness("B", "=The cat sat on the mat.\n\nSecond Paragraph.\n"),
        Witness("C", "The black cat sat, on a mat.\n"),
    ]
    tei = tmp_path / "cats.xml"
    tei.write_bytes(serialize(collate_witnesses(ws).root))
    runner = CliRunner()
    for fmt in ("variants-json", "variants-csv"):
        run = runner.invoke(main, ["export", str(tei), "--to", fmt, "-o", str(tmp_path / fmt)])
        assert run.exit_code == 0, run.output
    doc = __import__("json").loads((tmp_path / "variants-json").read_text(encoding="utf-8"))
    assert doc["base"] == "A" and [w["siglum"] for w in doc["witnesses"]] == ["A", "B", "C"]
    sites = [
        (
            s["paragraph"],
            s["type"],
            s["dissent"],
            [(r["witnesses"], r["text"], r["type"], r["lemma"]) for r in s["readings"]],
        )
        for s in doc["sites"]
    ]
    # B's "=The " beside its omission of "black ": one variant, not two
    assert sites[0] == (
        1,
        "substantive",
        1,
        [(["A", "C"], "The black ", None, True), (["B"], "=The ", "substantive", False)],
    )
    assert sites[-2] == (
        2,
        "substantive",
        1,
        [(["A", "B"], "\n\nSecond paragraph.", None, True), (["C"], "", "substantive", False)],
    )
    assert sites[-1] == (
        2,
        "orthographic",
        1,
        [(["A"], "paragraph.", None, True), (["B"], "Paragraph.", "orthographic", False)],
    )
    rows = (tmp_path / "variants-csv").read_bytes().decode("utf-8").split("\r\n")
    assert rows[0] == "site,paragraph,site_type,dissent,witnesses,reading,reading_type,lemma"
    assert rows[2] == "1,1,substantive,1,B,'=The ,substantive,no"  # no formula for a spreadsheet
    assert len(rows) - 2 == sum(len(s["readings"]) for s in doc["sites"])


def test_the_variants_of_the_darwin_collation(darwin_tei, tmp_path):
    from edition.export import export

    export(darwin_tei, "variants-json", tmp_path / "v.json")
    doc = __import__("json").loads((tmp_path / "v.json").read_text(encoding="utf-8"))
    sites = doc["sites"]
    assert len(sites) == len(parse_bytes(darwin_tei.read_bytes()).getroot().findall(".//tei:app", NS))
    for s in sites:  # each witness reads once; in the paragraphs 1869 added, only two
        wits = [w for r in s["readings"] for w in r["witnesses"]]
        assert len(wits) == len(set(wits)) and set(wits) in (set(YEARS), {"1869", "1872"})
    assert max(s["paragraph"] for s in sites) == 47
    assert {s["dissent"] for s in sites} == {1, 2, 3, 4, 5}


def test_a_variants_export_of_an_edition_that_is_no_collation_is_refused(tmp_path):
    tei = tmp_path / "plain.xml"
    tei.write_bytes(
        api.encode_source(
            __import__("edition.transcript.read", fromlist=["x"]).decode_source(b"Just one text.", "plain.txt"),
            EncodeSettings(),
        ).to_bytes()
    )
    run = CliRunner().invoke(main, ["export", str(tei), "--to", "variants-csv", "-o", str(tmp_path / "v.csv")])
    assert run.exit_code == 2 and "error[E020]" in run.output and "not a collation" in run.output
