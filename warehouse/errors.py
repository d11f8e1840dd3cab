"""Expected warehouse failures: each message is one line a user can act on."""

from __future__ import annotations


class WarehouseError(Exception):
    """Base of every error the warehouse raises on purpose. The message is the reason."""


class NoWarehouseError(WarehouseError):
    """A reader asked for a warehouse file that does not exist."""


class WarehouseBusyError(WarehouseError):
    """Another process holds the warehouse file's lock (DuckDB allows one writer)."""


class InvalidDocumentError(WarehouseError):
    """A document the warehouse refused: it would break a constraint or the export contract.

    Nothing of the document was written.
    """


class QueryError(WarehouseError):
    """An ad-hoc query failed (syntax, unknown table, an attempted write, ...)."""
