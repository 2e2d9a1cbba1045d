"""Agreement of two RELAX NG schemas on real TEI and on mutants of it, with jing as the judge.

Used by tests/test_odd_agreement.py and scripts/odd_agreement.py to hold the project's ODD
compiler to the Consortium's: for each customisation, every document must be valid against the
schema compiled here exactly when it is valid against the reference compilation.

The corpus: the TEI samples of ../shared/samples, the showcase edition, and transcripts encoded
with `edition encode`. Real TEI is mostly invalid against a small customisation (tei_bare has no
`sp`), which would make agreement cheap; so each document is also *repaired* against the
reference schema — the elements and attributes jing complains of are taken out, round after
round, until the reference accepts it — and the repaired documents are mutated (moved, deleted,
renamed elements, dropped and copied attributes; the model is tests/test_schema.py's), giving
hundreds of documents near the border between valid and invalid.
"""

from __future__ import annotations

import copy
import random
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
TEI_P5 = SHARED / "tei-p5"
SAMPLES = SHARED / "samples"
DRACOR = SHARED / "schemas" / "dracor"
TEI = "http://www.tei-c.org/ns/1.0"
SCH = "http://purl.oclc.org/dsdl/schematron"

#: The Consortium's customisations and their reference compilations.
CONSORTIUM = ("tei_bare", "tei_lite", "tei_speech", "tei_drama", "tei_all")

#: Transcripts encoded with `edition encode` for the corpus (small, in several layouts).
TRANSCRIPTS = (
    "court-qa-examination_worsley-v-bisset-1782.md",
    "play-inline-caps-labels_shaw-arms-and-the-man.txt",
    "oral-history-initials_mahoney-unix-thompson-1989.txt",
)

_ERROR = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?:error|fatal): (?P<msg>.*)$")
_QUOTED = re.compile(r'"([^"]+)"')


def reference_rng(name: str) -> Path:
    if name == "tei_all":
        return TEI_P5 / "tei_all.rng"
    if name == "dracor":
        return DRACOR / "dracor.rng"
    return TEI_P5 / "odd" / "reference" / f"{name}.rng"


def reference_sch(name: str) -> Path:
    """The Schematron the reference compilation of a customisation extracted."""
    return DRACOR / "dracor.sch" if name == "dracor" else TEI_P5 / "odd" / "reference" / f"{name}.isosch"


def schematron_rules(root: etree._Element) -> set[tuple[str, str, str]]:
    """Every assert and report of a Schematron as (rule context, kind, test), whitespace normalised:
    what two extractions of one ODD's constraints are compared by."""
    checks = (f"{{{SCH}}}assert", f"{{{SCH}}}report")
    return {
        (
            " ".join(rule.get("context", "").split()),
            etree.QName(check).localname,
            " ".join(check.get("test", "").split()),
        )
        for rule in root.iter(f"{{{SCH}}}rule")
        for check in rule
        if check.tag in checks
    }


def odd_file(name: str) -> Path:
    return DRACOR / "dracor.odd" if name == "dracor" else TEI_P5 / "odd" / f"{name}.odd"


def available() -> str | None:
    """Why the agreement cannot be measured here, or None."""
    if shutil.which("jing") is None:
        return "jing is not installed (scripts/setup.sh installs it)"
    if not (TEI_P5 / "odd" / "reference").is_dir() or not SAMPLES.is_dir():
        return f"{TEI_P5} or {SAMPLES} is absent: the reference compilations live in ../shared"
    return None


def jing_errors(schema: Path, files: list[Path]) -> dict[Path, list[tuple[int, str]]]:
    """Each file's errors (line, message) from one jing run (one JVM for all files)."""
    out: dict[Path, list[tuple[int, str]]] = {f.resolve(): [] for f in files}
    for start in range(0, len(files), 400):
        chunk = files[start : start + 400]
        run = subprocess.run(["jing", str(schema), *map(str, chunk)], capture_output=True, text=True, check=False)
        for line in (run.stdout + run.stderr).splitlines():
            m = _ERROR.match(line)
            if m:
                key = Path(m["file"]).resolve()
                if key in out:
                    out[key].append((int(m["line"]), m["msg"]))
            elif line.strip() and "error" in line.lower():
                raise RuntimeError(f"jing failed on {schema}: {line}")
    return out


def valid_set(schema: Path, files: list[Path]) -> set[Path]:
    return {f for f, errors in jing_errors(schema, files).items() if not errors}


# --------------------------------------------------------------------------- corpus


def corpus(work: Path) -> list[Path]:
    """Real TEI: the samples, the showcase, and transcripts encoded here (written into `work`)."""
    work.mkdir(parents=True, exist_ok=True)
    files = sorted(SAMPLES.glob("*.xml")) + [_showcase_cut(work), ROOT / "tei" / "march-1917-register.xml"]
    for name in TRANSCRIPTS:
        src = SAMPLES / "transcripts" / name
        out = work / (Path(name).stem + ".xml")
        if src.is_file() and not out.is_file():
            subprocess.run(
                [sys.executable, "-m", "edition", "encode", str(src), "-o", str(out), "-q"],
                check=True,
                capture_output=True,
            )
        if out.is_file():
            files.append(out)
    return [f for f in files if f.is_file()]


def _showcase_cut(work: Path) -> Path:
    """The showcase cut small (its header, a few people and rows, the first session), as
    tests/test_schema.py cuts it: mutants of 250 KB each would only make jing slow."""
    n = {"t": TEI}
    root = etree.parse(str(ROOT / "tei" / "march-1917.xml"), etree.XMLParser(collect_ids=False)).getroot()
    for container, child, keep in (
        ("t:text/t:body", "t:div", 1),
        (".//t:listPerson", "t:person", 6),
        (".//t:listOrg", "t:org", 3),
        (".//t:table", "t:row", 6),
    ):
        for parent in root.iterfind(container, n):
            for extra in parent.findall(child, n)[keep:]:
                parent.remove(extra)
    out = work / "march-1917-cut.xml"
    out.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    return out


def _write(root: etree._Element, path: Path) -> Path:
    """One start tag a line, so that jing's line numbers name elements."""
    root = copy.deepcopy(root)
    etree.indent(root, space=" ")
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    return path


def repaired(files: list[Path], schema: Path, work: Path, rounds: int = 14) -> list[Path]:
    """Each file cut down until `schema` accepts it (those it never accepts are left out)."""
    work.mkdir(parents=True, exist_ok=True)
    current = {}
    for f in files:
        root = etree.parse(str(f), etree.XMLParser(remove_blank_text=True, collect_ids=False)).getroot()
        current[_write(root, work / f.name)] = True
    done: list[Path] = []
    pending = list(current)
    for _ in range(rounds):
        if not pending:
            break
        errors = jing_errors(schema, pending)
        still = []
        for path in pending:
            found = errors[path.resolve()]
            if not found:
                done.append(path)
                continue
            root = etree.parse(str(path), etree.XMLParser(collect_ids=False)).getroot()
            if _repair(root, found):
                _write(root, path)
                still.append(path)
        pending = still
    return sorted(done)


def _repair(root: etree._Element, errors: list[tuple[int, str]]) -> bool:
    """Take out what each error names, at its line; False when nothing could be taken out."""
    by_line: dict[int, list[etree._Element]] = {}
    ordered = [e for e in root.iter(etree.Element)]
    for el in ordered:
        by_line.setdefault(el.sourceline, []).append(el)
    changed = False
    for line, msg in errors:
        names = _QUOTED.findall(msg)
        here = by_line.get(line) or [
            max((e for e in ordered if e.sourceline <= line), key=lambda e: e.sourceline, default=root)
        ]
        if msg.startswith(("attribute ", "value of attribute ", "found attribute ")) and names:
            for el in here:
                for key in list(el.attrib):
                    if etree.QName(key).localname == names[0].split(":")[-1]:
                        del el.attrib[key]
                        changed = True
            continue
        if " incomplete;" in msg and len(names) >= 2:
            owner = [e for e in ordered if e.sourceline <= line and etree.QName(e).localname == names[0]]
            if owner:  # what is missing is wanted next: add it, empty, at the end
                etree.SubElement(owner[-1], f"{{{TEI}}}{names[1]}")
                changed = True
                continue
        target = None
        if names:
            candidates = [e for e in ordered if e.sourceline <= line and etree.QName(e).localname == names[0]]
            target = candidates[-1] if candidates else None
        if target is None:
            target = here[-1]
        if target is not root and target.getparent() is not None:
            _remove(target)
            changed = True
    return changed


def _remove(el: etree._Element) -> None:
    parent = el.getparent()
    if el.tail and el.tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


# --------------------------------------------------------------------------- mutants


def mutate(root: etree._Element, rng: random.Random, names: list[str]) -> None:
    """One random edit: move, delete or rename an element, drop or copy an attribute."""
    elements = [e for e in root.iter(etree.Element) if e is not root]
    if not elements:
        return
    el = rng.choice(elements)
    kind = rng.randrange(5)
    parent = el.getparent()
    if kind == 0:
        target = rng.choice(elements)
        if target is el or el in target.iterancestors():
            return
        parent.remove(el)
        target.insert(rng.randint(0, len(target)), el)
    elif kind == 1:
        parent.remove(el)
    elif kind == 2:
        el.tag = f"{{{TEI}}}{rng.choice(names)}"
    elif kind == 3 and el.attrib:
        del el.attrib[rng.choice(list(el.attrib))]
    else:
        donor = rng.choice([e for e in elements if e.attrib] or [el])
        if donor.attrib:
            key = rng.choice(list(donor.attrib))
            el.set(key, donor.get(key))


def mutants(seeds: list[Path], count: int, work: Path, seed: int = 1917) -> list[Path]:
    """`count` mutants of the seeds, 1–3 edits each, renamed elements drawn from the seeds' names."""
    work.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    roots = [etree.parse(str(s), etree.XMLParser(collect_ids=False)).getroot() for s in seeds]
    names = sorted({etree.QName(e).localname for r in roots for e in r.iter(etree.Element)})
    out = []
    for i in range(count):
        mutant = copy.deepcopy(roots[i % len(roots)])
        for _ in range(rng.randint(1, 3)):
            mutate(mutant, rng, names)
        path = work / f"mutant-{i:04}.xml"
        path.write_bytes(etree.tostring(mutant, xml_declaration=True, encoding="UTF-8"))
        out.append(path)
    return out


# --------------------------------------------------------------------------- agreement


@dataclass
class Agreement:
    name: str
    documents: int = 0
    valid_reference: int = 0
    agree: int = 0
    disagree: list[tuple[Path, bool, bool]] = field(default_factory=list)  # file, ours, reference

    def line(self) -> str:
        return (
            f"{self.name:<11} {self.documents:>5} documents ({self.valid_reference:>4} valid by the "
            f"reference): {self.agree:>5} agree, {len(self.disagree)} disagree"
        )


def compare(name: str, ours: Path, reference: Path, files: list[Path]) -> Agreement:
    mine = valid_set(ours, files)
    theirs = valid_set(reference, files)
    result = Agreement(name, len(files), len(theirs))
    for f in files:
        a, b = f.resolve() in mine, f.resolve() in theirs
        if a == b:
            result.agree += 1
        else:
            result.disagree.append((f, a, b))
    return result


def documents_for(name: str, work: Path, real: list[Path], mutant_count: int) -> list[Path]:
    """The real documents, their repairs against the reference, and mutants of both."""
    reference = reference_rng(name)
    seeds = repaired(real, reference, work / "repaired")
    made = mutants(seeds or real, mutant_count, work / "mutants")
    made += mutants(real, max(mutant_count // 4, 10), work / "mutants-real", seed=1918)
    return real + seeds + made
