"""Forms of the partnership pages. They only parse; the services validate and save."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from clearinghouse.core.models import Country, SupportType

from .models import ActivityStatus, Level, WorkItem

MONTH_HELP = _("Year and month, e.g. 2025-03")


class JoinForm(forms.Form):
    party = forms.ChoiceField(label=_("Join for"), widget=forms.RadioSelect)
    levels = forms.MultipleChoiceField(label=_("Levels you work at"), choices=Level.choices,
                                       widget=forms.CheckboxSelectMultiple)
    countries = forms.ModelMultipleChoiceField(label=_("Countries you work in"), queryset=Country.objects.all(),
                                               required=False, widget=forms.SelectMultiple(attrs={"size": 8}))
    elements = forms.MultipleChoiceField(label=_("Target elements you work on"), required=False,
                                         widget=forms.CheckboxSelectMultiple)
    statement = forms.CharField(label=_("What you bring to the partnership"), required=False,
                                widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)

    def __init__(self, *args, parties=(), partnership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = parties
        self.fields["elements"].choices = [(e.code, e.local_name()) for e in partnership.elements.all()]


class ContactForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000)


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=10_000)
    description = forms.CharField(label=_("Description"), required=False, max_length=200_000,
                                  widget=forms.Textarea(attrs={"rows": 6}))
    language = forms.ChoiceField(label=_("Written in"), choices=settings.CONTENT_LANGUAGES)
    elements = forms.MultipleChoiceField(label=_("Target elements"), widget=forms.CheckboxSelectMultiple)
    countries = forms.ModelMultipleChoiceField(label=_("Countries"), queryset=Country.objects.all(),
                                               widget=forms.SelectMultiple(attrs={"size": 8}))
    subnational = forms.CharField(label=_("Subnational area or site"), required=False, max_length=300)
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices, initial=Level.NATIONAL)
    support_types = forms.ModelMultipleChoiceField(label=_("Kinds of support"), queryset=SupportType.objects.all(),
                                                   widget=forms.CheckboxSelectMultiple)
    start = forms.CharField(label=_("Start month"), help_text=MONTH_HELP, max_length=10,
                            widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "2025-01"}))
    end = forms.CharField(label=_("End month"), help_text=MONTH_HELP, max_length=10,
                          widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "2027-12"}))
    budget = forms.CharField(label=_("Budget"), required=False, max_length=30)
    currency = forms.CharField(label=_("Currency"), required=False, max_length=3, help_text=_("USD, EUR..."))
    beneficiaries = forms.CharField(label=_("Beneficiaries"), required=False, max_length=500)
    partners_involved = forms.CharField(label=_("Partners involved"), required=False, max_length=500)
    status = forms.ChoiceField(label=_("Status"), choices=ActivityStatus.choices, initial=ActivityStatus.ONGOING)
    links = forms.CharField(label=_("Links"), required=False, help_text=_("One web address per line"),
                            widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)
    iati_identifier = forms.CharField(label=_("IATI identifier"), required=False, max_length=150)
    is_public = forms.BooleanField(label=_("Shown to the public"), required=False, initial=True)

    def __init__(self, *args, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["elements"].choices = [(e.code, e.local_name()) for e in partnership.elements.all()]

    def to_data(self) -> dict:
        d = dict(self.cleaned_data)
        d["countries"] = [c.code for c in d.get("countries") or []]
        d["support_types"] = [s.code for s in d.get("support_types") or []]
        d["links"] = [x.strip() for x in (d.get("links") or "").splitlines() if x.strip()]
        return d


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File"), help_text=_("CSV or XLSX table, or an IATI 2.03 activity file (XML)"))
    elements = forms.MultipleChoiceField(label=_("Target elements (IATI files only)"), required=False,
                                         widget=forms.CheckboxSelectMultiple)
    support_types = forms.ModelMultipleChoiceField(label=_("Kinds of support (IATI files only)"), required=False,
                                                   queryset=SupportType.objects.all(),
                                                   widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["elements"].choices = [(e.code, e.local_name()) for e in partnership.elements.all()]


class NeedForm(forms.Form):
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.all())
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    language = forms.ChoiceField(label=_("Written in"), choices=settings.CONTENT_LANGUAGES)
    elements = forms.MultipleChoiceField(label=_("Target elements"), required=False,
                                         widget=forms.CheckboxSelectMultiple)
    support_types = forms.ModelMultipleChoiceField(label=_("Kinds of support"), queryset=SupportType.objects.all(),
                                                   required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["elements"].choices = [(e.code, e.local_name()) for e in partnership.elements.all()]


class ProgressForm(forms.Form):
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    status = forms.ChoiceField(label=_("Status"), choices=WorkItem.Status.choices)
    note = forms.CharField(label=_("Progress note"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                           max_length=5000)
