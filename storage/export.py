"""`alinea export`: every record of the store, one file per table, in JSON or CSV, for backup or analysis.

Times are written in UTC (ISO 8601, with the offset). Pulse answers are exported as stored: a side, a score, a
comment and a day, never a person. The scheduler's own job table (pickled APScheduler state, rebuilt from the
records at start) is left out.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Table, select

from storage.db import Database
from storage.models import Base

FORMATS = ("json", "csv")
# The scheduler's own state, and the workspaces' tokens and OAuth states: secrets never leave in an export.
LEFT_OUT = {"apscheduler_jobs", "slack_installations", "slack_bots", "slack_oauth_states"}
BATCH = 1000


@dataclass(frozen=True)
class Exported:
    table: str
    rows: int
    path: Path


def tables() -> list[Table]:
    """Every table with records, parents before children."""
    return [table for table in Base.metadata.sorted_tables if table.name not in LEFT_OUT]


def export(db: Database, fmt: str, out: Path) -> list[Exported]:
    """Write `<table>.json` or `<table>.csv` for every table into `out` (created if missing)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: use json or csv")
    out.mkdir(parents=True, exist_ok=True)
    done = []
    with db.engine.connect() as connection:
        for table in tables():
            path = out / f"{table.name}.{fmt}"
            result = connection.execution_options(stream_results=True).execute(
                select(table).order_by(*table.primary_key.columns))
            rows = (dict(row._mapping) for batch in result.partitions(BATCH) for row in batch)
            count = (_write_json if fmt == "json" else _write_csv)(path, [c.name for c in table.columns], rows)
            done.append(Exported(table.name, count, path))
    return done


def _write_json(path: Path, _columns: list[str], rows: Iterator[dict[str, Any]]) -> int:
    """A JSON array of objects, written a row at a time."""
    count = 0
    with path.open("w", encoding="utf-8") as file:
        file.write("[")
        for row in rows:
            file.write(("," if count else "") + "\n" + json.dumps(row, default=_plain, ensure_ascii=False))
            count += 1
        file.write("\n]\n")
    return count


def _write_csv(path: Path, columns: list[str], rows: Iterator[dict[str, Any]]) -> int:
    """A header, then one line per row; lists and objects as JSON text, no value as an empty cell."""
    count = 0
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row[column]) for column in columns])
            count += 1
    return count


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError(f"cannot export a {type(value).__name__}")


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, default=_plain, ensure_ascii=False)
    if isinstance(value, datetime | date | bytes):
        return _plain(value)
    return value
