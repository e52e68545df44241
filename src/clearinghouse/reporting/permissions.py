"""Who may do what in national reporting. Every page, API endpoint and service calls these.

- the focal point of a country for a convention (RoleAssignment focal_point, country + convention or no
  convention scope) opens that country's reports, assigns sections, drafts everything, submits, corrects;
- an authorised user of the country drafts the sections assigned to them, comments;
- the secretariat acknowledges and publishes, manages templates and mappings; it reads drafts too;
- nobody outside the country sees a draft; a published report is public.
"""

from __future__ import annotations

from clearinghouse.accounts.models import Role
from clearinghouse.accounts.permissions import has_role, is_confirmed, is_secretariat


def is_report_focal_point(user, country_id: str, convention_id: str) -> bool:
    return is_confirmed(user) and has_role(user, Role.FOCAL_POINT, country=country_id, convention=convention_id)


def is_country_member(user, country_id: str, convention_id: str | None = None) -> bool:
    return is_confirmed(user) and (
        has_role(user, Role.FOCAL_POINT, country=country_id, convention=convention_id)
        or has_role(user, Role.AUTHORISED_USER, country=country_id, convention=convention_id))


def can_open_report(user, country_id: str, convention_id: str) -> bool:
    return is_report_focal_point(user, country_id, convention_id)


def can_view_report(user, report) -> bool:
    if report.state == report.State.PUBLISHED:
        return True
    return is_secretariat(user) or is_country_member(user, report.country_id, report.convention_id)


def assigned_section_ids(user, report) -> set[int]:
    cache = getattr(report, "_assigned_cache", None)
    if cache is None:
        cache = {}
        report._assigned_cache = cache
    if user.pk not in cache:
        cache[user.pk] = set(report.assignments.filter(user=user).values_list("section_id", flat=True))
    return cache[user.pk]


def can_assign_sections(user, report) -> bool:
    return report.state == report.State.DRAFT and is_report_focal_point(user, report.country_id, report.convention_id)


def can_edit_section(user, report, section) -> bool:
    if report.state != report.State.DRAFT or not is_confirmed(user):
        return False
    if is_report_focal_point(user, report.country_id, report.convention_id):
        return True
    return (has_role(user, Role.AUTHORISED_USER, country=report.country_id, convention=report.convention_id)
            and section.pk in assigned_section_ids(user, report))


def can_comment(user, report) -> bool:
    return is_confirmed(user) and (
        is_secretariat(user) or is_country_member(user, report.country_id, report.convention_id))


def can_view_history(user, report) -> bool:
    return can_view_report(user, report) and (
        is_secretariat(user) or is_country_member(user, report.country_id, report.convention_id))


def can_submit_report(user, report) -> bool:
    return report.state == report.State.DRAFT and is_report_focal_point(user, report.country_id, report.convention_id)


def can_acknowledge_report(user, report) -> bool:
    return report.state == report.State.SUBMITTED and is_confirmed(user) and is_secretariat(user)


def can_publish_report(user, report) -> bool:
    return report.state in (report.State.SUBMITTED, report.State.ACKNOWLEDGED) and is_confirmed(user) \
        and is_secretariat(user)


def can_correct_report(user, report) -> bool:
    return (report.state != report.State.DRAFT and not hasattr_superseded(report)
            and is_report_focal_point(user, report.country_id, report.convention_id))


def hasattr_superseded(report) -> bool:
    try:
        return report.superseded_by is not None
    except report.__class__.superseded_by.RelatedObjectDoesNotExist:
        return False


def can_manage_templates(user) -> bool:
    return is_confirmed(user) and is_secretariat(user)


def can_manage_mappings(user) -> bool:
    return is_confirmed(user) and is_secretariat(user)


def can_manage_country_data(user, country_id: str) -> bool:
    """National targets and indicator values: the country's focal points and authorised users."""
    return is_confirmed(user) and (
        has_role(user, Role.FOCAL_POINT, country=country_id) or has_role(user, Role.AUTHORISED_USER,
                                                                         country=country_id))
