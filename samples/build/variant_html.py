"""The browser-rendered variant: the seed content as HTML + CSS, printed by headless Chromium.

* Noto Sans Thai (fonts-noto-core; Noto Sans for Latin), ruled tables
  (``border-collapse``), a ``thead`` that Chromium repeats on every page a table
  continues on.
* Portrait A4 for the memo, the announcement (with the signature image, Thai digits as
  printed) and 4 pages of Part 1; the plans use a named page
  ``@page plan { size: A4 landscape }``.
* One ``<table>`` per plan: the seed's page breaks are forced with
  ``tr { break-before: page }``, so the layout is the sample's (one page per seed chunk,
  pages 7-25) and the builder checks it on the printed PDF. Plan 7 prints its header
  lines inside the table, as a merged first body row.

Chromium writes Skia/PDF; pikepdf pins the dates and the ID (render.pin_metadata).
"""

from __future__ import annotations

import html
import shutil
import subprocess
import tempfile
from pathlib import Path

from . import build_samples as bs
from .checks import Expect, check_expectations, check_pages
from .common import SAMPLES, SIGNATURE_PATH
from .docx_kit import split_label
from .make_truth import write_variant_truth
from .render import pin_metadata
from .seed_source import Plan, Seed, part1_section

HTML_PDF = SAMPLES / "tak-pao-km-plan-2566-html.pdf"
FONT = "Noto Sans Thai"

CSS = """
@page { size: A4 portrait; margin: 14mm 16mm 12mm 22mm; }
@page plan { size: A4 landscape; margin: 10mm 10mm 10mm 10mm; }
html { font-family: "Noto Sans Thai", "Noto Sans", sans-serif; font-size: 11.5pt; }
html { line-height: 1.45; }
body { margin: 0; }
p { margin: 0 0 3pt 0; }
.page { break-before: page; }
.first { break-before: auto; }
.center { text-align: center; }
.indent { text-indent: 2.2cm; }
.item { margin-left: 1cm; }
.title { font-size: 20pt; font-weight: bold; text-align: center; margin-bottom: 6pt; }
.heading { font-size: 14pt; font-weight: bold; text-align: center; }
.cover { font-size: 18pt; font-weight: bold; text-align: center; }
.sign { margin-left: 8cm; text-align: center; }
.sign img { width: 3.4cm; }
.ref span.tab { display: inline-block; width: 7cm; }
.plan { page: plan; break-before: page; font-size: 10pt; line-height: 1.35; }
.plan .ptitle { font-weight: bold; text-align: center; font-size: 11pt; margin-bottom: 3pt; }
.plan table { border-collapse: collapse; width: 100%; table-layout: fixed; margin-top: 4pt; }
.plan th, .plan td { border: 0.75pt solid #000; padding: 1pt 3pt; vertical-align: top; }
.plan th { background: #d9d9d9; font-weight: bold; text-align: center; }
.plan tr { break-inside: avoid; }
.plan tr.newpage { break-before: page; }
.plan td.c { text-align: center; }
.plan td p { margin: 0; }
"""

COLUMN_PERCENT = [round(100 * part / sum(bs.COLUMN_RATIO), 2) for part in bs.COLUMN_RATIO]


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def p(text: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<p{attr}>{esc(text)}</p>"


def labelled(label: str, value: str) -> str:
    return f"<p><b>{esc(label)}</b>{esc(value)}</p>"


def memo_page(seed: Seed) -> str:
    memo = seed.memo
    label, rest = split_label(memo.agency, "ส่วนราชการ")
    subject_label, subject = split_label(" ".join(memo.subject), "เรื่อง")
    parts = [
        '<section class="first">',
        p(memo.title, "title"),
        labelled(label, rest),
        f'<p class="ref"><b>ที่</b> {esc(memo.reference_no)}<span class="tab"></span>'
        f"<b>วันที่</b> {esc(memo.date_text)}</p>",
        labelled(subject_label, subject),
        p(" ".join(memo.addressees)),
        *(p(text, "indent") for text in memo.body),
        p(memo.closing, "indent"),
        signature(memo.signer_name, memo.signer_title),
        "</section>",
    ]
    return "\n".join(parts)


def signature(name: str, title: str) -> str:
    return f'<div class="sign"><img src="{SIGNATURE_PATH.name}" alt="">{p(name)}{p(title)}</div>'


def announcement_page(seed: Seed) -> str:
    notice = seed.announcement
    return "\n".join(
        [
            '<section class="page">',
            p(notice.heading, "heading"),
            f'<p class="center"><b>{esc(notice.subject)}</b></p>',
            f'<p class="center"><b>{esc(notice.year_line)}</b></p>',
            *(p(text, "indent") for text in notice.body),
            p(notice.closing, "indent"),
            f'<p style="margin-left: 5cm">{esc(notice.dated)}</p>',
            signature(notice.signer_name, notice.signer_title),
            "</section>",
        ]
    )


def part1_pages(seed: Seed) -> str:
    cover_title, cover_org = seed.cover[:4], seed.cover[4:]
    preface = seed.preface
    *body, unit, division = preface.paragraphs
    out = ['<section class="page" style="padding-top: 5cm">']
    out += [p(text, "cover") for text in cover_title]
    out.append('<div style="height: 6cm"></div>')
    out += [p(text, "cover") for text in cover_org]
    out.append("</section>")
    out += ['<section class="page">', p(preface.heading, "heading")]
    out += [p(text, "indent") for text in body[: bs.PREFACE_PARAGRAPHS]]
    out += [p(unit, "sign"), p(division, "sign"), "</section>"]
    for numbers, heading in (((1, 2), "ส่วนที่ 1"), ((12,), None)):
        out.append('<section class="page">')
        if heading:
            out.append(p(heading, "heading"))
        for number in numbers:
            section = part1_section(seed, number)
            out.append(f"<p><b>{esc(section.heading)}</b></p>")
            for text in section.paragraphs:
                item = text[:1].isdigit() or text.startswith("-")
                out.append(p(text, "item" if item else "indent"))
        out.append("</section>")
    return "\n".join(out)


def cell(text: str, column: int) -> str:
    cls = ' class="c"' if column in bs.CENTERED_COLUMNS else ""
    items = [text] if column == bs.PERIOD_COLUMN else bs.split_items(text)
    inner = "".join(f"<p>{esc(item)}</p>" for item in items) if items else ""
    return f"<td{cls}>{inner}</td>"


def plan_section(plan: Plan) -> str:
    out = ['<section class="plan">', p(plan.title, "ptitle")]
    if not plan.header_in_table:
        out += [labelled(f"{line.label} :", f" {line.value}") for line in plan.header_lines]
    out.append("<table><colgroup>")
    out += [f'<col style="width: {width}%">' for width in COLUMN_PERCENT]
    out.append("</colgroup><thead><tr>")
    out += [f"<th>{esc(text)}</th>" for text in plan.chunks[0].header]
    out.append("</tr></thead><tbody>")
    if plan.header_in_table:
        lines = "".join(
            f"<p><b>{esc(line.label)} :</b> {esc(line.value)}</p>" for line in plan.header_lines
        )
        out.append(f'<tr><td colspan="8">{lines}</td></tr>')
    for index, chunk in enumerate(plan.chunks):
        for number, row in enumerate(chunk.rows):
            attr = ' class="newpage"' if index and number == 0 else ""
            cells = "".join(cell(text, column) for column, text in enumerate(row.cells))
            out.append(f"<tr{attr}>{cells}</tr>")
    out.append("</tbody></table></section>")
    return "\n".join(out)


def document_html(seed: Seed) -> str:
    body = "\n".join(
        [
            memo_page(seed),
            announcement_page(seed),
            part1_pages(seed),
            *(plan_section(plan) for plan in seed.plans),
        ]
    )
    title = esc(seed.announcement.subject.removeprefix("เรื่อง ").strip())
    return (
        '<!DOCTYPE html>\n<html lang="th"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{CSS}</style></head>\n<body>\n{body}\n</body></html>\n"
    )


# ------------------------------------------------------------------------ print


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("chromium is not installed (apt-get install chromium fonts-noto-core)")


def print_pdf(html_path: Path, out: Path, workdir: Path) -> None:
    profile = workdir / "chromium-profile"
    command = [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        f"--print-to-pdf={out}",
        "--no-pdf-header-footer",
        html_path.as_uri(),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    if not out.exists():
        raise SystemExit("chromium printed no PDF")


# ----------------------------------------------------------------------- verify


def layout_expectations(seed: Seed) -> list[Expect]:
    """The sample's expectations (same pages), without the continuation header variants:
    the repeated thead prints the first chunk's header on every page."""
    out = []
    for expect in bs.expectations(seed):
        if expect.exact:
            plan_number = int(expect.what.split()[1])
            plan = seed.plans[plan_number - 1]
            expect = Expect(expect.page, expect.texts, expect.what, plan.chunks[0].header[1:7])
        out.append(expect)
    return out


def poppler_texts(path: Path, count: int) -> list[str]:
    """pdftotext per page: Skia maps mark variants to U+0000 and puts each cluster's text
    in an ActualText span, which poppler honours (pypdfium2 and pdfminer do not)."""
    texts = []
    for number in range(1, count + 1):
        command = ["pdftotext", "-q", "-f", str(number), "-l", str(number), str(path), "-"]
        texts.append(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    return texts


def verify(path: Path, seed: Seed) -> list[str]:
    expected = bs.expected_page_count(seed.plans)
    # Noto Sans Thai, and Noto Sans for Latin: both font names begin with NotoSans
    problems = check_pages(path, expected, bs.is_plan_page, font="NotoSans", font_chars=40)
    problems += check_expectations(poppler_texts(path, expected), layout_expectations(seed))
    return problems


def pages(seed: Seed) -> dict[tuple[int, int], int]:
    return bs.row_pages(seed.plans)


def build(seed: Seed) -> None:
    with tempfile.TemporaryDirectory(prefix="kmplan-html-") as tmp:
        work = Path(tmp)
        shutil.copyfile(SIGNATURE_PATH, work / SIGNATURE_PATH.name)
        html_path = work / "tak-pao-km-plan-2566.html"
        html_path.write_text(document_html(seed), encoding="utf-8")
        printed = work / "printed.pdf"
        print_pdf(html_path, printed, work)
        pinned = work / "pinned.pdf"
        pin_metadata(printed, pinned)
        problems = verify(pinned, seed)
        if problems:
            keep = Path(tempfile.mkdtemp(prefix="kmplan-html-debug-"))
            keep.mkdir(exist_ok=True)
            shutil.copyfile(html_path, keep / html_path.name)
            shutil.copyfile(pinned, keep / "printed.pdf")
            raise SystemExit(
                f"html variant failed its checks (kept in {keep}):\n" + "\n".join(problems)
            )
        shutil.copyfile(pinned, HTML_PDF)
    truth = write_variant_truth(seed, HTML_PDF, pages(seed))
    print(f"wrote {HTML_PDF} and {truth.name} ({bs.expected_page_count(seed.plans)} pages)")
