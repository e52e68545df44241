"""Forms of the meeting pages. They parse; the services validate what matters and say what is wrong."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from clearinghouse.core.models import Convention, Country

from .models import Document, Meeting, Nomination

UN_LANGUAGES = [("en", "English"), ("fr", "Français"), ("es", "Español"), ("ar", "العربية"), ("ru", "Русский"),
                ("zh", "中文")]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class ZoneInput(forms.TextInput):
    def __init__(self, **kwargs):
        super().__init__(attrs={"list": "zones", "autocomplete": "off", "spellcheck": "false", **kwargs})


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    symbol = forms.CharField(label=_("Symbol"), max_length=80, required=False,
                             help_text=_("Official symbol or short name, e.g. UNEP/CBD/TF.HOA/1"))
    kind = forms.ChoiceField(label=_("Type"), choices=Meeting.Kind.choices)
    status = forms.ChoiceField(label=_("Status"), choices=Meeting.Status.choices, initial="planned")
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 5}), required=False,
                                  help_text=_("Markdown"))
    conventions = forms.ModelMultipleChoiceField(Convention.objects.filter(parent__isnull=True), required=False,
                                                 label=_("Conventions"), widget=forms.CheckboxSelectMultiple)
    organisers = forms.CharField(label=_("Organisers"), max_length=500, required=False)
    funders = forms.CharField(label=_("Funders"), max_length=500, required=False)
    margins_of = forms.CharField(label=_("On the margins of"), max_length=300, required=False,
                                 help_text=_("For a side event: the meeting it is held alongside"))
    online = forms.BooleanField(label=_("Online meeting"), required=False)
    venue = forms.CharField(label=_("Venue"), max_length=300, required=False)
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    country = forms.ModelChoiceField(Country.objects.all(), label=_("Country"), required=False)
    starts_on = forms.DateField(label=_("First day"), widget=DateInput())
    ends_on = forms.DateField(label=_("Last day"), widget=DateInput(), required=False)
    timezone = forms.CharField(label=_("Organiser's time zone"), max_length=64, initial="UTC", widget=ZoneInput(),
                               help_text=_("IANA name, e.g. America/New_York, Africa/Nairobi, Europe/Zurich"))
    registration = forms.ChoiceField(label=_("Registration"), choices=Meeting.Registration.choices)
    capacity = forms.IntegerField(label=_("Seats"), min_value=1, required=False,
                                  help_text=_("For a whole-meeting registration. Empty: no limit."))
    questions = forms.CharField(label=_("Questions to registrants"), required=False,
                                widget=forms.Textarea(attrs={"rows": 3}),
                                help_text=_("One question per line; end a line with * to make it required."))
    nominations = forms.BooleanField(label=_("Focal points nominate participants"), required=False)


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DateTimeLocalInput(),
                                    input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
                                    help_text=_("In the organiser's time zone, below"))
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DateTimeLocalInput(),
                                  input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    timezone = forms.CharField(label=_("Organiser's time zone"), max_length=64, widget=ZoneInput(),
                               help_text=_("IANA name, e.g. America/New_York"))
    join_url = forms.CharField(label=_("Joining link"), max_length=500, required=False,
                               help_text=_("Shown only to registered participants"))
    capacity = forms.IntegerField(label=_("Seats"), min_value=1, required=False, help_text=_("Empty: no limit."))

    def clean_starts_at(self):  # wall-clock times: the service reads them in the chosen zone
        value = self.cleaned_data["starts_at"]
        return value.replace(tzinfo=None) if value else value

    def clean_ends_at(self):
        value = self.cleaned_data["ends_at"]
        return value.replace(tzinfo=None) if value else value


class AgendaItemForm(forms.Form):
    number = forms.CharField(label=_("Item"), max_length=12)
    title = forms.CharField(label=_("Title"), max_length=300)


class DocumentForm(forms.Form):
    symbol = forms.CharField(label=_("Symbol"), max_length=120, help_text=_("e.g. UNEP/CBD/TF.HOA/1/1/Add.1"))
    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(label=_("Type"), choices=Document.Kind.choices)
    agenda_item = forms.ModelChoiceField(queryset=None, label=_("Agenda item"), required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.all()
        add_file_fields(self)


def add_file_fields(form) -> None:
    for code, name in UN_LANGUAGES:
        form.fields[f"file_{code}"] = forms.FileField(label=_("File in %(language)s") % {"language": name},
                                                      required=False)


def files_of(form) -> dict:
    return {code: form.cleaned_data.get(f"file_{code}") for code, _n in UN_LANGUAGES
            if form.cleaned_data.get(f"file_{code}")}


class VersionForm(forms.Form):
    note = forms.CharField(label=_("What changed"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_file_fields(self)


class RegistrationForm(forms.Form):
    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        for q in meeting.questions or []:
            self.fields[q["key"]] = forms.CharField(label=q["label"], required=q.get("required", False),
                                                    max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class NominationForm(forms.Form):
    country = forms.ModelChoiceField(Country.objects.none(), label=_("Country"))
    name = forms.CharField(label=_("Nominee's name"), max_length=200)
    email = forms.EmailField(label=_("Nominee's email"))
    position = forms.CharField(label=_("Position and institution"), max_length=300, required=False)
    funding_requested = forms.BooleanField(label=_("Request financial support"), required=False)
    justification = forms.CharField(label=_("Why support is needed"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, countries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = Country.objects.filter(code__in=countries)
        if len(countries) == 1:
            self.fields["country"].initial = next(iter(countries))


class DecisionForm(forms.Form):
    status = forms.ChoiceField(choices=[(s, label) for s, label in Nomination.Status.choices if s != "pending"])


LANGUAGE_NAMES = dict(settings.CONTENT_LANGUAGES)
