"""KM plan families (extract/vocab/families/*.json): one file per family, so that a new
family is a data change plus tests, not a new code path.

A family file names its plan_type, the title phrases that announce it, its columns (key
-> printed header forms), the columns only it has (its signature), headers it knows but
the contract has no field for, and the vocabulary its row names come from (steps,
elements, or none).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from extract.vocab import remember
from extract.vocab.kinds import PlanType


@dataclass(frozen=True)
class Family:
    plan_type: PlanType
    titles: tuple[str, ...]
    columns: dict[str, list[str]]
    signature_columns: frozenset[str]
    known_extra_columns: tuple[str, ...]
    row_vocabulary: str | None  # vocab file of the canonical row names (steps, elements)
    row_field: str | None  # the contract field the row name fills (step, element)
    # The columns a results report adds to the family's table (ผลการดำเนินงาน, สถานะ,
    # ดำเนินการแล้ว / อยู่ระหว่างดำเนินการ / ยังไม่ดำเนินการ): mapped like the others, but
    # they neither tell families apart nor make a table a plan table.
    results_columns: dict[str, list[str]] = field(default_factory=dict)


@cache
def families() -> tuple[Family, ...]:
    """Every family, in tie-break order: PlanType's (the OPDC 7-step table, which most
    agencies print, first). A family file whose plan_type is not a PlanType fails here."""
    folder = resources.files(__package__).joinpath("families")
    found: list[Family] = []
    for entry in folder.iterdir():
        if not entry.name.endswith(".json"):
            continue
        data = json.loads(entry.read_text(encoding="utf-8"))
        found.append(
            Family(
                plan_type=PlanType(data["plan_type"]),
                titles=tuple(str(t) for t in data.get("titles", [])),
                columns={str(k): [str(f) for f in v] for k, v in data["columns"].items()},
                signature_columns=frozenset(data.get("signature_columns", [])),
                known_extra_columns=tuple(data.get("known_extra_columns", [])),
                row_vocabulary=data.get("row_vocabulary"),
                row_field=data.get("row_field"),
                results_columns={
                    str(k): [str(f) for f in v] for k, v in data.get("results_columns", {}).items()
                },
            )
        )
    rank = {plan_type: i for i, plan_type in enumerate(PlanType)}
    return tuple(sorted(found, key=lambda f: rank[f.plan_type]))


def family(plan_type: PlanType) -> Family:
    for candidate in families():
        if candidate.plan_type == plan_type:
            return candidate
    raise KeyError(plan_type)


@cache
def all_columns() -> dict[str, list[str]]:
    """Every family's header forms by column key (a union: header cells are mapped before
    the family is known)."""
    merged: dict[str, list[str]] = {}
    for fam in families():
        for key, forms in (*fam.columns.items(), *fam.results_columns.items()):
            bucket = merged.setdefault(key, [])
            bucket.extend(f for f in forms if f not in bucket)
    return remember(merged)


@cache
def results_column_keys() -> frozenset[str]:
    """The column keys only results reports print (see Family.results_columns)."""
    return frozenset(key for fam in families() for key in fam.results_columns)


@cache
def known_extra_columns() -> dict[str, list[str]]:
    """Headers some family prints that the contract has no field for (kept, not warned)."""
    return remember(
        {"extra": sorted({form for fam in families() for form in fam.known_extra_columns})}
    )
