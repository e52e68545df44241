"""The overlap detector on the partnership's stored activities: vectors kept with their model id, the engine
run per partnership (or for a few new activities against the others), new suggestions stored for review."""

from __future__ import annotations

import numpy as np
from django.db import transaction

from clearinghouse.search.embedders import get_embedder

from .engine.overlaps import detect
from .engine.records import ActivityRecord
from .models import Activity, OverlapSuggestion, Partnership


def _month(d) -> int:
    return d.year * 12 + d.month - 1


def activity_records(activities) -> list[ActivityRecord]:
    """Engine records of activities loaded with ``elements``, ``countries`` and ``support_types`` prefetched."""
    out = []
    for a in activities:
        out.append(ActivityRecord(
            id=str(a.pk), countries=tuple(c.code for c in a.countries.all()),
            elements=frozenset(e.code for e in a.elements.all()),
            support=frozenset(s.code for s in a.support_types.all()), start=_month(a.start), end=_month(a.end),
            title=a.title, description=a.description, language=a.language, partner=str(a.member_id),
            subnational=a.subnational, level=a.level, budget=float(a.budget) if a.budget is not None else None,
            currency=a.currency))
    return out


def activity_text(a: Activity) -> str:
    return f"{a.title}. {a.description}".strip()


def ensure_vectors(activities: list[Activity]) -> tuple[np.ndarray, str]:
    """One vector per activity; missing (or from another model) ones are embedded in one batch and stored."""
    embedder = get_embedder()
    mid = embedder.model_id
    missing = [a for a in activities if not a.embedding or a.embedding_model != mid]
    for start in range(0, len(missing), 64):
        batch = missing[start:start + 64]
        vectors = embedder.embed([activity_text(a) for a in batch])
        for a, v in zip(batch, vectors, strict=True):
            a.embedding, a.embedding_model = v.astype(np.float32).tobytes(), mid
            Activity.objects.filter(pk=a.pk).update(embedding=a.embedding, embedding_model=mid)
    if not activities:
        return np.zeros((0, embedder.dim), dtype=np.float32), mid
    return np.vstack([np.frombuffer(bytes(a.embedding), dtype=np.float32) for a in activities]), mid


def detect_for_partnership(partnership: Partnership, *, activity_ids=None) -> int:
    """Store the new suggestions of the partnership (only pairs touching ``activity_ids`` if given)."""
    qs = (partnership.activities.filter(withdrawn_at__isnull=True, duplicate_of__isnull=True)
          .prefetch_related("countries", "elements", "support_types"))
    if activity_ids is not None:
        wanted = set(activity_ids)
        countries = set(Activity.countries.through.objects.filter(activity_id__in=wanted)
                        .values_list("country_id", flat=True))
        qs = qs.filter(countries__in=countries).distinct()
    activities = list(qs)
    if len(activities) < 2:
        return 0
    vectors, mid = ensure_vectors(activities)
    pairs = detect(activity_records(activities), vectors, model_id=mid)
    if activity_ids is not None:
        pairs = [p for p in pairs if int(p.a) in wanted or int(p.b) in wanted]
    existing = set(OverlapSuggestion.objects.filter(partnership=partnership).values_list("a_id", "b_id"))
    new = []
    for p in pairs:
        a, b = sorted((int(p.a), int(p.b)))
        if (a, b) in existing:
            continue
        new.append(OverlapSuggestion(partnership=partnership, a_id=a, b_id=b, kind=p.kind, score=p.score,
                                     reasons=[{"code": r.code, "params": r.params} for r in p.reasons]))
    with transaction.atomic():
        OverlapSuggestion.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def activity_embed_and_detect(activity_id: int) -> int:
    activity = Activity.objects.select_related("partnership").filter(pk=activity_id).first()
    if activity is None or activity.withdrawn_at is not None:
        return 0
    return detect_for_partnership(activity.partnership, activity_ids=[activity.pk])
