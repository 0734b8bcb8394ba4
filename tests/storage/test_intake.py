"""The recorded requests (storage.intake): one record per key, claimed by a process; the records of a process that
died are taken over by another, a process's own failed records come back when due, and done records never do."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from storage.db import Database
from tests.conftest import NOW

ALIVE, DEAD = "a" * 32, "d" * 32


def record(db: Database, key: str, owner: str, payload: dict | None = None):
    return db.intake.record(key, "ask:command", "T1", "U1", payload or {"text": key}, "https://hooks/1", NOW, owner)


def take(db: Database, owner: str, working: set[int] = frozenset(), now=NOW):
    return db.intake.take(owner, now, lambda claimer: claimer == DEAD, set(working))


def test_a_key_is_recorded_once(db):
    first = record(db, "command:1", ALIVE, {"text": "Landing page", "n": [1, 2]})
    assert first is not None and first.payload == {"text": "Landing page", "n": [1, 2]}
    assert first.received_at == NOW and first.attempts == 0 and first.answered_at is None
    assert record(db, "command:1", ALIVE) is None
    assert db.intake.open_count() == 1


def test_a_dead_process_records_are_taken_over_with_what_was_recorded(db):
    mine = record(db, "command:1", ALIVE)
    theirs = record(db, "command:2", DEAD, {"text": "theirs"})
    db.intake.answered(theirs.id, NOW)
    [taken] = take(db, ALIVE, working={mine.id})
    assert (taken.id, taken.payload, taken.answered_at) == (theirs.id, {"text": "theirs"}, NOW)
    assert take(db, "b" * 32) == []  # now claimed by a live process: nobody else takes it


def test_done_and_forgotten_records_never_come_back(db):
    done, forgotten = record(db, "command:1", DEAD), record(db, "command:2", DEAD)
    db.intake.done(done.id, NOW)
    db.intake.forget(forgotten.id)
    assert take(db, ALIVE) == [] and db.intake.open_count() == 0
    assert record(db, "command:2", ALIVE) is not None  # a forgotten key may come again


def test_a_failed_record_comes_back_to_its_process_when_due_and_a_last_failure_closes_it(db):
    failed = record(db, "command:1", ALIVE)
    db.intake.failed(failed.id, NOW + timedelta(seconds=5), NOW)
    assert take(db, ALIVE) == []  # not due yet
    [again] = take(db, ALIVE, now=NOW + timedelta(seconds=5))
    assert again.attempts == 1
    db.intake.failed(failed.id, None, NOW)
    assert take(db, ALIVE, now=NOW + timedelta(hours=1)) == [] and db.intake.open_count() == 0


def test_on_sqlite_the_records_live_in_a_file_of_their_own(tmp_path: Path):
    db = Database(f"sqlite:///{tmp_path / 'alinea.db'}")
    try:
        db.upgrade()
        record(db, "command:1", ALIVE)
        assert (tmp_path / "alinea.intake.db").exists()
        again = Database(f"sqlite:///{tmp_path / 'alinea.db'}")  # the next process finds them
        try:
            assert [r.key for r in again.intake.take(ALIVE, NOW, lambda _claimer: True, set())] == []  # alive
            assert [r.key for r in again.intake.take("b" * 32, NOW, lambda _claimer: True, set())] == ["command:1"]
        finally:
            again.dispose()
    finally:
        db.dispose()
