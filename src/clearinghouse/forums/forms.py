from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Discussion, Watch


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class DiscussionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    slug = forms.SlugField(label=_("Permanent address"), max_length=70, required=False,
                           help_text=_("Letters, digits and hyphens; made from the title when empty."))
    language = forms.ChoiceField(label=_("Language of the text"), choices=settings.CONTENT_LANGUAGES, initial="en")
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False,
                                  help_text=_("Markdown"))
    opens_at = forms.DateTimeField(label=_("Opens at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                                   help_text=_("In your time zone"))
    closes_at = forms.DateTimeField(label=_("Closes at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                                    help_text=_("In your time zone"))
    read_audience = forms.ChoiceField(label=_("Who may read"), choices=Discussion.ReadAudience.choices)
    post_audience = forms.ChoiceField(label=_("Who may post"), choices=Discussion.PostAudience.choices)
    participant_threads = forms.BooleanField(label=_("Participants may open threads"), required=False)
    premoderation = forms.BooleanField(label=_("Pre-moderate the first post of each participant"), required=False)
    consent_text = forms.CharField(label=_("Consent asked on joining"), widget=forms.Textarea(attrs={"rows": 3}),
                                   required=False, initial=Discussion._meta.get_field("consent_text").default)


class ThreadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(label=_("Question or introduction"), widget=forms.Textarea(attrs={"rows": 4}),
                                  required=False, help_text=_("Markdown"))


class PostForm(forms.Form):
    body = forms.CharField(label=_("Your post"), widget=forms.Textarea(attrs={"rows": 6}),
                           help_text=_("Markdown: **bold**, *italic*, lists with -, > to quote."))
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False)
    attachments = MultipleFileField(label=_("Attachments"), required=False,
                                    help_text=_("PDF, Word, OpenDocument, spreadsheets, images; up to 10 MB each."))


class EditForm(forms.Form):
    body = forms.CharField(label=_("Your post"), widget=forms.Textarea(attrs={"rows": 8}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class JoinForm(forms.Form):
    consent = forms.BooleanField(label=_("I accept these conditions"), required=False)


class WatchForm(forms.Form):
    level = forms.ChoiceField(label=_("Follow"), choices=[("", _("Not following")), *Watch.Level.choices],
                              required=False)


class StatementForm(forms.Form):
    which = forms.ChoiceField(choices=[("opening", _("Opening statement")), ("closing", _("Closing statement"))])
    text = forms.CharField(label=_("Statement"), widget=forms.Textarea(attrs={"rows": 5}), required=False)


class SynthesisForm(forms.Form):
    draft = forms.CharField(label=_("Synthesis (Markdown)"), widget=forms.Textarea(attrs={"rows": 30}),
                            required=False)
