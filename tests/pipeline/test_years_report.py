"""`kmplan report`: one self-contained HTML file, looked at in headless Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.report.gantt import STEP_COLORS, STEP_NAMES


@pytest.fixture(scope="module")
def report(years_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "tak.html"
    done = CliRunner().invoke(
        app, ["report", "--db", str(years_db), "--org", "อบจ.ตาก", "--out", str(out)]
    )
    assert done.exit_code == 0, done.output
    assert "3 fiscal years, 18 comparison rows" in done.output
    return out


def test_self_contained_with_thai_gantt(report: Path) -> None:
    html = report.read_text(encoding="utf-8")
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert re.findall(r"(?:https?:)?//[^\s\"']+", html) == ["http://www.w3.org/2000/svg"] * 3
    svgs = re.findall(r"<svg.*?</svg>", html, flags=re.S)
    assert len(svgs) == 3
    bars = [len(re.findall(r'<rect [^>]*class="bar', svg)) for svg in svgs]
    assert bars == [56, 63, 56]  # 8, 9 and 8 departments x 7 steps
    assert all(STEP_NAMES[4] in svg and "กองคลัง" in svg for svg in svgs)
    assert all('data-plan-type="km_process"' in svg for svg in svgs)
    for year in (2565, 2566, 2567):  # one KM Process chart a year, on the fiscal year's bounds
        assert f"<h2>ปีงบประมาณ {year}</h2>" in html
        assert f'data-first="{year - 544}-10-01" data-last="{year - 543}-09-30"' in html
    assert html.count("กระบวนการจัดการความรู้ (KM Process): แผนภูมิแกนต์") == 3
    # No Change Management chart (the audit findings do name the missing plan).
    assert "(Change Management): แผนภูมิแกนต์" not in html and "ปีการศึกษา" not in html
    # every bar carries its dates, inside or (dashed) outside the fiscal year
    dated = re.findall(
        r'<rect [^>]*data-start="(\d{4}-\d\d-\d\d)" data-end="(\d{4}-\d\d-\d\d)"', html
    )
    assert len(dated) == 56 + 63 + 56 and all(start <= end for start, end in dated)
    assert "ยกเลิก" in html and "ใหม่" in html  # dropped and new in the comparison table
    assert "period-outside-fiscal-year" in html  # a warning of the ingestion


def test_screenshot_is_not_blank_and_shows_the_bars(report: Path, tmp_path: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium is not installed")
    image = pytest.importorskip("PIL.Image")
    png = tmp_path / "report.png"
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={png}",
         "--window-size=1400,2000", report.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    picture = image.open(png).convert("RGB")
    assert picture.size == (1400, 2000)
    colors = picture.getcolors(maxcolors=1 << 20)
    assert colors is not None
    counts = {rgb: n for n, rgb in colors}
    total = sum(counts.values())
    white = counts.get((255, 255, 255), 0)
    assert total - white > 0.05 * total, "the page is (nearly) blank"
    for step, color in STEP_COLORS.items():
        rgb = tuple(int(color[i : i + 2], 16) for i in (1, 3, 5))
        assert counts.get(rgb, 0) > 300, f"no Gantt bar of step {step} ({color}) on screen"
