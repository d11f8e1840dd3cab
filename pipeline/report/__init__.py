"""`kmplan report`: a self-contained HTML page per organization (Gantt charts as inline SVG,
the cross-year comparison and the ingestion warnings)."""

from pipeline.report.data import ReportData, load_report
from pipeline.report.page import render_html, write_report

__all__ = ["ReportData", "load_report", "render_html", "write_report"]
