"""The kinds of plan and of document kmplan tells apart: one definition for every stage.

StrEnum members compare equal to their values, so they are stored and exported as the
plain strings the export contract names.
"""

from __future__ import annotations

from enum import StrEnum


class PlanType(StrEnum):
    """The plan families (extract/vocab/families/*.json), in the order they are reported."""

    KM_PROCESS = "km_process"
    CHANGE_MANAGEMENT = "change_management"
    PROJECT_LIST = "project_list"


class DocumentKind(StrEnum):
    """What a document is: an action plan, or a report on a plan's progress (contract v2)."""

    PLAN = "plan"
    RESULTS_REPORT = "results_report"
