"""Build the FY2565 and FY2567 announcements of the same organization, with their truth.

  tak-pao-km-plan-2565.pdf  (+ .truth.jsonl)   Norasi
  tak-pao-km-plan-2567.pdf  (+ .truth.jsonl)   Garuda

What changes from the FY2566 seed is listed in variant_years.EDITIONS (and in
samples/README.md): periods moved by a year, another memo date, reference number and
signer, departments printed differently, one department without a plan, two goals
rewritten. Thai digits in every table cell, no header row on continuation pages.

Run (from the repository root):
  .venv/bin/python -m samples.build.build_years [2565] [2567]   (default: both)
Needs LibreOffice, fonts-tlwg-norasi and fonts-tlwg-garuda (as build_variants.py).
"""

from __future__ import annotations

import sys

from .seed_source import load
from .variant_years import EDITIONS, build


def main(argv: list[str]) -> None:
    years = [int(year) for year in argv] or sorted(EDITIONS)
    unknown = set(years) - set(EDITIONS)
    if unknown:
        raise SystemExit(f"unknown year(s) {sorted(unknown)}; choose from {sorted(EDITIONS)}")
    seed = load()
    for year in years:
        build(seed, EDITIONS[year])


if __name__ == "__main__":
    main(sys.argv[1:])
