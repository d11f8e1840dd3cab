"""Which source gives a document its organization and year, in the contract's order: memo
or announcement, cover or title block, running header or footer, the user's option."""

from __future__ import annotations

from typing import Any

from extract.models import RawMetadata
from normalize.given import with_given
from normalize.models import DocumentMeta, NormalizedDocument, Warning
from normalize.plan_header import PlanYear
from normalize.sources import FoundYear, find_organization, find_year

FACULTY = "คณะพยาบาลศาสตร์ มหาวิทยาลัยเวียงหมอก"


def _printed(**fields: Any) -> RawMetadata:
    base: dict[str, Any] = {
        "organization": None,
        "fiscal_year": None,
        "announced_on": None,
        "reference_no": None,
        "signed_by": None,
        "memo_pages": [1],
        "plan_pages": [3, 4],
    }
    return RawMetadata(**{**base, **fields})


def test_memo_wins_over_cover_title_and_header() -> None:
    printed = _printed(
        organization="ประกาศเทศบาลเมืองตาก",
        organization_source="memo",
        cover_organization=FACULTY,
        cover_organization_page=2,
        running_lines=["คณะแพทยศาสตร์"],
    )
    found = find_organization(printed, "ชื่ออื่น")
    assert (found.value, found.source) == ("เทศบาลเมืองตาก", "memo")


def test_cover_then_units_then_title_block_then_header() -> None:
    cover = _printed(cover_organization=FACULTY, cover_organization_page=2)
    assert find_organization(cover, None).source == "cover"
    units = _printed(organization="เทศบาลเมืองตาก", organization_source="title")
    assert (find_organization(units, None).value, find_organization(units, None).source) == (
        "เทศบาลเมืองตาก",
        "title",
    )
    # a unit line above a plan table is a title block, read after the plans' own lines
    above_table = _printed(cover_organization=FACULTY, cover_organization_page=3)
    assert find_organization(above_table, "วิทยาลัยพยาบาล").value == "วิทยาลัยพยาบาล"
    assert find_organization(above_table, None).source == "title"
    header = _printed(running_lines=["หน้า 1", f"แผนการจัดการความรู้ {FACULTY}"])
    assert (find_organization(header, None).value, find_organization(header, None).source) == (
        FACULTY,
        "header",
    )
    assert find_organization(_printed(), None).source is None


def test_year_sources_and_basis() -> None:
    memo = _printed(fiscal_year="๒๕๖๔", fiscal_year_page=1)
    assert find_year(memo, None) == FoundYear(2564, "fiscal", "memo")
    cover_page = _printed(fiscal_year="2564", fiscal_year_page=2)
    assert find_year(cover_page, None).source == "cover"
    # the plan's title states an academic year: it wins, with its basis
    academic = find_year(memo, PlanYear("academic", 2563))
    assert (academic.year, academic.basis, academic.source) == (2563, "academic", "title")
    boxed = find_year(_printed(cover_year="ประจำปีงบประมาณ พ.ศ. ๒๕๖๔"), None)
    assert (boxed.year, boxed.source) == (2564, "cover")
    header = find_year(_printed(running_lines=["คณะพยาบาลศาสตร์ ปีการศึกษา 2564"]), None)
    assert (header.year, header.basis, header.source) == (2564, "academic", "header")
    # a number in a running line is no year unless the line states one
    assert find_year(_printed(running_lines=["หน้า 2564"]), None).year is None


def _doc(organization: str | None, year: int | None) -> NormalizedDocument:
    warnings = [
        Warning(code="organization-missing", message="organization not found"),
        Warning(code="fiscal-year-missing", message="fiscal_year not found"),
        Warning(code="period-unparsed", message="x", page=2),
    ]
    meta = DocumentMeta(
        document_id="a" * 64,
        source_file="x.pdf",
        page_count=2,
        organization=organization,
        fiscal_year=year,
        announced_on=None,
        reference_no=None,
        signed_by=None,
    )
    return NormalizedDocument(meta=meta, plans=[], activities=[], warnings=warnings)


def test_given_values_fill_only_what_is_missing() -> None:
    filled = with_given(_doc(None, None), FACULTY, 2564)
    assert (filled.meta.organization, filled.meta.fiscal_year) == (FACULTY, 2564)
    assert [w.code for w in filled.warnings] == ["period-unparsed"]
    assert filled.sources == {"organization": "option", "fiscal_year": "option"}
    # a printed value always wins over the option
    printed = with_given(_doc("เทศบาลเมืองตาก", 2566), FACULTY, 2564)
    assert (printed.meta.organization, printed.meta.fiscal_year) == ("เทศบาลเมืองตาก", 2566)
    assert with_given(_doc(None, None)).warnings == _doc(None, None).warnings
