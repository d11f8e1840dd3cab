"""The xlsx export (pipeline/present/xlsx.py), read back with openpyxl: one sheet per
fiscal year with Thai headers, a comparison sheet, text never a formula, filters."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import get_args

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.commands.export import ExportFormat
from pipeline.present.xlsx import _cells, _new_sheet
from warehouse import ROW_FIELDS
from warehouse.export import DataFormat

openpyxl = pytest.importorskip("openpyxl")


def test_xlsx_sheets_headers_and_a_known_row(years_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "plans.xlsx"
    done = CliRunner().invoke(app, ["export", "--db", str(years_db), "-f", "xlsx", "-o", str(out)])
    assert done.exit_code == 0, done.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == [
        "ปีงบประมาณ 2565",
        "ปีงบประมาณ 2566",
        "ปีงบประมาณ 2567",
        "เปรียบเทียบ",
        "ผลการตรวจแผน",
    ]
    sheet = book["ปีงบประมาณ 2566"]
    header = [cell.value for cell in sheet[1]]
    assert header[:4] == [
        "รหัสเอกสาร (sha256) [document_id]", "ไฟล์ [source_file]",
        "หน่วยงาน [organization]", "ปีงบประมาณ [fiscal_year]",
    ]  # fmt: skip
    assert [h.rsplit("[", 1)[1].rstrip("]") for h in header] == list(ROW_FIELDS)
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["I"].width == 48  # km_goal
    assert sheet.max_row == 64
    row = dict(zip(ROW_FIELDS, [cell.value for cell in sheet[2]], strict=True))
    assert row["department"] == "สำนักปลัดองค์การบริหารส่วนจังหวัด"
    assert (row["seq"], row["step"], row["period_text"]) == (1, 1, "มกราคม - มิถุนายน 2566")
    assert row["period_start"] == datetime(2023, 1, 1)
    assert row["reference_no"] == "ตก 51008/9726"
    compare = book["เปรียบเทียบ"]
    assert compare[1][2].value == "รหัสหน่วยงานย่อย [department_key]"
    rows = [[cell.value for cell in line] for line in compare.iter_rows(min_row=2)]
    assert len(rows) == 18
    assert compare[1][3].value == "ประเภทแผน [plan_type]"
    personnel = next(r for r in rows if r[2] == "กองการเจ้าหน้าที่" and r[4] == 2566)
    assert personnel[3] == "km_process"
    assert personnel[5:9] == [2567, "kept", "องค์การเจ้าหน้าที่", "กองการเจ้าหน้าที่ อบจ.ตาก"]


def test_xlsx_text_is_never_a_formula(tmp_path: Path) -> None:
    book = openpyxl.Workbook(write_only=True)
    sheet = _new_sheet(book, "t", ["activity"])
    sheet.append(_cells(sheet, ["=1+1"]))
    book.save(tmp_path / "f.xlsx")
    cell = openpyxl.load_workbook(tmp_path / "f.xlsx")["t"]["A2"]
    assert (cell.value, cell.data_type) == ("=1+1", "s")


def test_xlsx_filters_narrow_the_year_sheets_and_the_comparison(
    years_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "one.xlsx"
    args = ["export", "--db", str(years_db), "-f", "xlsx", "-o", str(out), "--org", "อบจ.ตาก",
            "--year", "2566", "--year", "2567", "--department", "กองคลัง"]  # fmt: skip
    done = CliRunner().invoke(app, args)
    assert done.exit_code == 0, done.output
    assert done.stderr == f"14 rows written to {out}\n"
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["ปีงบประมาณ 2566", "ปีงบประมาณ 2567", "เปรียบเทียบ", "ผลการตรวจแผน"]
    departments = {row[7].value for row in book["ปีงบประมาณ 2566"].iter_rows(min_row=2)}
    assert departments == {"กองคลัง"}
    compared = [[cell.value for cell in row] for row in book["เปรียบเทียบ"].iter_rows(min_row=2)]
    assert [row[2:7] for row in compared] == [["กองคลัง", "km_process", 2566, 2567, "changed"]]
    assert not list(tmp_path.glob(".*partial"))


def test_export_formats_are_the_data_formats_and_xlsx() -> None:
    assert [f.value for f in ExportFormat] == [*get_args(DataFormat), "xlsx"]
