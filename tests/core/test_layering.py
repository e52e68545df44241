"""The import direction of services and tasks, read from the source of every app (new ones included).

Rule (docs/dev/architecture.md, Rules): ``tasks.py`` imports ``services.py``; a services module never
imports a tasks module (its own app's or another's, at module or function level, nor through
``import_module``). A service enqueues background work by name with ``core.queue.enqueue_on_commit(
"<app>.<job>", ...)``, and the app's ``tasks.py`` registers the task under that name with
``@queue.register("<app>.<job>")``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from clearinghouse.core import queue

SRC = Path(__file__).resolve().parents[2] / "src" / "clearinghouse"

#: Apps being written while the rule was set (issue 11, 6b): their services still import their tasks.
#: Remove an app from here once it enqueues through ``core.queue``: the test then guards it.
PENDING: dict[str, str] = {}


def _apps() -> list[str]:
    return sorted(p.name for p in SRC.iterdir() if (p / "__init__.py").exists())


def _services_files(app: str) -> list[Path]:
    root = SRC / app
    files = [root / "services.py"] if (root / "services.py").exists() else []
    if (root / "services").is_dir():
        files += sorted((root / "services").rglob("*.py"))
    return files


def _module_of(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_tasks(module: str) -> bool:
    return module == "tasks" or module.endswith(".tasks") or ".tasks." in module


def tasks_imports(path: Path) -> list[str]:
    """Each import of a tasks module in a file, as ``line: text``, wherever it stands in the file."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = _module_of(path).rpartition(".")[0] if path.name != "__init__.py" else _module_of(path)
    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")
                parent = parent[: len(parent) - (node.level - 1)]
                base = ".".join([*parent, base] if base else parent)
            names = [base] + [f"{base}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
                "import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant):
            names = [str(node.args[0].value)]
        if any(_is_tasks(name) for name in names if name.startswith("clearinghouse") or "." not in name):
            found.append(f"{path.relative_to(SRC)}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_the_scan_finds_every_form_of_import(tmp_path, monkeypatch):
    """The checker itself: each way of importing a tasks module is caught, other imports are not."""
    app = tmp_path / "clearinghouse" / "someapp"
    app.mkdir(parents=True)
    monkeypatch.setattr(__import__(__name__, fromlist=["SRC"]), "SRC", tmp_path / "clearinghouse")
    source = app / "services.py"
    source.write_text(
        "from . import tasks\n"
        "from .tasks import a_task\n"
        "import clearinghouse.forums.tasks\n"
        "from clearinghouse.alerts import tasks as t\n"
        "def f():\n"
        "    from .tasks import late\n"
        "    importlib.import_module('clearinghouse.someapp.tasks')\n"
        "from django_tasks import task\n"
        "from clearinghouse.core import queue\n"
        "from .selectors import tasks_due\n"
    )
    lines = [hit.split(":")[1] for hit in tasks_imports(source)]
    assert lines == ["1", "2", "3", "4", "6", "7"]


@pytest.mark.parametrize("app", _apps())
def test_services_never_import_tasks(app):
    if app in PENDING:
        pytest.xfail(f"being converted to core.queue: {PENDING[app]}")
    offending = [hit for path in _services_files(app) for hit in tasks_imports(path)]
    assert not offending, (
        "services enqueue by name, they never import a tasks module: use "
        "core.queue.enqueue_on_commit('<app>.<job>', ...) and @queue.register('<app>.<job>') in tasks.py\n"
        + "\n".join(offending)
    )


def _enqueued_names() -> list[tuple[str, str]]:
    """``(name, where)`` of every literal name passed to ``queue.enqueue``/``queue.enqueue_on_commit``."""
    out = []
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("enqueue", "enqueue_on_commit")
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "queue"
                    and node.args and isinstance(node.args[0], ast.Constant)):
                out.append((node.args[0].value, f"{path.relative_to(SRC)}:{node.lineno}"))
    return out


def test_every_name_a_service_enqueues_is_registered_by_its_apps_tasks_module():
    names = _enqueued_names()
    assert len({n for n, _w in names}) >= 8  # forums, alerts, matchmaking, search at least
    for name, where in names:
        try:
            task_obj = queue.resolve(name)
        except LookupError:
            pytest.fail(f"{where} enqueues {name!r}, which no tasks module registers")
        app = name.partition(".")[0]
        assert task_obj.module_path.startswith(f"clearinghouse.{app}.tasks."), (
            f"{name!r} must be registered in clearinghouse/{app}/tasks.py, not {task_obj.module_path}")
