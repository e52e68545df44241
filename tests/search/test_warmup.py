"""A web process loads the embedder and the Chinese word list when it starts, not on its first search."""

from __future__ import annotations

import importlib
import sys


def test_the_web_process_loads_the_embedder_and_jieba_in_the_background(monkeypatch):
    from clearinghouse.search import analysis, embedders, warmup

    analysis._jieba.cache_clear()
    embedders.get_embedder.cache_clear()
    started = []
    real_start = warmup.start
    monkeypatch.setattr(warmup, "start", lambda: started.append(real_start()) or started[-1])
    monkeypatch.delenv("CLEARINGHOUSE_WARM_UP", raising=False)
    sys.modules.pop("clearinghouse.wsgi", None)

    importlib.import_module("clearinghouse.wsgi")
    started[0].join(timeout=120)

    assert analysis._jieba.cache_info().currsize == 1
    assert embedders.get_embedder.cache_info().currsize == 1


def test_it_can_be_turned_off(monkeypatch):
    from clearinghouse.search import warmup

    calls = []
    monkeypatch.setattr(warmup, "start", lambda: calls.append(1))
    monkeypatch.setenv("CLEARINGHOUSE_WARM_UP", "0")
    sys.modules.pop("clearinghouse.wsgi", None)
    importlib.import_module("clearinghouse.wsgi")
    assert calls == []
