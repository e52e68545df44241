"""The floors of the house (docs/dev/architecture.md): a lower app never imports a higher one.

Imports anywhere in a module count, also inside functions (a late import is still a dependency). Known breaches
that predate the rule are listed with the reason they stay; the list may only shrink.
"""

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "clearinghouse"
# ``api`` is the NinjaAPI with its auth and errors, just above ``accounts`` (tokens); it mounts each app's router
# by name (importlib). An app's ``api.py`` is that app's face in the API and may use ``clearinghouse.api``.
FLOORS = ["core", "alerts", "accounts", "api", "search", "knowledge", "matchmaking", "forums", "partnerships",
          "meetings", "decisions", "notifications", "reporting", "joint", "portal", "informea"]
TOP = {"portal", "informea"}  # the top floor: nobody imports them
KNOWN = {  # (importing app, imported app): why it stays for now
    ("core", "accounts"): "the demo command and core/selectors.py (focal points of a country) predate the rule",
    ("core", "alerts"): "the context processor (unread notices), the periodic mail retry and the outbox view",
    ("core", "search"): "the public page cache's token",
    ("accounts", "knowledge"): "the dashboard gathers drafts and reviews; it moves to portal when next touched",
    ("search", "knowledge"): "the labels of record kinds in facets (knowledge could register them as other apps do)",
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "clearinghouse" and len(parts) > 1:
                found.add(parts[1])
    return found


def test_no_app_imports_a_higher_floor():
    breaches = set()
    for app in FLOORS:
        for path in (SRC / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for other in _imports(path):
                if other not in FLOORS or other == app or (other == "api" and path.name == "api.py"):
                    continue
                if app not in TOP and FLOORS.index(other) > FLOORS.index(app):
                    breaches.add((app, other, str(path.relative_to(SRC))))
    unexpected = sorted(b for b in breaches if (b[0], b[1]) not in KNOWN)
    assert not unexpected, "imports from a higher floor:\n" + "\n".join(f"{a} -> {o} in {p}" for a, o, p in unexpected)
    gone = set(KNOWN) - {(a, o) for a, o, _p in breaches}
    assert not gone, f"these known breaches are fixed: remove them from KNOWN: {sorted(gone)}"
