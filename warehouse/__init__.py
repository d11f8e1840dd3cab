"""The warehouse stage: DuckDB schema, one-transaction loads, exports and read-only queries.

The names below are imported from their modules on first use, not with the package: a
read command (kmplan query, runs, export) then never pays for the load machinery
(pydantic models, the normalize stage) that only ingest needs.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from warehouse.connection import SCHEMA_VERSION, open_warehouse
    from warehouse.errors import (
        InvalidDocumentError,
        NoWarehouseError,
        QueryError,
        WarehouseBusyError,
        WarehouseError,
    )
    from warehouse.export import ORDER_BY, ROW_FIELDS, export_rows
    from warehouse.load import LoadResult, document_exists, load_document
    from warehouse.query import QueryResult, run_query

_HOME = {
    "SCHEMA_VERSION": "connection",
    "open_warehouse": "connection",
    "InvalidDocumentError": "errors",
    "NoWarehouseError": "errors",
    "QueryError": "errors",
    "WarehouseBusyError": "errors",
    "WarehouseError": "errors",
    "ORDER_BY": "export",
    "ROW_FIELDS": "export",
    "export_rows": "export",
    "LoadResult": "load",
    "document_exists": "load",
    "load_document": "load",
    "QueryResult": "query",
    "run_query": "query",
}
__all__ = [
    "ORDER_BY",
    "ROW_FIELDS",
    "SCHEMA_VERSION",
    "InvalidDocumentError",
    "LoadResult",
    "NoWarehouseError",
    "QueryError",
    "QueryResult",
    "WarehouseBusyError",
    "WarehouseError",
    "document_exists",
    "export_rows",
    "load_document",
    "open_warehouse",
    "run_query",
]


def __getattr__(name: str) -> object:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'warehouse' has no attribute {name!r}")
    return getattr(import_module(f"warehouse.{home}"), name)
