"""Scheduled sends through `bot.deliveries`: once per (job, recipient, period), and a claim left by a dead process
finished by the next run, by looking for its message in Slack first."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import select, update

from bot.blocks import message, section
from bot.deliveries import ALT_TEXT_LIMIT, EVENT_TYPE, post_once, send_once, share_file, share_once
from bot.deps import build_deps
from bot.simulator.workspace import SimulatedWorkspace
from storage.db import Database
from storage.models import Delivery

JOB, PERIOD = "digest:T0TEST", "2026-03-09"


def hello():  # type: ignore[no-untyped-def]
    return message("Hello", [section("Hello")])


def posts_to(workspace: SimulatedWorkspace, recipient: str) -> int:
    return sum(1 for call in workspace.slack.calls_to("chat.postMessage") if call.args["channel"] == recipient)


def claims(db: Database) -> list[Delivery]:
    with db.transaction() as session:
        return list(session.scalars(select(Delivery)))


def test_a_post_carries_its_delivery_and_is_made_once(workspace, clock):
    sam = workspace.add_person("sam")
    assert post_once(workspace.deps, JOB, sam, PERIOD, clock.now(), hello()) is True
    assert post_once(workspace.deps, JOB, sam, PERIOD, clock.now(), hello()) is False
    [call] = workspace.slack.calls_to("chat.postMessage")
    assert call.args["metadata"] == {"event_type": EVENT_TYPE, "event_payload": {"delivery": f"{JOB}|{sam}|{PERIOD}"}}
    [claim] = claims(workspace.deps.db)
    assert claim.sent_at is not None and claim.claimed_by == workspace.deps.db.owner


def claimed_by_a_process_that_then(workspace, clock, dies: bool, posted: bool) -> tuple[str, object]:  # type: ignore[no-untyped-def]
    """Another process claims Sam's send, maybe posts it, never marks it, and maybe dies."""
    sam = workspace.add_person("sam")
    other = build_deps(workspace.deps.settings, clock=clock)

    def send() -> None:
        if posted:
            metadata = {"event_type": EVENT_TYPE, "event_payload": {"delivery": f"{JOB}|{sam}|{PERIOD}"}}
            other.client.chat_postMessage(channel=sam, metadata=metadata, text="Hello")

    send_once(other.db, JOB, sam, PERIOD, clock.now(), send)
    with other.db.transaction() as session:  # as if it had stopped before writing that it was sent
        session.execute(update(Delivery).values(sent_at=None))
    if dies:
        other.db.dispose()
    return sam, other


def test_a_claim_of_a_live_process_is_left_alone(workspace, clock):
    sam, other = claimed_by_a_process_that_then(workspace, clock, dies=False, posted=False)
    try:
        assert post_once(workspace.deps, JOB, sam, PERIOD, clock.now(), hello()) is False
        assert posts_to(workspace, sam) == 0
        assert workspace.slack.calls_to("conversations.history") == []  # no need to look: it is still sending
    finally:
        other.db.dispose()


def test_a_dead_process_s_claim_that_never_reached_slack_is_sent_once(workspace, clock):
    sam, _ = claimed_by_a_process_that_then(workspace, clock, dies=True, posted=False)
    assert post_once(workspace.deps, JOB, sam, PERIOD, clock.now(), hello()) is True
    assert post_once(workspace.deps, JOB, sam, PERIOD, clock.now(), hello()) is False
    assert posts_to(workspace, sam) == 1
    [history] = workspace.slack.calls_to("conversations.history")
    assert history.args["channel"].startswith("D")  # the DM with the app, from conversations.open
    [claim] = claims(workspace.deps.db)
    assert claim.sent_at is not None and claim.claimed_by == workspace.deps.db.owner


def test_a_dead_process_s_claim_that_reached_slack_is_marked_not_sent_again(workspace, clock):
    sam, _ = claimed_by_a_process_that_then(workspace, clock, dies=True, posted=True)
    assert post_once(workspace.deps, JOB, sam, PERIOD, clock.now(), hello()) is False
    assert posts_to(workspace, sam) == 1  # the dead process's post only
    [claim] = claims(workspace.deps.db)
    assert claim.sent_at is not None


def test_only_the_exact_delivery_counts_as_found(workspace, clock):
    """Another period's message to the same person is not this one."""
    sam, _ = claimed_by_a_process_that_then(workspace, clock, dies=True, posted=False)
    assert post_once(workspace.deps, JOB, sam, "2026-03-02", clock.now(), hello()) is True  # last week's
    assert post_once(workspace.deps, JOB, sam, PERIOD, clock.now(), hello()) is True
    assert posts_to(workspace, sam) == 2


def test_a_claim_that_can_t_be_looked_up_stays_at_most_once(workspace, clock):
    """`send_once` without a way to look in Slack leaves a dead process's claim alone."""
    sam, _ = claimed_by_a_process_that_then(workspace, clock, dies=True, posted=False)
    sent = []
    assert send_once(workspace.deps.db, JOB, sam, PERIOD, clock.now(), lambda: sent.append(1)) is False
    assert sent == []


def test_a_channel_post_is_looked_up_in_the_channel(workspace, clock):
    channel = "CDIGEST01"
    other = build_deps(workspace.deps.settings, clock=clock)
    send_once(other.db, JOB, channel, PERIOD, clock.now(), lambda: None)  # claimed, then the process died
    with other.db.transaction() as session:
        session.execute(update(Delivery).values(sent_at=None))
    other.db.dispose()
    assert post_once(workspace.deps, JOB, channel, PERIOD, clock.now(), hello()) is True
    [history] = workspace.slack.calls_to("conversations.history")
    assert history.args["channel"] == channel and workspace.slack.calls_to("conversations.open") == []


def test_an_owner_is_gone_only_once_its_lock_is_free(database_url):
    first, second = Database(database_url), Database(database_url)
    try:
        first.hold_owner_lock()
        assert second.owner_is_gone(first.owner) is False
        assert first.owner_is_gone(first.owner) is False  # never this process itself
        first.dispose()
        assert second.owner_is_gone(first.owner) is True
    finally:
        first.dispose()
        second.dispose()


def test_threads_of_one_process_share_its_owner_lock(database_url):
    """The scheduler's job threads send at the same time: the first takes the lock, the others find it held."""
    db = Database(database_url)
    try:
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda _: db.hold_owner_lock(), range(16)))
        other = Database(database_url)
        assert other.owner_is_gone(db.owner) is False
        other.dispose()
    finally:
        db.dispose()


# --- files: looked up by their name --------------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)


def shares_to(workspace: SimulatedWorkspace) -> list[str]:
    """The names of the files shared, in order."""
    return [workspace.slack.file_names[f["id"]] for c in workspace.slack.calls_to("files.completeUploadExternal")
            if c.error is None for f in c.args["files"]]


def share(workspace, clock, user: str, name: str = "trend-2026-03-09.png") -> bool:  # type: ignore[no-untyped-def]
    return share_once(workspace.deps, JOB, user, PERIOD, clock.now(), PNG, name, "Trend", "A chart", "Here it is")


def test_a_file_is_shared_once_in_the_person_s_dm_with_its_alt_text(workspace, clock):
    sam = workspace.add_person("sam")
    assert share(workspace, clock, sam) is True
    assert share(workspace, clock, sam) is False
    assert shares_to(workspace) == ["trend-2026-03-09.png"]
    [asked] = workspace.slack.calls_to("files.getUploadURLExternal")
    assert asked.args["alt_txt"] == "A chart"
    [done] = workspace.slack.calls_to("files.completeUploadExternal")
    assert done.args["channel_id"].startswith("D") and done.args["initial_comment"] == "Here it is"
    assert list(workspace.slack.uploads.values()) == [PNG]


def test_alt_text_is_cut_to_slack_s_limit(workspace):
    sam = workspace.add_person("sam")
    share_file(workspace.deps, sam, PNG, "long.png", "Long", "x" * (ALT_TEXT_LIMIT + 50), "")
    [asked] = workspace.slack.calls_to("files.getUploadURLExternal")
    assert asked.error is None and len(asked.args["alt_txt"]) == ALT_TEXT_LIMIT


def shared_by_a_dead_process(workspace, clock, shared: bool, name: str = "trend-2026-03-09.png") -> str:  # type: ignore[no-untyped-def]
    """Another process claims a file for Sam, maybe shares it, never marks it, and dies."""
    sam = workspace.add_person("sam")
    other = build_deps(workspace.deps.settings, clock=clock)

    def send() -> None:
        if shared:
            share_file(other, sam, PNG, name, "Trend", "A chart", "")

    send_once(other.db, JOB, sam, PERIOD, clock.now(), send)
    with other.db.transaction() as session:
        session.execute(update(Delivery).values(sent_at=None))
    other.db.dispose()
    return sam


def test_a_dead_process_s_file_that_reached_slack_is_not_shared_again(workspace, clock):
    sam = shared_by_a_dead_process(workspace, clock, shared=True)
    assert share(workspace, clock, sam) is False
    assert shares_to(workspace) == ["trend-2026-03-09.png"]
    assert claims(workspace.deps.db)[0].sent_at is not None


def test_a_dead_process_s_file_that_never_reached_slack_is_shared_once(workspace, clock):
    sam = shared_by_a_dead_process(workspace, clock, shared=False)
    assert share(workspace, clock, sam) is True
    assert share(workspace, clock, sam) is False
    assert shares_to(workspace) == ["trend-2026-03-09.png"]


def test_only_a_file_of_the_same_name_counts_as_shared(workspace, clock):
    sam = shared_by_a_dead_process(workspace, clock, shared=True, name="trend-2026-03-02.png")  # last week's
    assert share(workspace, clock, sam) is True
    assert shares_to(workspace) == ["trend-2026-03-02.png", "trend-2026-03-09.png"]


def test_a_share_whose_answer_was_lost_counts_as_made_even_if_slack_did_not_make_it(workspace, clock, caplog):
    """Slack shares a file in the background: not finding it yet would not mean it never comes. At most once."""
    sam = workspace.add_person("sam")
    workspace.slack.drop("files.completeUploadExternal", performed=False)
    assert share(workspace, clock, sam) is True
    assert share(workspace, clock, sam) is False
    assert shares_to(workspace) == [] and claims(workspace.deps.db)[0].sent_at is not None
    assert "it may still come" in caplog.text
