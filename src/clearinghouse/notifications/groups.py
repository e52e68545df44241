"""The standard addressee groups and reference series a deployment starts with (data, editable afterwards in the
admin). Used by the data migration, the demo and the tests; takes the model classes so a migration can pass its
historical models."""

from __future__ import annotations

#: (code, name, roles, convention, organisation kinds, all users, submits as, {lang: name})
STANDARD_GROUPS = [
    ("cbd-nfp", "CBD national focal points", ["focal_point"], "CBD", [], False, "country",
     {"fr": "Correspondants nationaux de la CDB", "es": "Puntos focales nacionales del CDB",
      "ar": "جهات الاتصال الوطنية لاتفاقية التنوع البيولوجي", "ru": "Национальные координационные центры КБР",
      "zh": "《生物多样性公约》国家联络点"}),
    ("cpb-nfp", "Cartagena Protocol national focal points", ["focal_point"], "CPB", [], False, "country",
     {"fr": "Correspondants nationaux du Protocole de Cartagena",
      "es": "Puntos focales nacionales del Protocolo de Cartagena"}),
    ("np-nfp", "Nagoya Protocol national focal points", ["focal_point"], "NP", [], False, "country",
     {"fr": "Correspondants nationaux du Protocole de Nagoya",
      "es": "Puntos focales nacionales del Protocolo de Nagoya"}),
    ("sbstta-fp", "SBSTTA focal points", [], "CBD", [], False, "country",
     {"fr": "Correspondants de l'OSASTT", "es": "Puntos focales del OSACTT"}),
    ("nbsap-coordinators", "NBSAP coordinators", [], "CBD", [], False, "country",
     {"fr": "Coordonnateurs des SPANB", "es": "Coordinadores de las EPANB"}),
    ("iplc", "Indigenous peoples and local communities organisations", [], None, ["iplc"], False, "organisation",
     {"fr": "Organisations des peuples autochtones et des communautés locales",
      "es": "Organizaciones de pueblos indígenas y comunidades locales"}),
    ("relevant-organisations", "Relevant organisations", [], None, ["intergovernmental", "ngo", "academic"], False,
     "organisation", {"fr": "Organisations compétentes", "es": "Organizaciones pertinentes"}),
    ("partners", "Partner organisations", ["partner"], None, [], False, "organisation",
     {"fr": "Organisations partenaires", "es": "Organizaciones asociadas"}),
    ("all-users", "All registered users", [], None, [], True, "none",
     {"fr": "Tous les utilisateurs inscrits", "es": "Todos los usuarios registrados"}),
]

#: (code, name, pattern, per year)
STANDARD_SERIES = [
    ("scbd", "Secretariat of the CBD", "SCBD/NOT/{year}/{number:03d}", True),
]


def ensure_standard_groups(AddresseeGroup, Convention, ReferenceSeries) -> int:  # noqa: N803 - model classes
    """Create the standard groups and series that are missing; return how many were made."""
    made = 0
    conventions = set(Convention.objects.values_list("code", flat=True))
    for position, (code, name, roles, convention, kinds, all_users, submits, names) in enumerate(STANDARD_GROUPS):
        if AddresseeGroup.objects.filter(code=code).exists():
            continue
        AddresseeGroup.objects.create(
            code=code, name=name, roles=roles, convention_id=convention if convention in conventions else None,
            organisation_kinds=kinds, all_users=all_users, submits_as=submits, position=position,
            language="en", translations={lang: {"name": value} for lang, value in names.items()})
        made += 1
    for code, name, pattern, per_year in STANDARD_SERIES:
        _obj, created = ReferenceSeries.objects.get_or_create(code=code, defaults={
            "name": name, "pattern": pattern, "per_year": per_year})
        made += created
    return made


def ensure() -> int:
    from clearinghouse.core.models import Convention

    from .models import AddresseeGroup, ReferenceSeries

    return ensure_standard_groups(AddresseeGroup, Convention, ReferenceSeries)
