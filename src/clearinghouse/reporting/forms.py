"""Reading a report section's answers from a posted form (no JavaScript needed), and the small forms."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Mapping

#: blank table rows offered under the filled ones
EXTRA_ROWS = 2


def field_name(question, part: str = "") -> str:
    return f"q_{question.key}" + (f"__{part}" if part else "")


def raw_from_post(question, data, files=None):
    """What the form holds for a question, before the type check (``values.clean``)."""
    t = question.qtype
    name = field_name(question)
    if t == "select_multiple":
        return data.getlist(name)
    if t == "indicator":
        return {part: data.get(field_name(question, part), "") for part in ("value", "year", "source", "method")}
    if t == "table":
        try:
            count = min(int(data.get(field_name(question, "rows"), "0")), 500)
        except ValueError:
            count = 0
        rows = []
        for i in range(count):
            row = {}
            for col in question.columns:
                key = field_name(question, f"{i}__{col['key']}")
                row[col["key"]] = data.getlist(key) if col["type"] == "select_multiple" else data.get(key, "")
            rows.append(row)
        return rows
    if t == "file":
        return (files or {}).get(name)
    return data.get(name, "")


class MappingForm(forms.Form):
    source = forms.IntegerField(label=_("Question (source)"), widget=forms.HiddenInput, required=False)
    source_ref = forms.CharField(label=_("Source question"), max_length=200,
                                 help_text=_("convention cycle key, e.g. CBD nr7 ias_measures"))
    target_ref = forms.CharField(label=_("Target question"), max_length=200,
                                 help_text=_("convention cycle key, e.g. RAMSAR cop15 ias_wetlands"))
    relation = forms.ChoiceField(label=_("Relation"), choices=Mapping.Relation.choices)
    direction = forms.ChoiceField(label=_("Answers are offered"), choices=Mapping.Direction.choices)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class NationalTargetForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=30)
    title = forms.CharField(label=_("National target"), max_length=300)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    gbf = forms.MultipleChoiceField(label=_("GBF targets it serves"), required=False,
                                    widget=forms.CheckboxSelectMultiple)
    degree = forms.ChoiceField(label=_("Degree of alignment"),
                               choices=[("full", _("Fully aligned")), ("partial", _("Partly aligned")),
                                        ("minimal", _("Minimally aligned"))])

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gbf"].choices = [(str(t.pk), f"{t} · {t.title_local()}") for t in targets]
