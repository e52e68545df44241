"""Double-submit cases of the reporting forms, for tests/core/test_idempotency.py (which lists every scope)."""

from __future__ import annotations

import io


def _case(*args, **kwargs):
    from tests.core.test_idempotency import Case

    return Case(*args, **kwargs)


def _report_open():
    from clearinghouse.reporting.models import Report
    from tests.reporting import factories as rf

    cycle = rf.cycle("CBD")
    fp, _au = rf.country_team(conventions=("CBD",))
    return _case(fp, "/reports/", {"cycle": cycle.pk, "country": "KE"}, Report.objects.count, url="/reports/open/",
                 again=None)


def _comment():
    from clearinghouse.reporting.models import Comment
    from tests.reporting import factories as rf

    fp, _au = rf.country_team(conventions=("RAMSAR",))
    report = rf.report(fp, rf.cycle("RAMSAR"))
    return _case(fp, f"/reports/r/{report.number}/s/threats/", {"question": "ias_wetlands", "body": "Ask the ministry"},
                 Comment.objects.count, url=f"/reports/r/{report.number}/comment/", again={"body": "And the parks"})


def _upload(form: str):
    from tests.reporting import factories as rf

    data = io.BytesIO(rf.xlsform.spec_to_xlsform(rf.spec_of(form)))
    data.name = f"{form}.xlsx"
    return data


def _template_import():
    from clearinghouse.reporting.models import Template
    from tests import factories as f
    from tests.reporting import factories as rf

    cycle = rf.cycle("CMS", "c1", form="ramsar_nr")
    return _case(f.secretariat(), "/reports/templates/", {"cycle": cycle.pk, "file": _upload("ramsar_nr")},
                 Template.objects.count, again={"file": _upload("cites_ir")})


def _mapping():
    from clearinghouse.reporting.models import Mapping
    from tests import factories as f
    from tests.reporting import factories as rf

    for conv in ("CBD", "CITES", "RAMSAR"):
        rf.cycle(conv)
    data = {"action": "add", "source_ref": "CBD nr7 ias_measures", "target_ref": "RAMSAR cop15 ias_wetlands",
            "relation": "broader", "direction": "both", "note": ""}
    return _case(f.secretariat(), "/reports/mappings/", data, Mapping.objects.count,
                 again={"target_ref": "CITES ir2026 ias_trade_measures"})


CASES = {
    "reporting.report_open": _report_open,
    "reporting.comment_add": _comment,
    "reporting.template_import": _template_import,
    "reporting.mapping_save": _mapping,
}
