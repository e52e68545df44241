"""Forms of official notifications, calls and submissions: they parse; the services decide."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from clearinghouse.accounts.forms import timezone_choices
from clearinghouse.core.models import Convention

from .models import AddresseeGroup, ReferenceSeries


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class NotificationForm(forms.Form):
    reference = forms.CharField(label=_("Reference"), max_length=120, required=False,
                                help_text=_("Leave empty to number it from the series when it is approved."))
    series = forms.ModelChoiceField(label=_("Reference series"), queryset=ReferenceSeries.objects.all(),
                                    required=False)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    convention = forms.ModelChoiceField(label=_("Convention or protocol"), queryset=Convention.objects.all())
    language = forms.ChoiceField(label=_("Language of the text"), choices=settings.CONTENT_LANGUAGES, initial="en")
    subject = forms.CharField(label=_("Subject"), max_length=500)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 14}), help_text=_("Markdown"))
    groups = forms.ModelMultipleChoiceField(label=_("Addressees"), queryset=AddresseeGroup.objects.all(),
                                            widget=forms.CheckboxSelectMultiple, required=False)
    addressees_text = forms.CharField(label=_("Addressees as written on the notification"), max_length=500,
                                      required=False, help_text=_("e.g. CBD National Focal Points"))
    signatory_name = forms.CharField(label=_("Signatory"), max_length=200)
    signatory_title = forms.CharField(label=_("Signatory's title"), max_length=200, required=False,
                                      help_text=_("e.g. Executive Secretary"))


class TranslationForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.CONTENT_LANGUAGES)
    subject = forms.CharField(label=_("Subject"), max_length=500, required=False)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 12}), required=False,
                           help_text=_("Markdown. Leave subject and text empty to remove the translation."))
    official = forms.BooleanField(label=_("Official translation"), required=False,
                                  help_text=_("Unticked: shown as an unofficial translation."))


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"), help_text=_("The signed PDF, or an annex."))
    signed = forms.BooleanField(label=_("This is the signed original"), required=False)
    language = forms.ChoiceField(label=_("Language"), choices=[("", "—"), *settings.CONTENT_LANGUAGES],
                                 required=False)


LINK_KINDS = [
    ("forums.discussion", _("Online discussion")),
    ("meetings.meeting", _("Meeting")),
    ("partnerships.partnership", _("Partnership")),
    ("notifications.call", _("Call for submissions")),
    ("notifications.notification", _("Notification")),
]


class LinkForm(forms.Form):
    kind = forms.ChoiceField(label=_("What it is about"), choices=LINK_KINDS)
    identifier = forms.CharField(label=_("Its permanent address or number"), max_length=200,
                                 help_text=_("The last part of its address, e.g. cartagena-protocol-2014, or its "
                                             "number."))


class ReviewForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class CallForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    instructions = forms.CharField(label=_("What is asked"), widget=forms.Textarea(attrs={"rows": 8}),
                                   help_text=_("Markdown"))
    groups = forms.ModelMultipleChoiceField(
        label=_("Who may submit"), widget=forms.CheckboxSelectMultiple,
        queryset=AddresseeGroup.objects.exclude(submits_as=AddresseeGroup.SubmitsAs.NONE))
    deadline_local = forms.DateTimeField(label=_("Deadline"),
                                         widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                                         help_text=_("The date and time in the time zone below."))
    deadline_timezone = forms.ChoiceField(label=_("Time zone of the deadline"), initial="America/Montreal")
    accepts_files = forms.BooleanField(label=_("Files may be attached"), required=False, initial=True)
    max_files = forms.IntegerField(label=_("At most this many files"), min_value=0, max_value=20, initial=5)
    questions = forms.CharField(
        label=_("Questions"), widget=forms.Textarea(attrs={"rows": 4}), required=False,
        help_text=_("One per line. End a line with [yes/no] for a yes-or-no question, or with [a|b|c] for a "
                    "choice; start it with * if an answer is required."))
    reminder_every_days = forms.IntegerField(label=_("Remind those who have not submitted every (days)"),
                                             min_value=0, max_value=60, initial=7,
                                             help_text=_("0: no automatic reminders."))
    reminder_start_days = forms.IntegerField(label=_("Start reminding this many days before the deadline"),
                                             min_value=1, max_value=365, initial=21)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deadline_timezone"].choices = [("UTC", "UTC"), *timezone_choices()]


def parse_questions(text: str) -> list[dict]:
    """``* Has your country a plan? [yes/no]`` → a required yes/no question."""
    import re

    out = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        required = line.startswith("*")
        line = line.lstrip("*").strip()
        kind, choices = "text", []
        m = re.search(r"\[([^\]]*)\]\s*$", line)
        if m:
            inside = m.group(1).strip()
            line = line[: m.start()].strip()
            if inside.lower() in ("yes/no", "yesno"):
                kind = "yesno"
            else:
                kind, choices = "choice", [c.strip() for c in inside.split("|") if c.strip()]
        out.append({"label": line, "type": kind, "choices": choices, "required": required})
    return out


def questions_text(questions: list[dict]) -> str:
    lines = []
    for q in questions or []:
        suffix = " [yes/no]" if q["type"] == "yesno" else (f" [{'|'.join(q['choices'])}]" if q["type"] == "choice"
                                                            else "")
        lines.append(("* " if q.get("required") else "") + q["label"] + suffix)
    return "\n".join(lines)


class SubmissionForm(forms.Form):
    text = forms.CharField(label=_("Your submission"), widget=forms.Textarea(attrs={"rows": 12}), required=False,
                           help_text=_("Markdown. You may also attach files."))
    summary = forms.CharField(label=_("Summary (one or two sentences, for the compilation)"), max_length=600,
                              required=False)
    language = forms.ChoiceField(label=_("Language"), choices=settings.CONTENT_LANGUAGES, initial="en")
    files = MultipleFileField(label=_("Attach files"), required=False)
    consent_publish = forms.BooleanField(
        label=_("The secretariat may publish this submission and include it in the compilation"), required=False)

    def __init__(self, *args, call=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(call.questions or []) if call else []
        for q in self.questions:
            if q["type"] == "yesno":
                field = forms.ChoiceField(label=q["label"], required=False, widget=forms.RadioSelect,
                                          choices=[("yes", _("Yes")), ("no", _("No"))])
            elif q["type"] == "choice":
                field = forms.ChoiceField(label=q["label"], required=False, widget=forms.RadioSelect,
                                          choices=[(c, c) for c in q["choices"]])
            else:
                field = forms.CharField(label=q["label"], required=False, widget=forms.Textarea(attrs={"rows": 3}))
            if q.get("required"):
                field.help_text = _("Required before you submit.")
            self.fields[q["key"]] = field
        if call is not None and not call.accepts_files:
            del self.fields["files"]
        elif call is not None:
            self.fields["files"].help_text = _("PDF, Word, Excel, text or images; up to %(n)s files.") % {
                "n": call.max_files}

    def answers(self) -> dict:
        return {q["key"]: self.cleaned_data.get(q["key"]) or "" for q in self.questions}


class FollowForm(forms.Form):
    email_all = forms.BooleanField(label=_("Email me every notification, not only those addressed to me"),
                                   required=False)
    convention = forms.ModelChoiceField(label=_("Only this convention"), queryset=Convention.objects.all(),
                                        required=False)


class ArchiveFilterForm(forms.Form):
    q = forms.CharField(label=_("Words or reference"), required=False, max_length=200)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    convention = forms.ModelChoiceField(label=_("Convention"), queryset=Convention.objects.all(), required=False,
                                        to_field_name="code")
    group = forms.ModelChoiceField(label=_("Addressees"), queryset=AddresseeGroup.objects.all(), required=False,
                                   to_field_name="code")

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("Any year")), *[(y, y) for y in years]]
