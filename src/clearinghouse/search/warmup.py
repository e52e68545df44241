"""What the first search of a web process would otherwise wait for, loaded when the process starts.

The embedder's model (1.4 s) and the Chinese word list (``jieba``, 0.9 s) are loaded once per process, on
first use: without this, the first search each web worker served took that much longer. The WSGI module
starts ``warm`` in a background thread, so the server answers at once; management commands, the task
worker and the tests never import that module and load these on first use as before.
"""

from __future__ import annotations

import logging
import threading

log = logging.getLogger(__name__)


def warm() -> None:
    from .analysis import cut_chinese
    from .embedders import get_embedder

    cut_chinese("红树林恢复")  # loads jieba's dictionary
    get_embedder().embed(["mangrove restoration"])


def _run() -> None:
    try:
        warm()
    except Exception:  # a failed warm-up only means the first search loads these itself
        log.exception("search warm-up failed")


def start() -> threading.Thread:
    thread = threading.Thread(target=_run, name="search-warm-up", daemon=True)
    thread.start()
    return thread
