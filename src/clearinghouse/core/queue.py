"""Background work by name: services enqueue, each app's ``tasks.py`` registers.

The import direction of every app is one-way: ``tasks.py`` imports ``services.py`` (a task
is a thin wrapper that calls a service), and ``services.py`` never imports a tasks module,
not even inside a function. A service asks for work by a name the tasks module registers::

    # forums/tasks.py
    from clearinghouse.core import queue

    @queue.register("forums.post_notify")
    @task()
    def post_notify_task(post_id: int) -> str:
        return services.post_notify(post_id)

    # forums/services.py
    from clearinghouse.core import queue

    queue.enqueue_on_commit("forums.post_notify", post.pk)

A name is ``<app>.<job>``: the first time a name is asked for, ``clearinghouse.<app>.tasks``
is imported, so the registry fills itself in every process (web, worker, command) whatever
was imported before. An unknown name raises at once, in the service, not later in a worker.
``tests/core/test_layering.py`` checks the rule on every app's source.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.db import transaction

_REGISTRY: dict[str, Any] = {}


def register(name: str):
    """Decorator for a ``django_tasks`` task: make it the one that ``name`` enqueues."""
    app, _dot, job = name.partition(".")
    if not app or not job:
        raise ValueError(f"a queue name is '<app>.<job>', not {name!r}")

    def decorator(task_obj):
        existing = _REGISTRY.get(name)
        if existing is not None and existing is not task_obj and _path(existing) != _path(task_obj):
            raise ValueError(f"{name!r} is already registered by {_path(existing)}")
        _REGISTRY[name] = task_obj
        return task_obj

    return decorator


def _path(task_obj) -> str:
    return getattr(task_obj, "module_path", None) or repr(task_obj)


def resolve(name: str):
    """The task registered under ``name`` (importing its app's tasks module the first time)."""
    task_obj = _REGISTRY.get(name)
    if task_obj is None:
        app = name.partition(".")[0]
        try:
            import_module(f"clearinghouse.{app}.tasks")
        except ModuleNotFoundError as exc:
            if exc.name != f"clearinghouse.{app}.tasks" and exc.name != f"clearinghouse.{app}":
                raise
        task_obj = _REGISTRY.get(name)
    if task_obj is None:
        raise LookupError(f"no task is registered as {name!r} (see clearinghouse.core.queue)")
    return task_obj


def registered() -> dict[str, Any]:
    """The names registered so far (for checks and tests)."""
    return dict(_REGISTRY)


def enqueue(name: str, *args, **kwargs):
    """Enqueue now (inside a task or a periodic job, where nothing waits for a commit)."""
    return resolve(name).enqueue(*args, **kwargs)


def enqueue_on_commit(name: str, *args, **kwargs) -> None:
    """Enqueue once the current transaction commits (at once outside a transaction); dropped on rollback.

    The name is resolved now, so a misspelt name fails in the service that asked for it.
    """
    task_obj = resolve(name)
    transaction.on_commit(lambda: task_obj.enqueue(*args, **kwargs))
