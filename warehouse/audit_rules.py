"""The plan audit's rules, read from extract/vocab/audit_rules.json and checked before use.

The SQL of each check kind is fixed (warehouse/audit.sql); a rule is data: which kind,
which plan families and document kinds, which fields or items, and a message per reason.
A rule file that the SQL could not honour (an unknown kind, field, placeholder or reason)
is refused with a one-line AuditRulesError, so a typo never silently disables a check.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from extract.vocab.kinds import DocumentKind, PlanType
from warehouse.errors import WarehouseError

SEVERITIES = ("error", "warning", "info")
MAX_PLACEHOLDERS = 6  # a message's {names}; audit.sql's audit_text joins 13 parts
MAX_ITEMS = 12  # a check reports missing items as a bit mask; every subset gets a label
# The reasons each kind reports: (reasons of a violation, reasons of "could not be checked").
KIND_REASONS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "plan_covers": (frozenset({"missing"}), frozenset({"unread"})),
    "row_filled": (frozenset({"missing"}), frozenset({"unread"})),
    "row_measurable": (frozenset({"unmeasurable"}), frozenset({"no_target"})),
    "period_in_year": (frozenset({"outside", "blank"}), frozenset({"unread", "no_year"})),
    "step_order": (frozenset({"early"}), frozenset({"unread"})),
    "plan_filled": (frozenset({"missing"}), frozenset()),
    "year_has_family": (frozenset({"absent"}), frozenset({"no_year"})),
    "document_filled": (frozenset({"missing"}), frozenset({"unread"})),
    "document_timely": (frozenset({"late"}), frozenset({"undated", "no_year"})),
    "row_status_due": (frozenset({"overdue"}), frozenset({"unread"})),
}
# The item keys the SQL of a kind knows (its CASE branches); None: any key.
KIND_ITEMS: dict[str, frozenset[str] | None] = {
    "plan_covers": None,
    "row_filled": frozenset({"indicator", "target", "responsible", "status", "activity",
                             "method", "period_text"}),
    "row_measurable": frozenset({"target_percent", "target_count", "target_comparator"}),
    "period_in_year": frozenset(),
    "step_order": frozenset(),
    "plan_filled": frozenset({"km_goal", "deliverable"}),
    "year_has_family": frozenset(PlanType),
    "document_filled": frozenset({"announced_on", "signed_by", "reference_no"}),
    "document_timely": frozenset(),
    "row_status_due": frozenset({"done", "in_progress", "not_started"}),
}  # fmt: skip
COLUMNS = {"plan_covers": ("step", "element")}
PLACEHOLDERS = frozenset({"items", "text", "start", "end", "year", "year_start", "year_end",
                          "date", "limit", "step", "prev_step", "prev_start", "count"})  # fmt: skip
_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


class AuditRulesError(WarehouseError):
    """The rules file cannot be used; the message names the file and the rule."""


@dataclass(frozen=True)
class Item:
    key: str
    th: str
    en: str


@dataclass(frozen=True)
class Rule:
    rule_no: int
    id: str
    severity: str
    check: str
    families: tuple[str, ...]
    document_kinds: tuple[str, ...]
    column: str | None
    months: int | None
    items: tuple[Item, ...]
    messages: dict[str, tuple[str, str]]  # reason -> (Thai, English)

    def unchecked(self, reason: str) -> bool:
        return reason in KIND_REASONS[self.check][1]


@dataclass(frozen=True)
class YearBasis:
    name: str  # fiscal | academic
    start_month: int
    be_offset: int  # the year starts in month start_month of (BE year - be_offset) CE


@dataclass(frozen=True)
class RuleSet:
    version: int
    rules: tuple[Rule, ...]
    years: tuple[YearBasis, ...]
    source: str

    def ids(self) -> tuple[str, ...]:
        return tuple(rule.id for rule in self.rules)


def default_rules_text() -> tuple[str, str]:
    path = resources.files("extract.vocab").joinpath("audit_rules.json")
    return path.read_text(encoding="utf-8"), "extract/vocab/audit_rules.json"


@cache
def default_rules() -> RuleSet:
    text, source = default_rules_text()
    return parse_rules(text, source)


def load_rules(path: Path) -> RuleSet:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise AuditRulesError(f"{path}: cannot read the rules file ({exc.strerror})") from None
    return parse_rules(text, str(path))


def parse_rules(text: str, source: str) -> RuleSet:
    try:
        data = json.loads(text)
        version = data["version"]
        if not isinstance(version, int) or isinstance(version, bool):
            raise ValueError("version must be an integer")
        raw_rules = data["rules"]
        rules = tuple(_rule(number, raw) for number, raw in enumerate(raw_rules, start=1))
        years = tuple(_year(name, raw) for name, raw in data["years"].items())
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise AuditRulesError(f"{source}: {_reason(exc)}") from None
    duplicates = sorted({r.id for r in rules if [x.id for x in rules].count(r.id) > 1})
    if duplicates:
        raise AuditRulesError(f"{source}: rule ids used twice: {', '.join(duplicates)}")
    return RuleSet(version=version, rules=rules, years=years, source=source)


def _reason(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"missing key {exc.args[0]!r}"
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def _year(name: str, raw: dict[str, Any]) -> YearBasis:
    month = int(raw["start_month"])
    if not 1 <= month <= 12:
        raise ValueError(f"year basis {name}: start_month {month} is not a month")
    return YearBasis(name=str(name), start_month=month, be_offset=int(raw["be_offset"]))


def _rule(number: int, raw: dict[str, Any]) -> Rule:
    rule_id = str(raw["id"])
    if not _ID.fullmatch(rule_id):
        raise ValueError(f"rule {number}: id {rule_id!r} is not lower-case letters, digits, -")
    try:
        return _checked_rule(number, rule_id, raw)
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"rule {rule_id}: {_reason(exc)}") from None


def _checked_rule(number: int, rule_id: str, raw: dict[str, Any]) -> Rule:
    check = str(raw["check"])
    if check not in KIND_REASONS:
        raise ValueError(f"unknown check {check!r}")
    severity = str(raw["severity"])
    if severity not in SEVERITIES:
        raise ValueError(f"severity {severity!r} is not one of {', '.join(SEVERITIES)}")
    rule = Rule(
        rule_no=number,
        id=rule_id,
        severity=severity,
        check=check,
        families=_members(raw["families"], frozenset(PlanType), "plan family"),
        document_kinds=_members(raw["document_kinds"], frozenset(DocumentKind), "document kind"),
        column=None if raw.get("column") is None else str(raw["column"]),
        months=None if raw.get("months") is None else int(raw["months"]),
        items=tuple(Item(str(i["key"]), str(i["th"]), str(i["en"])) for i in raw.get("items", [])),
        messages={
            str(reason): (str(text["th"]), str(text["en"]))
            for reason, text in raw["messages"].items()
        },
    )
    _check_parameters(rule)
    return rule


def _members(values: list[str], allowed: frozenset[str], what: str) -> tuple[str, ...]:
    unknown = [value for value in values if value not in allowed]
    if unknown or not values:
        raise ValueError(f"unknown {what} {unknown[0]!r}" if unknown else f"no {what} given")
    return tuple(str(value) for value in values)


def message_parts(text: str) -> list[str]:
    """`text` split at its placeholders: text, name, text, name ... padded to 13 parts
    ("" adds nothing: an empty name stands for no value)."""
    parts = re.split(r"\{([^{}]*)\}", text)
    return parts + [""] * (2 * MAX_PLACEHOLDERS + 1 - len(parts))


def _check_parameters(rule: Rule) -> None:
    allowed_columns = COLUMNS.get(rule.check, ())
    if (rule.column is not None or allowed_columns) and rule.column not in allowed_columns:
        raise ValueError(f"column {rule.column!r} is not one of {allowed_columns}")
    known = KIND_ITEMS[rule.check]
    unknown = [item.key for item in rule.items if known is not None and item.key not in known]
    if unknown:
        raise ValueError(f"{rule.check} cannot check {unknown[0]!r}")
    keys = [item.key for item in rule.items]
    if rule.check == "plan_covers" and keys != [str(n) for n in range(1, len(keys) + 1)]:
        raise ValueError("plan_covers items must be 1, 2, 3 ... in order")
    if len(set(keys)) != len(keys):
        raise ValueError("an item key is listed twice")
    if len(rule.items) > MAX_ITEMS:
        raise ValueError(f"more than {MAX_ITEMS} items")
    if rule.check == "document_timely" and (rule.months is None or rule.months < 1):
        raise ValueError("document_timely needs months >= 1")
    failed, unchecked = KIND_REASONS[rule.check]
    missing = sorted((failed | unchecked) - set(rule.messages))
    extra = sorted(set(rule.messages) - (failed | unchecked))
    if missing or extra:
        raise ValueError(f"messages: missing {missing}, unknown {extra}")
    for reason, texts in rule.messages.items():
        for text in texts:
            if len(_PLACEHOLDER.findall(text)) > MAX_PLACEHOLDERS:
                raise ValueError(f"message {reason}: more than {MAX_PLACEHOLDERS} placeholders")
            bad = set(_PLACEHOLDER.findall(text)) - PLACEHOLDERS
            if bad:
                raise ValueError(f"message {reason}: unknown placeholder {{{sorted(bad)[0]}}}")
