"""The rules file: the packaged one is valid and versioned; a file the SQL could not honour
is refused with one line naming the file and the rule."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from pipeline.report.labels import STEP_NAMES, element_names
from warehouse.audit_rules import AuditRulesError, default_rules, default_rules_text, parse_rules


def packaged() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(default_rules_text()[0])
    return data


def test_packaged_rules() -> None:
    rules = default_rules()
    assert rules.version == 1
    assert len(rules.rules) == 13
    assert {rule.severity for rule in rules.rules} == {"error", "warning", "info"}
    for rule in rules.rules:
        assert rule.messages and all(th and en for th, en in rule.messages.values())


def test_step_and_element_names_are_the_reports() -> None:
    """The missing steps and elements are named as the report names them."""
    by_id = {rule.id: rule for rule in default_rules().rules}
    steps = [item.th for item in by_id["steps-complete"].items]
    assert steps == [f"{n} {name}" for n, name in sorted(STEP_NAMES.items())]
    elements = [item.th for item in by_id["cm-elements"].items]
    assert elements == [f"{n} {name}" for n, name in sorted(element_names().items())]


def broken(change: str) -> dict[str, Any]:
    data = copy.deepcopy(packaged())
    rule = data["rules"][0]
    if change == "kind":
        rule["check"] = "plan_sings"
    elif change == "placeholder":
        rule["messages"]["missing"]["en"] = "missing {stepz}"
    elif change == "reason":
        del rule["messages"]["unread"]
    elif change == "family":
        rule["families"] = ["km_proces"]
    elif change == "duplicate":
        data["rules"][1]["id"] = rule["id"]
    elif change == "severity":
        rule["severity"] = "fatal"
    elif change == "items":
        rule["items"] = rule["items"][1:]
    return data


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ("kind", "rule steps-complete: unknown check 'plan_sings'"),
        ("placeholder", "rule steps-complete: message missing: unknown placeholder {stepz}"),
        ("reason", "rule steps-complete: messages: missing ['unread'], unknown []"),
        ("family", "rule steps-complete: unknown plan family 'km_proces'"),
        ("duplicate", "rule ids used twice: steps-complete"),
        ("severity", "rule steps-complete: severity 'fatal' is not one of error, warning, info"),
        ("items", "rule steps-complete: plan_covers items must be 1, 2, 3 ... in order"),
    ],
)
def test_broken_rules_are_refused_in_one_line(change: str, reason: str) -> None:
    with pytest.raises(AuditRulesError) as caught:
        parse_rules(json.dumps(broken(change)), "rules.json")
    assert str(caught.value) == f"rules.json: {reason}"


def test_not_json() -> None:
    with pytest.raises(AuditRulesError, match=r"^rules\.json: Expecting property name .*line 1"):
        parse_rules("{nope", "rules.json")
