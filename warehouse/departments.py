"""Stable organization and department keys across years, and the alias tables behind them.

Each printed spelling of an organization (documents.organization) and of a department
within it (plans.department) maps to a key in `organization_aliases` / `department_aliases`.
A new spelling is normalized (no whitespace, common abbreviations spelled out, the
organization's own name dropped from the end: กองการเจ้าหน้าที่ อบจ.ตาก -> กองการเจ้าหน้าที่).
When the printed department looks like a typo of a unit that its rows' responsible-unit
column (ผู้รับผิดชอบ) names, that unit's spelling is used (องค์การเจ้าหน้าที่ beside
"ฝ่ายส่งเสริมและพัฒนาบุคลากร กองการเจ้าหน้าที่" -> กองการเจ้าหน้าที่). The normalized form
then joins the key of the most similar known spelling of the same organization when the
similarity reaches MATCH_RATIO, and otherwise becomes a new key.

Keys are assigned once, when a spelling is first loaded, and never recomputed: a user's
merge or split (source 'user') is kept when documents are ingested again.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb

from warehouse.errors import WarehouseError
from warehouse.results import QueryResult, fetch_result

MATCH_RATIO = 90.0  # a new department spelling joins a known key at this similarity
RESPONSIBLE_RATIO = 80.0  # the printed name is read as a typo of a unit its rows name
ORGANIZATION_RATIO = 95.0
ABBREVIATIONS = {
    "อบจ.": "องค์การบริหารส่วนจังหวัด",
    "อบต.": "องค์การบริหารส่วนตำบล",
    "ทน.": "เทศบาลนคร",
    "ทม.": "เทศบาลเมือง",
    "ทต.": "เทศบาลตำบล",
    "สนง.": "สำนักงาน",
}
_UNIT_PREFIXES = ("กอง", "สำนัก", "ฝ่าย", "หน่วย", "ส่วน", "ศูนย์", "งาน", "กลุ่ม")
_DROP = re.compile(r"[\s\u200b-\u200d\ufeff()\[\]{}\"'“”:;,]+")
_MAX_SPAN = 4  # responsible-unit tokens joined when a wrap split a unit's name


class DepartmentKeyError(WarehouseError):
    """A merge or split that cannot be done as asked (unknown key, ambiguous organization)."""


@dataclass(frozen=True)
class KeyAssignment:
    organizations: int  # new organization spellings given a key
    departments: int  # new department spellings given a key


def normalize(text: str) -> str:
    """What similarity compares: NFC, no whitespace or brackets, abbreviations spelled out."""
    out = _DROP.sub("", unicodedata.normalize("NFC", text)).lower()
    for short, full in ABBREVIATIONS.items():
        out = out.replace(short, full)
    return out


def organization_key(spelling: str) -> str:
    return normalize(spelling)


def department_form(department: str, organization: str, responsible: Iterable[str] = ()) -> str:
    """The normalized department, without the organization's name, read through the
    responsible-unit column when the printed name looks like a typo of a unit named there."""
    from rapidfuzz import fuzz  # here, not at the top: read commands never assign keys

    form = normalize(department)
    org = normalize(organization)
    if form.endswith(org) and len(form) > len(org):
        form = form[: -len(org)]
    best, score = form, 0.0
    for span in _unit_spans(responsible):
        ratio = fuzz.ratio(form, span)
        if ratio > score:
            best, score = span, ratio
    return best if RESPONSIBLE_RATIO <= score < 100 else form


def _unit_spans(responsible: Iterable[str]) -> set[str]:
    """Runs of 1-4 whitespace-separated tokens of each cell that begin like a unit name."""
    spans: set[str] = set()
    for cell in responsible:
        tokens = [normalize(token) for token in cell.split()]
        for start, token in enumerate(tokens):
            if token.startswith(_UNIT_PREFIXES):
                for stop in range(start + 1, min(start + _MAX_SPAN, len(tokens)) + 1):
                    spans.add("".join(tokens[start:stop]))
    return spans


def closest_key_as_given(
    form: str, known: Sequence[tuple[str, str]], threshold: float
) -> str | None:
    """The key of the known (normalized, key) most similar to `form`, if similar enough.

    Not extract.vocab.best_match, which squashes both sides (private-use codes, spaces,
    dots) and looks in a vocabulary kept for the process's life: here both sides are
    already in this module's normalized form (abbreviations spelled out), compared as
    given, `known` is rows read from the warehouse for this call, and an equal form wins."""
    from rapidfuzz import fuzz  # here, not at the top: read commands never assign keys

    best_key, best_score = None, 0.0
    for normalized, key in known:
        if normalized == form:
            return key
        score = fuzz.ratio(form, normalized)
        if score > best_score:
            best_key, best_score = key, score
    return best_key if best_score >= threshold else None


# ------------------------------------------------------------------- assignment


def assign_keys(conn: duckdb.DuckDBPyConnection) -> KeyAssignment:
    """Give every organization and department spelling without a key its key.

    Runs inside the caller's transaction (load_document calls it after inserting a
    document); spellings that already have a key are left as they are.
    """
    now = datetime.now(UTC).replace(tzinfo=None)
    organizations = _assign_organizations(conn, now)
    departments = 0
    for org_key, org, rows in _unkeyed_departments(conn):
        known = _known_departments(conn, org_key)
        for spelling, responsible in rows:
            form = department_form(spelling, org, responsible)
            key = closest_key_as_given(form, known, MATCH_RATIO) or _fresh_key(form, known)
            conn.execute(
                "INSERT INTO department_aliases VALUES (?, ?, ?, ?, 'auto', ?)",
                [org_key, spelling, form, key, now],
            )
            known.append((form, key))
            departments += 1
    return KeyAssignment(organizations=organizations, departments=departments)


def _assign_organizations(conn: duckdb.DuckDBPyConnection, now: datetime) -> int:
    spellings = conn.execute(
        "SELECT DISTINCT d.organization FROM documents AS d "
        "ANTI JOIN organization_aliases AS a ON a.spelling = d.organization "
        "WHERE d.organization IS NOT NULL ORDER BY 1"
    ).fetchall()
    known = [
        (str(key), str(key))
        for (key,) in conn.execute(
            "SELECT DISTINCT organization_key FROM organization_aliases"
        ).fetchall()
    ]
    for (spelling,) in spellings:
        form = organization_key(str(spelling))
        key = closest_key_as_given(form, known, ORGANIZATION_RATIO) or form
        conn.execute(
            "INSERT INTO organization_aliases VALUES (?, ?, 'auto', ?)", [spelling, key, now]
        )
        known.append((form, key))
    return len(spellings)


def _unkeyed_departments(
    conn: duckdb.DuckDBPyConnection,
) -> list[tuple[str, str, list[tuple[str, list[str]]]]]:
    """(organization key, organization, [(department spelling, responsible cells)])."""
    rows = conn.execute(
        """
        SELECT oa.organization_key, min(d.organization), p.department,
               list(DISTINCT a.responsible) FILTER (WHERE a.responsible IS NOT NULL)
        FROM plans AS p
        JOIN documents AS d ON d.document_id = p.document_id
        JOIN organization_aliases AS oa ON oa.spelling = d.organization
        LEFT JOIN activities AS a ON a.document_id = p.document_id AND a.plan_no = p.plan_no
        ANTI JOIN department_aliases AS da
            ON da.organization_key = oa.organization_key AND da.spelling = p.department
        GROUP BY oa.organization_key, p.department
        ORDER BY oa.organization_key, min(d.fiscal_year), p.department
        """
    ).fetchall()
    grouped: dict[str, tuple[str, list[tuple[str, list[str]]]]] = {}
    for org_key, org, spelling, responsible in rows:
        entry = grouped.setdefault(str(org_key), (str(org), []))
        entry[1].append((str(spelling), sorted(responsible or [])))
    return [(key, org, items) for key, (org, items) in grouped.items()]


def _known_departments(conn: duckdb.DuckDBPyConnection, org_key: str) -> list[tuple[str, str]]:
    rows = conn.execute(
        "SELECT normalized, department_key FROM department_aliases "
        "WHERE organization_key = ? ORDER BY assigned_at, spelling",
        [org_key],
    ).fetchall()
    return [(str(form), str(key)) for form, key in rows]


def _fresh_key(form: str, known: Sequence[tuple[str, str]]) -> str:
    """`form` as a key; a suffix ~2, ~3 ... when another group already uses it."""
    taken = {key for _, key in known}
    key, n = form, 1
    while key in taken:
        n += 1
        key = f"{form}~{n}"
    return key


# ---------------------------------------------------------------------- listing


def department_keys(
    conn: duckdb.DuckDBPyConnection, organization: str | None = None
) -> QueryResult:
    """The department_keys view (each key's spellings, fiscal years and plans) of one
    organization (a key or a printed name) or of all, by organization and key."""
    org = None if organization is None else resolve_organization(conn, organization)
    return fetch_result(
        conn,
        "SELECT * FROM department_keys WHERE ?::VARCHAR IS NULL OR organization_key = ? "
        "ORDER BY organization_key, department_key",
        [org, org],
    )


# ------------------------------------------------------------------ corrections


def resolve_organization(conn: duckdb.DuckDBPyConnection, text: str) -> str:
    """The organization key for a key, a printed spelling, or a spelling's normalized form."""
    row = conn.execute(
        "SELECT DISTINCT organization_key FROM organization_aliases "
        "WHERE organization_key = ? OR spelling = ? OR organization_key = ?",
        [text, text, organization_key(text)],
    ).fetchall()
    if len(row) != 1:
        known = [
            str(r[0])
            for r in conn.execute(
                "SELECT DISTINCT organization_key FROM organization_aliases ORDER BY 1 LIMIT 5"
            ).fetchall()
        ]
        raise DepartmentKeyError(
            f"no organization {text!r} in the warehouse; known: {', '.join(known) or 'none'}"
        )
    return str(row[0][0])


def _organizations_with(
    conn: duckdb.DuckDBPyConnection, keys: Sequence[str], organization: str | None
) -> str:
    """The one organization holding every key of `keys`."""
    if organization is not None:
        orgs = [resolve_organization(conn, organization)]
    else:
        orgs = [
            str(r[0])
            for r in conn.execute(
                "SELECT DISTINCT organization_key FROM department_aliases ORDER BY 1"
            ).fetchall()
        ]
    holding = [org for org in orgs if all(_key_exists(conn, org, key) for key in keys)]
    if not holding:
        raise DepartmentKeyError(
            f"no organization has department key(s) {', '.join(keys)}; "
            "kmplan departments lists them"
        )
    if len(holding) > 1:
        raise DepartmentKeyError(
            f"{len(holding)} organizations have department key(s) {', '.join(keys)}; "
            "choose one with --organization"
        )
    return holding[0]


def _key_exists(conn: duckdb.DuckDBPyConnection, org: str, key: str) -> bool:
    return (
        conn.execute(
            "SELECT 1 FROM department_aliases WHERE organization_key = ? AND department_key = ?",
            [org, key],
        ).fetchone()
        is not None
    )


def merge_departments(
    conn: duckdb.DuckDBPyConnection, keep: str, absorb: str, organization: str | None = None
) -> int:
    """Every spelling of key `absorb` now maps to `keep`; returns how many spellings moved."""
    if keep == absorb:
        raise DepartmentKeyError(f"{keep} and {absorb} are the same key")
    org = _organizations_with(conn, [keep, absorb], organization)
    rows = conn.execute(
        "UPDATE department_aliases SET department_key = ?, source = 'user', assigned_at = ? "
        "WHERE organization_key = ? AND department_key = ?",
        [keep, datetime.now(UTC).replace(tzinfo=None), org, absorb],
    ).fetchone()
    return int(rows[0]) if rows else 0


def split_department(
    conn: duckdb.DuckDBPyConnection,
    spelling: str,
    organization: str | None = None,
    new_key: str | None = None,
) -> str:
    """Give one printed spelling a key of its own; returns the new key."""
    orgs = [
        str(r[0])
        for r in conn.execute(
            "SELECT organization_key FROM department_aliases WHERE spelling = ?", [spelling]
        ).fetchall()
    ]
    if organization is not None:
        wanted = resolve_organization(conn, organization)
        orgs = [org for org in orgs if org == wanted]
    if len(orgs) != 1:
        raise DepartmentKeyError(
            f"spelling {spelling!r} is in {len(orgs)} organizations; "
            + ("choose one with --organization" if orgs else "kmplan departments lists them")
        )
    org = orgs[0]
    known = _known_departments(conn, org)
    key = new_key or _fresh_key(normalize(spelling), known)
    if any(k == key for _, k in known) and new_key is not None:
        raise DepartmentKeyError(f"key {key} is already used; merge into it instead")
    conn.execute(
        "UPDATE department_aliases SET department_key = ?, source = 'user', assigned_at = ? "
        "WHERE organization_key = ? AND spelling = ?",
        [key, datetime.now(UTC).replace(tzinfo=None), org, spelling],
    )
    return key
