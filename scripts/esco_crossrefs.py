"""Propose ESCO cross-references for skills that have none, by exact label match.

A skill gets an ESCO concept when its name or one of its aliases equals the concept's
preferred label (folded). Alternative labels are not used: ESCO lists product names as
alternative labels of broad concepts (e.g. 'tensorflow' under 'computer vision').
Writes taxonomy/esco-crossrefs.yaml as `extend:` entries.

Usage: python scripts/esco_crossrefs.py ../shared/data/taxonomy-sources/esco/skills.csv
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from skillmatch.recognizers import key_of  # noqa: E402
from skillmatch.taxonomy import load_taxonomy  # noqa: E402


def main() -> int:
    source = Path(sys.argv[1])
    out = ROOT / "taxonomy" / "esco-crossrefs.yaml"
    files = sorted(p for p in (ROOT / "taxonomy").glob("*.yaml") if p != out)
    tax = load_taxonomy(files)
    by_label: dict[str, list[str]] = {}
    with source.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            label = row["preferredLabel"].strip()
            if label:
                uuid = row["conceptUri"].rsplit("/", 1)[-1]
                by_label.setdefault(key_of(label), []).append(uuid)
    used = {ref for s in tax.skills.values() for ref in s.esco}
    entries = []
    for skill in tax.skills.values():
        if skill.esco:
            continue
        for form, _cased in skill.surface_forms():
            uuids = [u for u in by_label.get(key_of(form), []) if u not in used]
            if len(uuids) == 1:
                entries.append({"id": skill.id, "esco": uuids})
                used.add(uuids[0])
                break
    header = (
        "# ESCO cross-references found by exact match of a skill's name or alias with an ESCO\n"
        "# preferred label (scripts/esco_crossrefs.py). ESCO classification, (c) European Union.\n"
    )
    out.write_text(
        header + yaml.safe_dump({"extend": entries}, sort_keys=False, width=100), "utf-8"
    )
    print(f"wrote {len(entries)} cross-references to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
