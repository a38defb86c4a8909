"""Validate some taxonomy files together with fields.yaml and print their size.

Usage: python scripts/taxcheck.py taxonomy/a.yaml [taxonomy/b.yaml ...]
"""

import sys

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent.parent))
from pathlib import Path

from skillmatch.errors import TaxonomyError
from skillmatch.taxonomy import load_taxonomy

root = Path(__file__).resolve().parent.parent / "taxonomy"
files = [root / "fields.yaml", *[Path(p) for p in sys.argv[1:] if Path(p).name != "fields.yaml"]]
try:
    tax = load_taxonomy(files)
except TaxonomyError as exc:
    print(exc)
    sys.exit(1)
own = [s for s in tax.skills.values() if not s.source.endswith("fields.yaml")]
aliases = sum(len({*s.aliases, *s.cased} - {s.name}) for s in own)
print(f"OK: {len(own)} skills, {aliases} aliases in {len(files) - 1} file(s)")
for cat in sorted({s.category for s in own}):
    print(f"  {cat}: {sum(1 for s in own if s.category == cat)}")
