"""The pipeline stage: orchestration of extract -> normalize -> warehouse, the `kmplan`
command line and what it shows a person (tables, progress, the HTML report)."""

__version__ = "0.1.0"
