"""Write schemas/edition.rng, the RELAX NG of the project's customisation, from schemas/edition.odd.

    .venv/bin/python scripts/gen_schemas.py           # rewrite schemas/edition.rng
    .venv/bin/python scripts/gen_schemas.py --check   # exit 1 if it is not what the ODD compiles to

The RELAX NG is what `edition validate` checks a document held in memory against (with lxml), and
what `edition build` publishes beside the TEI for editors. It is committed, not compiled when it
is first needed, so that an installed wheel validates without resolving the ODD against TEI P5
(the ODD compiler's work, about half a second), and so that a change to the ODD shows in review as
a change to the grammar. `tests/test_odd_edition.py` fails while the file is out of date.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ODD = ROOT / "schemas" / "edition.odd"
RNG = ROOT / "schemas" / "edition.rng"


def generated() -> bytes:
    """The RELAX NG the toolkit's ODD compiler makes of the ODD."""
    sys.path.insert(0, str(ROOT))
    from edition.odd import compile_odd

    return compile_odd(ODD).rng


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether the file is current")
    args = parser.parse_args(argv)
    data = generated()
    current = RNG.read_bytes() if RNG.is_file() else None
    if args.check:
        if current != data:
            print(f"{RNG.relative_to(ROOT)} is out of date: run scripts/gen_schemas.py", file=sys.stderr)
            return 1
        return 0
    if current != data:
        RNG.write_bytes(data)
        print(f"wrote {RNG.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
