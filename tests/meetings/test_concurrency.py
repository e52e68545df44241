"""50 people register at the same moment for 20 seats: exactly 20 confirmed and 30 waiting (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from clearinghouse.meetings import services
from clearinghouse.meetings.models import Registration
from tests.parallel import file_database, in_parallel, vocabularies  # noqa: F401 - fixtures

from .factories import person, target3


@pytest.mark.django_db(transaction=True)
def test_fifty_simultaneous_registrations_for_twenty_seats(file_database):  # noqa: F811
    meeting, first, _ = target3(capacity=20, future=True)
    users = [person() for _ in range(50)]

    def work(i):
        return services.registration_create(actor=users[i], meeting=meeting, session=first).status

    results = in_parallel(work, n=50)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sorted(results).count("confirmed") == 20 and results.count("waiting") == 30
    assert Registration.objects.filter(target=f"s{first.pk}", status="confirmed").count() == 20
    assert Registration.objects.filter(target=f"s{first.pk}", status="waiting").count() == 30


@pytest.mark.django_db(transaction=True)
def test_simultaneous_cancellations_give_each_freed_seat_to_one_waiting_person(file_database):  # noqa: F811
    meeting, first, _ = target3(capacity=5, future=True)
    users = [person() for _ in range(10)]
    regs = [services.registration_create(actor=u, meeting=meeting, session=first) for u in users]

    def work(i):
        return services.registration_cancel(actor=users[i], registration=regs[i]).status

    results = in_parallel(work, n=5)  # the five confirmed cancel at once
    assert results == ["cancelled"] * 5
    statuses = [Registration.objects.get(pk=r.pk).status for r in regs]
    assert statuses == ["cancelled"] * 5 + ["confirmed"] * 5
