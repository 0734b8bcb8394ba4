"""The shape of the house (docs/architecture.md), read from the code's own imports: no import cycle among the four
packages, queries only in storage/, handlers that never reach for the scheduler, and no module borrowing another's
private names. Imports inside functions and under TYPE_CHECKING count like any other."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "handlers", "schedules", "storage")
FEATURES = ("asks", "commitments", "kpis", "syncs", "shadowing", "pulse", "digest", "home", "teams", "workspace")
ROLES = {"__init__", "service", "parsing", "views", "posts", "forms", "models"}
# Modules of a feature beyond the roles, each a piece of that feature's own domain.
FEATURE_EXTRAS = {
    "kpis/status",  # how a KPI is doing: status, change, sparkline
    "kpis/values",  # KPI values as people type and read them
    "kpis/charts",  # the KPI chart, drawn with matplotlib
    "shadowing/pairing",  # who hosts whom in a round
    "digest/trend",  # the weekly figures over the last weeks and pulse rounds, for trend lines
    "digest/charts",  # the trend chart for leaders, drawn with matplotlib, and its alt text
}
QUERY_CONSTRUCTS = {"select", "update", "delete", "insert", "func", "text", "and_", "or_", "case"}


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _sources() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" not in path.parts:
                found[_module(path)] = path
    return found


SOURCES = _sources()


def _imports(path: Path) -> Iterator[tuple[str, list[str], int]]:
    """(module, names taken from it, line) for every import in the file, wherever it stands."""
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, [], node.lineno
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module, [alias.name for alias in node.names], node.lineno


def _edges() -> dict[str, set[str]]:
    """Module → the project's modules it imports (`from pkg import module` names the module itself)."""
    edges: dict[str, set[str]] = {name: set() for name in SOURCES}
    for name, path in SOURCES.items():
        for module, names, _line in _imports(path):
            targets = [f"{module}.{n}" for n in names if f"{module}.{n}" in SOURCES] or [module]
            edges[name].update(target for target in targets if target in SOURCES and target != name)
    return edges


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_the_checks_see_the_whole_house() -> None:
    assert {"bot.asks.service", "handlers.asks", "schedules.scheduler", "storage.db"} <= set(SOURCES)
    assert len(_edges()["handlers.asks"]) > 5


def test_the_cycle_check_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycle() -> None:
    assert _cycles(_edges()) == []


@pytest.mark.parametrize("name", sorted(n for n in SOURCES if n.startswith("bot.")))
def test_bot_queries_the_store_only_through_storage(name: str) -> None:
    """Services open transactions and add rows, but every select, update, delete and insert is storage's."""
    for module, names, line in _imports(SOURCES[name]):
        if module == "sqlalchemy" or module.startswith("sqlalchemy."):
            assert module == "sqlalchemy.orm" and set(names) <= {"Session"}, f"{name}:{line} imports {module} {names}"
        assert module != "storage.dialect", f"{name}:{line}"
        assert not set(names) & QUERY_CONSTRUCTS or not module.startswith("sqlalchemy"), f"{name}:{line}"


@pytest.mark.parametrize("name", sorted(n for n in SOURCES if n.startswith("storage.")))
def test_storage_knows_nothing_of_slack_or_the_bot(name: str) -> None:
    for module, _names, line in _imports(SOURCES[name]):
        assert not module.startswith(("bot", "handlers", "schedules", "slack")), f"{name}:{line} imports {module}"


@pytest.mark.parametrize("name", sorted(n for n in SOURCES if n.startswith("handlers.")))
def test_handlers_never_import_the_scheduler(name: str) -> None:
    """Replanning after a change goes through `Deps.replan`, which the scheduler registers."""
    for module, _names, line in _imports(SOURCES[name]):
        assert not module.startswith("schedules"), f"{name}:{line} imports {module}"


# Modules that may write a mrkdwn text object: the builders, which defuse what people typed, and the simulator's
# renderer, which reads them.
MRKDWN_WRITERS = {"bot.blocks", "bot.simulator.render", "bot.simulator.fake_slack"}


@pytest.mark.parametrize("name", sorted(set(SOURCES) - MRKDWN_WRITERS))
def test_only_the_block_builders_write_mrkdwn(name: str) -> None:
    """Every text Slack renders goes through `bot.blocks` (which defuses broadcasts and disguised links), so no
    view can forget it."""
    assert '"mrkdwn"' not in SOURCES[name].read_text(), f"{name} builds a mrkdwn object itself: use bot.blocks"


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_no_module_takes_another_modules_private_names(name: str) -> None:
    for module, names, line in _imports(SOURCES[name]):
        if module.split(".")[0] in PACKAGES:
            private = [n for n in names if n.startswith("_") and n != "__future__"]
            assert not private, f"{name}:{line} takes {private} from {module}"


def test_feature_folders_name_their_files_by_role() -> None:
    """`bot/<feature>/` holds service, parsing, views, posts, forms and models, and the few named extras."""
    for feature in FEATURES:
        folder = ROOT / "bot" / feature
        assert (folder / "__init__.py").exists() and (folder / "service.py").exists(), feature
        for path in folder.glob("*.py"):
            assert path.stem in ROLES or f"{feature}/{path.stem}" in FEATURE_EXTRAS, path
    flat = {path.stem for path in (ROOT / "bot").glob("*.py")}
    prefixed = sorted(stem for stem in flat if stem.startswith(("kpi_", "sync_", "shadow_", "digest_", "pulse_"))
                      or stem.endswith("_posts"))
    assert prefixed == [] and not flat & set(FEATURES)
