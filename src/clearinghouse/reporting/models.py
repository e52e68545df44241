"""National reporting: templates as data, reports, answers with provenance, mappings, national targets.

The shape (read by issue 16, the joint reporting portal, too):

- ``Cycle``: a convention's reporting cycle (``CBD nr7``); ``previous`` links cycles of one convention, so
  answers are carried forward by question key.
- ``Template``: one version of a cycle's questionnaire, imported from (and exported to) XLSForm or JSON.
  Its ``Section`` rows are the top-level groups, its ``Question`` rows the fields (``key`` = XLSForm ``name``,
  stable across versions and cycles), its ``ChoiceList``/``Choice`` rows the ``choices`` sheet.
  Labels and hints are ``{language: text}`` dicts (XLSForm ``label::English (en)`` columns).
- ``Mapping``: question to question (across conventions or cycles): same, broader, narrower, related; with a
  note and a direction that says which way answers may be offered.
- ``Report``: one country's report on one template (country x cycle x revision); a correction of a submitted
  report is a new ``Report`` with ``revision + 1`` and ``supersedes`` set.
- ``Answer``: the current value of a question in a report (JSON, typed by the question type), with the answer
  it was accepted from (``source_answer``) and a frozen provenance snapshot (``source``); every save writes an
  ``AnswerRevision``.
- ``NationalTarget`` (+ ``TargetAlignment`` to GBF ``core.Target``) and ``IndicatorValue``: a country's data
  that every report may use.
"""

from __future__ import annotations

from django.conf import settings as django_settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from clearinghouse.core.models import TimeStampedModel, TranslatableModel, content_language


def pick_label(labels: dict | None, lang: str | None = None, default: str = "") -> str:
    """The text of a ``{language: text}`` dict in the viewer's language, else English, else any."""
    if not labels:
        return default
    lang = content_language(lang or translation.get_language())
    for code in (lang, "en", "default"):
        if labels.get(code):
            return labels[code]
    return next((v for v in labels.values() if v), default)


def label_language(labels: dict | None, lang: str | None = None) -> str:
    """The language actually shown by :func:`pick_label` (for ``user_text``)."""
    if not labels:
        return "en"
    lang = content_language(lang or translation.get_language())
    for code in (lang, "en"):
        if labels.get(code):
            return code
    return next((k for k, v in labels.items() if v and k != "default"), "en")


class Cycle(TimeStampedModel):
    convention = models.ForeignKey(
        "core.Convention", verbose_name=_("convention"), on_delete=models.PROTECT, related_name="reporting_cycles")
    code = models.SlugField(_("code"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    previous = models.ForeignKey(
        "self", verbose_name=_("previous cycle"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="next_cycles")

    class Meta:
        ordering = ["convention_id", "-opens_on", "code"]
        constraints = [models.UniqueConstraint(fields=["convention", "code"], name="reporting_cycle_unique_code")]
        verbose_name = _("reporting cycle")

    def __str__(self) -> str:
        return f"{self.convention_id} {self.title}"


class Template(TimeStampedModel):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("In use")
        RETIRED = "retired", _("Retired")

    cycle = models.ForeignKey(Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="templates")
    version = models.PositiveIntegerField(_("version"))
    form_id = models.CharField(_("form id"), max_length=100)
    title = models.JSONField(_("title"), default=dict, blank=True)
    default_language = models.CharField(_("default language"), max_length=16, default="en")
    languages = models.JSONField(_("languages"), default=list, blank=True)
    settings = models.JSONField(_("settings"), default=dict, blank=True)  # the settings sheet, lossless
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.ACTIVE)
    source_name = models.CharField(_("source file"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["cycle_id", "-version"]
        constraints = [models.UniqueConstraint(fields=["cycle", "version"], name="reporting_template_unique_version")]
        verbose_name = _("reporting template")

    def __str__(self) -> str:
        return f"{self.cycle} v{self.version}"

    def label(self, lang: str | None = None) -> str:
        return pick_label(self.title, lang, self.form_id)


class Section(models.Model):
    template = models.ForeignKey(Template, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(_("key"), max_length=100)
    position = models.PositiveIntegerField(default=0)
    label = models.JSONField(_("label"), default=dict, blank=True)
    hint = models.JSONField(_("hint"), default=dict, blank=True)
    relevant = models.TextField(_("shown when"), blank=True)
    extra = models.JSONField(default=dict, blank=True)  # other XLSForm columns of the begin_group row

    class Meta:
        ordering = ["template_id", "position"]
        constraints = [models.UniqueConstraint(fields=["template", "key"], name="reporting_section_unique_key")]
        verbose_name = _("section")

    def __str__(self) -> str:
        return self.title()

    def title(self, lang: str | None = None) -> str:
        return pick_label(self.label, lang, self.key)


class ChoiceList(models.Model):
    template = models.ForeignKey(Template, on_delete=models.CASCADE, related_name="choice_lists")
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["template_id", "name"]
        constraints = [models.UniqueConstraint(fields=["template", "name"], name="reporting_choicelist_unique")]

    def __str__(self) -> str:
        return self.name


class Choice(models.Model):
    choice_list = models.ForeignKey(ChoiceList, on_delete=models.CASCADE, related_name="choices")
    value = models.CharField(_("value"), max_length=200)
    position = models.PositiveIntegerField(default=0)
    label = models.JSONField(_("label"), default=dict, blank=True)
    extra = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["choice_list_id", "position"]
        constraints = [models.UniqueConstraint(fields=["choice_list", "value"], name="reporting_choice_unique")]

    def __str__(self) -> str:
        return self.value

    def text(self, lang: str | None = None) -> str:
        return pick_label(self.label, lang, self.value)


class QuestionType(models.TextChoices):
    TEXT = "text", _("Text")
    YES_NO = "yes_no", _("Yes or no")
    SELECT_ONE = "select_one", _("One choice")
    SELECT_MULTIPLE = "select_multiple", _("Several choices")
    INTEGER = "integer", _("Whole number")
    DECIMAL = "decimal", _("Number")
    DATE = "date", _("Date")
    TABLE = "table", _("Table")
    FILE = "file", _("File")
    LINK = "link", _("Link")
    INDICATOR = "indicator", _("Indicator value")
    NOTE = "note", _("Note")
    CALCULATE = "calculate", _("Calculated")


#: Types that hold no answer of their own.
NO_ANSWER_TYPES = frozenset({QuestionType.NOTE, QuestionType.CALCULATE})

#: Which answer types may be mapped to which (an answer of the first may be offered on the second).
COMPATIBLE_TYPES: dict[str, frozenset[str]] = {
    "text": frozenset({"text", "link"}),
    "link": frozenset({"link", "text"}),
    "yes_no": frozenset({"yes_no", "select_one"}),
    "select_one": frozenset({"select_one", "select_multiple", "yes_no"}),
    "select_multiple": frozenset({"select_multiple"}),
    "integer": frozenset({"integer", "decimal"}),
    "decimal": frozenset({"decimal", "integer"}),
    "date": frozenset({"date"}),
    "table": frozenset({"table"}),
    "file": frozenset({"file"}),
    "indicator": frozenset({"indicator", "decimal"}),
}


class Question(models.Model):
    template = models.ForeignKey(Template, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    key = models.CharField(_("key"), max_length=100)
    position = models.PositiveIntegerField(default=0)
    qtype = models.CharField(_("type"), max_length=20, choices=QuestionType.choices)
    label = models.JSONField(_("label"), default=dict, blank=True)
    hint = models.JSONField(_("help text"), default=dict, blank=True)
    required = models.BooleanField(_("required"), default=False)
    required_message = models.JSONField(default=dict, blank=True)
    relevant = models.TextField(_("shown when"), blank=True)
    constraint = models.TextField(_("rule"), blank=True)
    constraint_message = models.JSONField(default=dict, blank=True)
    choice_list = models.ForeignKey(
        ChoiceList, null=True, blank=True, on_delete=models.PROTECT, related_name="questions")
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    indicator = models.CharField(_("indicator"), max_length=100, blank=True)
    #: table columns: [{"key", "type", "label": {}, "hint": {}, "required", "constraint", "unit", "list"}]
    columns = models.JSONField(default=list, blank=True)
    calculation = models.TextField(blank=True)
    appearance = models.CharField(max_length=100, blank=True)
    extra = models.JSONField(default=dict, blank=True)  # other XLSForm columns, kept for a lossless export

    class Meta:
        ordering = ["template_id", "position"]
        constraints = [models.UniqueConstraint(fields=["template", "key"], name="reporting_question_unique_key")]
        verbose_name = _("question")

    def __str__(self) -> str:
        return self.key

    def text(self, lang: str | None = None) -> str:
        return pick_label(self.label, lang, self.key)

    def help(self, lang: str | None = None) -> str:
        return pick_label(self.hint, lang)

    @property
    def takes_answer(self) -> bool:
        return self.qtype not in NO_ANSWER_TYPES


class Mapping(TimeStampedModel):
    """Question ``source`` relates to question ``target`` as ``relation`` (``source`` is broader than ``target``...)."""

    class Relation(models.TextChoices):
        SAME = "same", _("Same")
        BROADER = "broader", _("Broader")
        NARROWER = "narrower", _("Narrower")
        RELATED = "related", _("Related")

    class Direction(models.TextChoices):
        BOTH = "both", _("Both ways")
        FORWARD = "forward", _("From source to target only")
        BACKWARD = "backward", _("From target to source only")

    source = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="mappings_out")
    target = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="mappings_in")
    relation = models.CharField(_("relation"), max_length=12, choices=Relation.choices, default=Relation.SAME)
    direction = models.CharField(_("direction"), max_length=12, choices=Direction.choices, default=Direction.BOTH)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["source_id", "target_id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="reporting_mapping_unique"),
            models.CheckConstraint(condition=~models.Q(source=models.F("target")), name="reporting_mapping_not_self"),
        ]
        verbose_name = _("question mapping")

    def __str__(self) -> str:
        return f"{self.source_id} {self.relation} {self.target_id}"


class Report(TimeStampedModel):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        PUBLISHED = "published", _("Published")

    number = models.CharField(_("number"), max_length=80, unique=True)
    country = models.ForeignKey("core.Country", verbose_name=_("country"), on_delete=models.PROTECT,
                                related_name="national_reports")
    convention = models.ForeignKey("core.Convention", verbose_name=_("convention"), on_delete=models.PROTECT,
                                   related_name="national_reports")
    cycle = models.ForeignKey(Cycle, verbose_name=_("cycle"), on_delete=models.PROTECT, related_name="reports")
    template = models.ForeignKey(Template, verbose_name=_("template"), on_delete=models.PROTECT,
                                 related_name="reports")
    revision = models.PositiveIntegerField(_("revision"), default=1)
    supersedes = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="superseded_by")
    state = models.CharField(_("state"), max_length=14, choices=State.choices, default=State.DRAFT)
    opened_by = models.ForeignKey(django_settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(django_settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(django_settings.AUTH_USER_MODEL, null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(django_settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["country", "cycle", "revision"],
                                               name="reporting_report_unique_revision")]
        indexes = [models.Index(fields=["country", "state"])]
        verbose_name = _("national report")

    def __str__(self) -> str:
        return self.number

    @property
    def is_locked(self) -> bool:
        return self.state != self.State.DRAFT


class SectionAssignment(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="assignments")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(django_settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_sections")
    assigned_by = models.ForeignKey(django_settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "section", "user"],
                                               name="reporting_assignment_unique")]

    def __str__(self) -> str:
        return f"{self.report_id}/{self.section_id}/{self.user_id}"


class Answer(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.JSONField(null=True, blank=True)
    #: the answer this one was accepted from (another convention's report, or the previous cycle)
    source_answer = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="reused_by")
    #: provenance frozen at acceptance: report number, convention, cycle, question key, author, date
    source = models.JSONField(default=dict, blank=True)
    updated_by = models.ForeignKey(django_settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(null=True, blank=True)
    revision_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "question"], name="reporting_answer_unique")]
        indexes = [models.Index(fields=["question", "report"])]

    def __str__(self) -> str:
        return f"{self.report_id}/{self.question_id}"


class AnswerRevision(models.Model):
    class Via(models.TextChoices):
        WEB = "web", _("Form")
        AUTOSAVE = "autosave", _("Autosave")
        OFFER = "offer", _("Accepted offer")
        XLSX = "xlsx", _("Spreadsheet upload")
        API = "api", _("API")
        COPY = "copy", _("Copied into a new revision")

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    value = models.JSONField(null=True, blank=True)
    source_answer = models.ForeignKey(Answer, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    author = models.ForeignKey(django_settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    via = models.CharField(max_length=10, choices=Via.choices, default=Via.WEB)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["answer_id", "-number"]
        constraints = [models.UniqueConstraint(fields=["answer", "number"], name="reporting_answerrev_unique")]

    def __str__(self) -> str:
        return f"{self.answer_id}#{self.number}"


class Comment(TimeStampedModel):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="comments")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(django_settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(_("comment"))

    class Meta:
        ordering = ["created_at"]


class ReportEvent(models.Model):
    """The report's history of states and assignments (answers have their own revisions)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(django_settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=30)
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.report_id} {self.action}"


class NationalTarget(TranslatableModel, TimeStampedModel):
    TRANSLATABLE_FIELDS = ("title", "description")

    country = models.ForeignKey("core.Country", verbose_name=_("country"), on_delete=models.PROTECT,
                                related_name="national_targets")
    code = models.CharField(_("code"), max_length=30)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(django_settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    gbf_targets = models.ManyToManyField("core.Target", through="TargetAlignment", related_name="national_targets")

    class Meta:
        ordering = ["country_id", "code"]
        constraints = [models.UniqueConstraint(fields=["country", "code"], name="reporting_nationaltarget_unique")]
        verbose_name = _("national target")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class TargetAlignment(models.Model):
    class Degree(models.TextChoices):
        FULL = "full", _("Fully aligned")
        PARTIAL = "partial", _("Partly aligned")
        MINIMAL = "minimal", _("Minimally aligned")

    national_target = models.ForeignKey(NationalTarget, on_delete=models.CASCADE, related_name="alignments")
    target = models.ForeignKey("core.Target", on_delete=models.PROTECT, related_name="+")
    degree = models.CharField(_("degree of alignment"), max_length=10, choices=Degree.choices,
                              default=Degree.FULL)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["national_target", "target"],
                                               name="reporting_alignment_unique")]

    def __str__(self) -> str:
        return f"{self.national_target_id}->{self.target_id} ({self.degree})"


class IndicatorValue(TimeStampedModel):
    """One value of a national indicator for one year (the country's indicator data set)."""

    country = models.ForeignKey("core.Country", verbose_name=_("country"), on_delete=models.PROTECT,
                                related_name="indicator_values")
    indicator = models.CharField(_("indicator"), max_length=100)
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=6)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    method = models.CharField(_("method"), max_length=300, blank=True)
    report = models.ForeignKey(Report, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    entered_by = models.ForeignKey(django_settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["country_id", "indicator", "year"]
        constraints = [models.UniqueConstraint(fields=["country", "indicator", "year"],
                                               name="reporting_indicatorvalue_unique")]
        verbose_name = _("indicator value")
