"""Forms of the knowledge pages. They parse and show; the services validate and write.

The record form is built per kind: the fields every record shares, then the
kind's own fields from :data:`KIND_FIELDS` (declared once in ``kinds.py``),
stored in ``Record.details``.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from clearinghouse.accounts.models import Organisation
from clearinghouse.core.models import Convention, Country, Ecosystem, Region, SupportType, Target, Topic

from .kinds import KIND_FIELDS, DetailField, fields_for
from .models import Record, RecordKind, Visibility

__all__ = ["KIND_FIELDS", "RecordForm", "ContributeForm", "CommentForm", "ReturnForm", "ShareLinkForm",
           "PublishingRequestForm", "SharedCommentForm", "service_errors_to_form"]

DETAIL_PREFIX = "d_"
TRANSLATED = ("title", "summary", "body")


def _detail_field(spec: DetailField) -> forms.Field:
    common = {"label": spec.label, "help_text": spec.help, "required": False}
    if spec.type == "textarea":
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), **common)
    if spec.type in ("lines", "countries"):
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), **common)
    if spec.type == "choice":
        return forms.ChoiceField(choices=[("", "—"), *spec.choices], **common)
    if spec.type == "multi":
        return forms.MultipleChoiceField(choices=spec.choices, widget=forms.CheckboxSelectMultiple, **common)
    if spec.type == "date":
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    if spec.type == "int":
        return forms.IntegerField(min_value=0, **common)
    if spec.type == "url":
        return forms.URLField(assume_scheme="https", **common)
    return forms.CharField(max_length=spec.max_length, **common)


def _target_choices():
    gbf, aichi = [], []
    for t in Target.objects.all():
        (gbf if t.framework == "GBF" else aichi).append((t.code, f"{t} · {t.title}"))
    return [(_("Kunming-Montreal Global Biodiversity Framework"), gbf), (_("Aichi Biodiversity Targets"), aichi)]


class RecordForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(label=_("Summary"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("Two or three sentences, shown in lists and search results."))
    body = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 12}),
                           help_text=_("Markdown: **bold**, *italic*, lists, links, ## headings."))
    language = forms.ChoiceField(label=_("Original language"), choices=settings.CONTENT_LANGUAGES,
                                 help_text=_("The language you write the title, summary and description in."))
    countries = forms.ModelMultipleChoiceField(
        label=_("Countries"), queryset=Country.objects.all(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Countries where it applies. Hold Ctrl (⌘ on a Mac) to choose several."))
    regions = forms.ModelMultipleChoiceField(label=_("Regions"), queryset=Region.objects.all(), required=False,
                                             widget=forms.CheckboxSelectMultiple)
    targets = forms.MultipleChoiceField(label=_("Targets"), required=False, widget=forms.CheckboxSelectMultiple)
    conventions = forms.ModelMultipleChoiceField(label=_("Conventions"), queryset=Convention.objects.all(),
                                                 required=False, widget=forms.CheckboxSelectMultiple)
    topics = forms.ModelMultipleChoiceField(label=_("Topics"), queryset=Topic.objects.all(), required=False,
                                            widget=forms.CheckboxSelectMultiple)
    ecosystems = forms.ModelMultipleChoiceField(label=_("Ecosystems"), queryset=Ecosystem.objects.all(),
                                                required=False, widget=forms.CheckboxSelectMultiple)
    support_types = forms.ModelMultipleChoiceField(label=_("Support types"), queryset=SupportType.objects.all(),
                                                   required=False, widget=forms.CheckboxSelectMultiple)
    start_date = forms.DateField(label=_("Start date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end_date = forms.DateField(label=_("End date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    url = forms.URLField(label=_("Link"), required=False, max_length=500, assume_scheme="https")
    contact = forms.CharField(label=_("Contact"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                              help_text=_("Shown on the record page: name, institution, address."))
    references = forms.CharField(
        label=_("Related records"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ids of other records, one a line, e.g. CHM-GP-KE-00042. "
                    "Add a revision number to refer to one revision: CHM-GP-KE-00042-2."))
    attachment = forms.FileField(label=_("Attach a file"), required=False,
                                 help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument, CSV, text, PNG or JPEG."))
    remove_attachments = forms.MultipleChoiceField(label=_("Remove attachments"), required=False,
                                                   widget=forms.CheckboxSelectMultiple)
    new_language = forms.ChoiceField(label=_("Add a translation in"), required=False)
    new_title = forms.CharField(label=_("Translated title"), required=False, max_length=300)
    new_summary = forms.CharField(label=_("Translated summary"), required=False, max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    new_body = forms.CharField(label=_("Translated description"), required=False,
                               widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args, kind: str, record: Record | None = None, **kwargs):
        self.kind = kind
        self.record = record
        if record is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_from(record)
        super().__init__(*args, **kwargs)
        self.fields["targets"].choices = _target_choices()
        langs = [("", "—"), *settings.CONTENT_LANGUAGES]
        self.fields["new_language"].choices = langs
        self.detail_names = []
        for spec in fields_for(kind):
            name = DETAIL_PREFIX + spec.name
            self.fields[name] = _detail_field(spec)
            self.detail_names.append(name)
        self.translation_langs = sorted((record.translations or {}).keys()) if record else []
        for lang in self.translation_langs:
            label = dict(settings.CONTENT_LANGUAGES).get(lang, lang)
            self.fields[f"tr_{lang}_title"] = forms.CharField(
                label=_("Title (%(lang)s)") % {"lang": label}, required=False, max_length=300,
                help_text=_("Empty the title to remove this translation."))
            self.fields[f"tr_{lang}_summary"] = forms.CharField(
                label=_("Summary (%(lang)s)") % {"lang": label}, required=False,
                widget=forms.Textarea(attrs={"rows": 3}))
            self.fields[f"tr_{lang}_body"] = forms.CharField(
                label=_("Description (%(lang)s)") % {"lang": label}, required=False,
                widget=forms.Textarea(attrs={"rows": 8}))
        if record is not None:
            self.fields["remove_attachments"].choices = [
                (str(a.pk), a.name) for a in record.attachments.filter(removed_at__isnull=True)]
        else:
            del self.fields["remove_attachments"]
        if kind == RecordKind.TRADITIONAL_KNOWLEDGE:
            self.fields["consent_statement"] = forms.CharField(
                label=_("Consent statement"), widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("How the holders gave their prior and informed consent to share this knowledge."))
            self.fields["visibility"] = forms.ChoiceField(label=_("Who may see it"), choices=Visibility.choices,
                                                          widget=forms.RadioSelect)
            self.fields["community"] = forms.ModelChoiceField(
                label=_("Contributing community"), required=False,
                queryset=Organisation.objects.filter(kind=Organisation.Kind.IPLC),
                help_text=_("Its members may see a restricted record."))
            self.fields["restricted_to"] = forms.CharField(
                label=_("Other people who may see it"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Email addresses of their accounts, one a line."))

    # --- groups used by the template ---------------------------------------------------
    COMMON = ("title", "summary", "body", "language")
    CLASSIFY = ("countries", "regions", "targets", "conventions", "topics", "ecosystems", "support_types")
    MORE = ("start_date", "end_date", "url", "contact", "references")

    def _bound(self, names):
        return [self[n] for n in names if n in self.fields]

    def common_fields(self):
        return self._bound(self.COMMON)

    def classify_fields(self):
        return self._bound(self.CLASSIFY)

    def more_fields(self):
        return self._bound(self.MORE)

    def kind_fields(self):
        return self._bound(self.detail_names)

    def tk_fields(self):
        return self._bound(("consent_statement", "visibility", "community", "restricted_to"))

    def translation_fields(self):
        return [(lang, self._bound([f"tr_{lang}_{f}" for f in TRANSLATED])) for lang in self.translation_langs]

    def new_translation_fields(self):
        return self._bound(["new_language", "new_title", "new_summary", "new_body"])

    def attachment_fields(self):
        return self._bound(["attachment", "remove_attachments"])

    # --- conversion ---------------------------------------------------------------------
    @staticmethod
    def initial_from(record: Record) -> dict:
        initial = {
            "title": record.title, "summary": record.summary, "body": record.body, "language": record.language,
            "countries": list(record.countries.all()), "regions": list(record.regions.all()),
            "targets": [t.code for t in record.targets.all()], "conventions": list(record.conventions.all()),
            "topics": list(record.topics.all()), "ecosystems": list(record.ecosystems.all()),
            "support_types": list(record.support_types.all()), "start_date": record.start_date,
            "end_date": record.end_date, "url": record.url, "contact": record.contact,
            "references": "\n".join((record.details or {}).get("references") or []),
            "consent_statement": record.consent_statement, "visibility": record.visibility,
            "community": record.community_id,
            "restricted_to": "\n".join([*record.restricted_to.values_list("email", flat=True),
                                        *record.pending_readers.filter(live=False).values_list("email", flat=True)]),
        }
        for spec in fields_for(record.kind):
            value = (record.details or {}).get(spec.name)
            if spec.type in ("lines", "countries") and isinstance(value, list):
                value = "\n".join(value)
            initial[DETAIL_PREFIX + spec.name] = value
        for lang, values in (record.translations or {}).items():
            for f in TRANSLATED:
                initial[f"tr_{lang}_{f}"] = (values or {}).get(f, "")
        return initial

    def clean(self):
        data = super().clean()
        lang = data.get("new_language")
        if lang:
            if not (data.get("new_title") or "").strip():
                self.add_error("new_title", _("Give the translated title."))
            if lang == data.get("language"):
                self.add_error("new_language", _("This is the original language; choose another one."))
        elif (data.get("new_title") or data.get("new_summary") or data.get("new_body")):
            self.add_error("new_language", _("Choose the language of the translation."))
        return data

    def to_service_data(self) -> dict:
        """The cleaned form as the data the services take."""
        d = self.cleaned_data
        data = {k: d.get(k) for k in ("title", "summary", "body", "language", "start_date", "end_date")}
        data["url"] = d.get("url") or ""
        data["contact"] = d.get("contact") or ""
        for name in ("countries", "regions", "conventions", "topics", "ecosystems", "support_types"):
            data[name] = list(d.get(name) or [])
        data["targets"] = list(d.get("targets") or [])
        details = {}
        for spec in fields_for(self.kind):
            value = d.get(DETAIL_PREFIX + spec.name)
            if value not in (None, "", []):
                details[spec.name] = value
        refs = [r.strip() for r in (d.get("references") or "").splitlines() if r.strip()]
        if refs:
            details["references"] = refs
        data["details"] = details
        translations = {}
        for lang in self.translation_langs:
            values = {f: (d.get(f"tr_{lang}_{f}") or "").strip() for f in TRANSLATED}
            if values["title"]:
                translations[lang] = values
        if d.get("new_language"):
            translations[d["new_language"]] = {f: (d.get(f"new_{f}") or "").strip() for f in TRANSLATED}
        data["translations"] = translations
        if self.kind == RecordKind.TRADITIONAL_KNOWLEDGE:
            data["consent_statement"] = d.get("consent_statement") or ""
            data["visibility"] = d.get("visibility") or Visibility.PUBLIC
            data["community"] = d["community"].pk if d.get("community") else None
            data["restricted_to"] = [e.strip() for e in (d.get("restricted_to") or "").splitlines() if e.strip()]
        return data


def service_errors_to_form(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form fields it names (``details.x`` -> ``d_x``)."""
    mapping = {"details.references": "references", "file": "attachment"}
    if hasattr(exc, "error_dict"):
        for key, errors in exc.message_dict.items():
            name = mapping.get(key) or (DETAIL_PREFIX + key.split(".", 1)[1] if key.startswith("details.") else key)
            for message in errors:
                form.add_error(name if name in form.fields else None, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)


class ContributeForm(forms.Form):
    kind = forms.ChoiceField(label=_("What do you share?"), choices=RecordKind.choices, widget=forms.RadioSelect)
    country = forms.ChoiceField(label=_("For"), required=False)

    def __init__(self, *args, countries: list[tuple[str, str]], allow_none: bool, **kwargs):
        super().__init__(*args, **kwargs)
        choices = list(countries)
        if allow_none:
            choices.append(("", _("No country (secretariat, personal or organisation profile)")))
        self.fields["country"].choices = choices
        self.fields["country"].widget = forms.RadioSelect()
        self.fields["country"].widget.choices = choices
        if choices:
            self.fields["country"].initial = choices[0][0]


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class ReturnForm(forms.Form):
    comment = forms.CharField(label=_("What should the authors change?"), widget=forms.Textarea(attrs={"rows": 4}),
                              max_length=5000)


class SharedCommentForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=150)
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)


class ShareLinkForm(forms.Form):
    days = forms.IntegerField(label=_("Valid for (days)"), min_value=1, max_value=90, initial=14)


class PublishingRequestForm(forms.Form):
    records = forms.MultipleChoiceField(label=_("Records to publish"), widget=forms.CheckboxSelectMultiple)
    message = forms.CharField(label=_("Message to your focal point"), required=False, max_length=5000,
                              widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, drafts, **kwargs):
        super().__init__(*args, **kwargs)
        self.drafts = {str(r.pk): r for r in drafts}
        self.fields["records"].choices = [(pk, f"{r.base_id} · {r.title}") for pk, r in self.drafts.items()]

    def selected_records(self) -> list[Record]:
        return [self.drafts[pk] for pk in self.cleaned_data["records"]]
