"""The warehouse stage: DuckDB schema, one-transaction loads, exports and read-only queries."""

from warehouse.connection import SCHEMA_VERSION, open_warehouse
from warehouse.errors import (
    InvalidDocumentError,
    NoWarehouseError,
    QueryError,
    WarehouseBusyError,
    WarehouseError,
)
from warehouse.export import ORDER_BY, ROW_FIELDS, ExportFormat, export_rows
from warehouse.load import LoadResult, document_exists, load_document
from warehouse.query import QueryResult, display_width, format_table, run_query

__all__ = [
    "ORDER_BY",
    "ROW_FIELDS",
    "SCHEMA_VERSION",
    "ExportFormat",
    "InvalidDocumentError",
    "LoadResult",
    "NoWarehouseError",
    "QueryError",
    "QueryResult",
    "WarehouseBusyError",
    "WarehouseError",
    "display_width",
    "document_exists",
    "export_rows",
    "format_table",
    "load_document",
    "open_warehouse",
    "run_query",
]
