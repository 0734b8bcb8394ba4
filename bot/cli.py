"""The `alinea` command line."""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from collections.abc import Sequence
from typing import TextIO

from dotenv import find_dotenv, load_dotenv

from bot.settings import Settings, SettingsError, load_settings

log = logging.getLogger("alinea")


def main(argv: Sequence[str] | None = None) -> int:
    load_dotenv(find_dotenv(usecwd=True))  # the .env of the directory alinea runs in
    args = _parser().parse_args(argv)
    # A server logs what it does; the console and the demo show only what goes wrong.
    level = logging.INFO if args.command == "run" else logging.WARNING
    logging.basicConfig(level=level, handlers=[log_handler()])
    # slack_sdk logs request headers at DEBUG; keep it above that so tokens never reach the logs.
    logging.getLogger("slack_sdk").setLevel(logging.WARNING)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    try:
        return int(args.func(args) or 0)
    except SettingsError as exc:
        print(f"alinea: {exc}", file=sys.stderr)
        return 2
    except StartupError as exc:
        print(f"alinea: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_TRACEBACK_MARGIN = "  | "  # begins every line of a traceback, so none of them reads as a record of its own
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


class OneLineFormatter(logging.Formatter):
    """Records that input cannot forge: each message is one line, its control and other unprintable characters
    (line breaks, terminal escapes, bidi overrides) written as escapes, since messages carry what people and
    requests send; a traceback follows on lines that start with `  | `."""

    def format(self, record: logging.LogRecord) -> str:
        record.message = one_line(record.getMessage())
        if self.usesTime():
            record.asctime = self.formatTime(record, self.datefmt)
        text = self.formatMessage(record)
        # Formatted here rather than through the record's cached exc_text, which other handlers may have filled.
        extra = [self.formatException(record.exc_info)] if record.exc_info else []
        if record.stack_info:
            extra.append(self.formatStack(record.stack_info))
        lines = [line for block in extra for line in block.splitlines()]
        return "\n".join([text, *(_TRACEBACK_MARGIN + one_line(line) for line in lines)])


def one_line(text: str) -> str:
    """`text` with every unprintable character escaped (`\\n`, `\\x1b`, `\\u202e`): it prints as one line."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else _ESCAPES.get(c) or ascii(c)[1:-1] for c in text)


def _no_request_bodies(record: logging.LogRecord) -> bool:
    """Drop Bolt's note of a request whose signature failed: it holds the whole body. (bot/web.py refuses such
    requests before Bolt sees them, and logs them its own way; this is the second line.)"""
    return not (record.name == "slack_bolt.RequestVerification" and record.levelno < logging.WARNING)


def log_handler(stream: TextIO | None = None) -> logging.Handler:
    """Where `alinea` logs (stderr by default): one line per record, whatever the input."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(OneLineFormatter(LOG_FORMAT))
    handler.addFilter(_no_request_bodies)
    return handler


class StartupError(Exception):
    """Something outside Alinea stops it from starting; the message says what, in one line."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="alinea", description="Marketing and IT, one team, in Slack.")
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="serve Slack (Socket Mode when SLACK_APP_TOKEN is set, else HTTP)")
    run.add_argument("--port", type=int, help="HTTP port (default: PORT, else 3000)")
    run.add_argument("--host", default="0.0.0.0", help="HTTP interface to listen on (default: all)")
    run.add_argument("--no-scheduler", action="store_true", help="serve requests only; run `alinea scheduler` apart")
    run.set_defaults(func=_run)

    scheduler = commands.add_parser("scheduler", help="run only the scheduler, beside `run --no-scheduler` replicas")
    scheduler.set_defaults(func=_scheduler)

    console = commands.add_parser("console", help="type slash commands in a terminal, no Slack needed")
    console.add_argument("--as", dest="user", default="you", help="who you are (a name or a Slack user ID)")
    console.set_defaults(func=_console)

    demo = commands.add_parser("demo", help="a scripted month at a sample company, on a fresh local store")
    demo.set_defaults(func=_demo)

    export = commands.add_parser("export", help="every record, one file per table, for backup or analysis")
    export.add_argument("--format", choices=("json", "csv"), default="json", help="file format (default: json)")
    export.add_argument("--out", help="folder to write to (default: ./alinea-export-<UTC time>)")
    export.set_defaults(func=_export)

    workspaces = commands.add_parser("workspaces", help="the workspaces and orgs Alinea serves; forget one's data")
    workspaces.add_argument("action", nargs="?", choices=("forget",), help="forget: delete one workspace's data")
    workspaces.add_argument("team", nargs="?", help="the team ID (T…) or org ID (E…) to forget")
    workspaces.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    workspaces.set_defaults(func=_workspaces)

    db = commands.add_parser("db", help="the store's schema")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    upgrade = db_commands.add_parser("upgrade", help="apply schema migrations")
    upgrade.set_defaults(func=_db_upgrade)
    return parser


def _prepared_deps(settings: Settings):  # type: ignore[no-untyped-def]
    from bot.deps import build_deps
    from storage.db import SchemaOutOfDate

    deps = build_deps(settings)
    try:
        deps.db.prepare()
    except SchemaOutOfDate as exc:
        raise StartupError(str(exc)) from None
    except Exception as exc:  # the driver's message names the problem (host down, bad password…)
        raise StartupError(f"cannot open the store: {type(exc).__name__}: {str(exc).splitlines()[0]}") from None
    return deps


def _run(args: argparse.Namespace) -> int:
    from slack_bolt.error import BoltError
    from slack_sdk.errors import SlackApiError

    from bot.app import create_app
    from bot.web import http_server
    from handlers.intake import Resumer

    settings = load_settings(**({"port": args.port} if args.port else {}))
    settings.require_a_way_in()
    if not settings.socket_mode:
        settings.require("slack_signing_secret")
    deps = _prepared_deps(settings)
    try:
        app = create_app(deps)
        if not settings.oauth:  # the token's workspace is served (again, if it had uninstalled the app)
            deps.installs.serving_the_token(deps.client.auth_test().data)  # type: ignore[arg-type]
    except BoltError as exc:
        raise StartupError(f"Slack refused the bot token: {str(exc).splitlines()[0]}") from None
    except SlackApiError as exc:
        raise StartupError(f"Slack refused the bot token: {exc.response.get('error')}") from None
    except OSError as exc:  # Slack (or SLACK_API_URL) out of reach: the token could not even be checked
        raise StartupError(f"cannot reach Slack at {settings.slack_api_url}: {type(exc).__name__}: "
                           f"{str(exc).splitlines()[0] if str(exc) else 'no answer'}") from None
    runner = None if args.no_scheduler else _start_scheduler(deps)
    _tune_for_serving()
    server = http_server(app, deps, args.host, settings.port,
                         scheduler_state=(lambda: runner.state) if runner else (lambda: "off"))
    try:
        if settings.socket_mode:
            from slack_bolt.adapter.socket_mode import SocketModeHandler

            try:
                SocketModeHandler(app, settings.slack_app_token.get_secret_value()).connect()  # type: ignore[union-attr]
            except SlackApiError as exc:
                raise StartupError(f"Slack refused the Socket Mode connection: {exc.response.get('error')}") from None
            log.info("connected to Slack in Socket Mode; /healthz on port %s", server.effective_port)
        else:
            log.info("serving Slack on http://%s:%s/slack/events", args.host, server.effective_port)
        resumer = Resumer(deps)  # works requests recorded by processes that died, and retries that are due
        resumer.start()
        _stop_on_sigterm()
        try:
            server.run()
        finally:
            resumer.stop()
            for pool in (deps.urgent, deps.work):
                pool.shutdown(wait=True)  # what was acked still gets done
    finally:
        server.close()
        if runner:
            runner.stop()
        deps.db.dispose()
    return 0


def _tune_for_serving() -> None:
    """Keep acks quick while listeners' work runs in the same process (figures in bench/README.md).

    What was built at startup (modules, mappers, catalogs, the Bolt app) is frozen out of the garbage collector:
    otherwise every full collection walks all of it, pausing every thread for about 60 ms, dozens of times a minute
    under load. And a thread waiting for the interpreter lock (an ack, woken by its socket) gets it after at most
    1 ms instead of 5 ms of a busy work thread."""
    gc.freeze()
    sys.setswitchinterval(0.001)


def _start_scheduler(deps):  # type: ignore[no-untyped-def]
    from schedules.scheduler import Runner, SchedulerConflict

    runner = Runner(deps)
    try:
        runner.start()
    except SchedulerConflict as exc:
        raise StartupError(str(exc)) from None
    log.info("scheduler: %s", runner.state)
    return runner


def _scheduler(args: argparse.Namespace) -> int:
    import threading

    settings = load_settings()
    settings.require_a_way_in()
    deps = _prepared_deps(settings)
    runner = _start_scheduler(deps)
    _stop_on_sigterm()
    try:
        threading.Event().wait()
    finally:
        runner.stop()
        deps.db.dispose()
    return 0


def _stop_on_sigterm() -> None:
    """SIGTERM (what process managers send) ends the process as Ctrl-C does, through the same clean-up."""
    import signal

    def interrupt(signum, frame):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


def _console(args: argparse.Namespace) -> int:
    from bot.simulator.console import Console

    Console(load_settings(), args.user).loop()
    return 0


def _demo(args: argparse.Namespace) -> int:
    from bot.simulator.demo import run_demo

    return run_demo(print)


def _db_upgrade(args: argparse.Namespace) -> int:
    from storage.db import Database

    db = Database(load_settings().database_url)
    db.upgrade()
    print(f"alinea: the store is at schema revision {db.revision()}")
    return 0


def _workspaces(args: argparse.Namespace) -> int:
    from bot.installs import forget, listing
    from storage.db import Database

    db = Database(load_settings().database_url)
    try:
        if not db.at_head():
            raise StartupError("the store's schema is not up to date: run `alinea db upgrade` first")
        if args.action is None:
            known = listing(db)
            for w in known:
                state = (f"uninstalled {w.uninstalled_at:%Y-%m-%d %H:%M} UTC" if w.uninstalled_at else
                         f"installed {w.installed_at:%Y-%m-%d %H:%M} UTC" if w.installed_at else "served (bot token)")
                kind = "org-wide" if w.org_wide else "workspace"
                print(f"{w.team_id:<14} {kind:<10} {state:<34} known since {w.created_at:%Y-%m-%d}")
            print(f"alinea: {len(known)} workspace{'' if len(known) == 1 else 's'}")
            return 0
        if not args.team:
            raise StartupError("name the workspace to forget: alinea workspaces forget T0123ABCD")
        if not any(w.team_id == args.team for w in listing(db)):
            raise StartupError(f"no workspace {args.team} is known here (see `alinea workspaces`)")
        if not args.yes:
            typed = input(f"This deletes every record of {args.team} (asks, commitments, KPIs, syncs, pairings, "
                          f"pulse answers) and its tokens. Type {args.team} to confirm: ")
            if typed.strip() != args.team:
                print("alinea: nothing was deleted")
                return 1
        forget(db, args.team)
        print(f"alinea: forgot {args.team}")
        return 0
    finally:
        db.dispose()


def _export(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime
    from pathlib import Path

    from storage.db import Database
    from storage.export import export

    db = Database(load_settings().database_url)
    try:
        if not db.at_head():
            raise StartupError("the store's schema is not up to date: run `alinea db upgrade` first")
        out = Path(args.out or f"alinea-export-{datetime.now(UTC):%Y%m%dT%H%M%SZ}")
        written = export(db, args.format, out)
    finally:
        db.dispose()
    for item in written:
        print(f"{item.rows:>8} {item.table:<28} {item.path}")
    print(f"alinea: exported {sum(item.rows for item in written)} records from {len(written)} tables to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
