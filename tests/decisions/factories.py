"""Decisions built through the service, as the secretariat would record them."""

from __future__ import annotations

import datetime as dt
import itertools

from clearinghouse.decisions.services import decision_create
from tests.factories import secretariat

_n = itertools.count(1)


def make_decision(*, actor=None, **overrides):
    n = next(_n)
    data = {"symbol": f"CBD decision 99/{n}", "convention_id": "CBD", "number": f"99/{n}",
            "meeting_title": "Ninety-ninth meeting of the Conference of the Parties", "adopted_on": dt.date(2030, 1, 1),
            "title": f"Decision {n} on protected areas", "summary": "Encourages Parties.", "language": "en"}
    data.update(overrides)
    return decision_create(actor=actor or secretariat(), **data)
