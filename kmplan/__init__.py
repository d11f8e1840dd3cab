"""kmplan: Thai government KM action-plan PDFs into clean rows in DuckDB."""

__version__ = "0.1.0"
