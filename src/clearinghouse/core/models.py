"""Shared base models and the vocabularies every app refers to.

Multilingual content uses one mechanism everywhere: a model that mixes in
:class:`TranslatableModel` stores its original text in ordinary fields, its
original language in ``language``, and translations in ``translations``
(``{"fr": {"title": "...", "summary": "..."}}``). Read with ``obj.tr("title", lang)``
or the ``tr`` template filter.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .validators import validate_web_url


class TimeStampedModel(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


def content_language(code: str | None) -> str:
    """Map a UI language code (``zh-hans``) to a content language code (``zh``)."""
    if not code:
        return "en"
    code = code.lower()
    if code.startswith("zh"):
        return "zh"
    return code.split("-")[0]


class Translated(str):
    """Text in a known language: what ``TranslatableModel.tr`` returns, so that ``user_text`` marks it with the
    language it is really in (a title may be translated while the description is not)."""

    language: str = ""

    def __new__(cls, value: str, language: str = ""):
        obj = super().__new__(cls, value)
        obj.language = language
        return obj

    def __reduce__(self):  # cached and pickled with its language
        return (Translated, (str(self), self.language))


class TranslatableModel(models.Model):
    TRANSLATABLE_FIELDS: tuple[str, ...] = ()

    language = models.CharField(
        _("original language"), max_length=8, choices=settings.CONTENT_LANGUAGES, default="en"
    )
    translations = models.JSONField(_("translations"), default=dict, blank=True)

    class Meta:
        abstract = True

    def tr(self, field: str, lang: str | None = None) -> str:
        lang = content_language(lang or translation.get_language())
        if lang != self.language:
            value = (self.translations or {}).get(lang, {}).get(field)
            if value:
                return Translated(value, lang)
        return Translated(getattr(self, field) or "", self.language)

    def tr_language(self, field: str, lang: str | None = None) -> str:
        """The language the viewer actually sees ``field`` in: theirs when it is translated, else the original."""
        lang = content_language(lang or translation.get_language())
        if lang != self.language and (self.translations or {}).get(lang, {}).get(field):
            return lang
        return self.language

    def shown_language(self, lang: str | None = None) -> str:
        """The language the viewer actually sees the title in."""
        return self.tr_language(self.TRANSLATABLE_FIELDS[0], lang)

    @property
    def available_languages(self) -> list[str]:
        return [self.language] + sorted(k for k, v in (self.translations or {}).items() if v and k != self.language)

    def all_text(self) -> str:
        """Original and translated text, for indexing."""
        parts = [getattr(self, f) or "" for f in self.TRANSLATABLE_FIELDS]
        for values in (self.translations or {}).values():
            parts.extend(str(values.get(f) or "") for f in self.TRANSLATABLE_FIELDS)
        return "\n".join(p for p in parts if p)


class Region(models.Model):
    """UN regional group (as used to elect bureaux of the convention bodies)."""

    code = models.CharField(max_length=10, primary_key=True)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")

    def __str__(self) -> str:
        return str(REGION_NAMES.get(self.code, self.name))


REGION_NAMES = {
    "AF": _("Africa"),
    "AP": _("Asia-Pacific"),
    "EE": _("Central and Eastern Europe"),
    "GRULAC": _("Latin America and the Caribbean"),
    "WEOG": _("Western Europe and others"),
}


class Country(models.Model):
    code = models.CharField(_("code"), max_length=2, primary_key=True, help_text=_("ISO 3166-1 alpha-2"))
    name = models.CharField(_("name"), max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, null=True, blank=True, related_name="countries")

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.local_name()

    def local_name(self, lang: str | None = None) -> str:
        from .vocab import country_name

        return country_name(self.code, self.name, lang)


class Convention(models.Model):
    code = models.CharField(max_length=12, primary_key=True)
    name = models.CharField(max_length=200)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="protocols")
    url = models.URLField(blank=True, validators=[validate_web_url])

    class Meta:
        ordering = ["code"]
        verbose_name = _("convention")

    def __str__(self) -> str:
        return self.code


_TARGET_TITLES: dict[str, dict[str, str]] = {}


def _target_titles(load_json) -> dict[str, dict[str, str]]:
    """Translated target short titles, read once: ``{content language: {"GBF-3": title}}``."""
    if not _TARGET_TITLES:
        data = load_json("targets_i18n.json")
        _TARGET_TITLES.update({lang: titles for lang, titles in data.items() if not lang.startswith("_")})
    return _TARGET_TITLES


class Target(models.Model):
    class Framework(models.TextChoices):
        GBF = "GBF", _("Kunming-Montreal Global Biodiversity Framework")
        AICHI = "AICHI", _("Aichi Biodiversity Targets")

    framework = models.CharField(max_length=8, choices=Framework.choices)
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)

    class Meta:
        ordering = ["framework", "number"]
        constraints = [models.UniqueConstraint(fields=["framework", "number"], name="target_unique_number")]
        verbose_name = _("target")

    def __str__(self) -> str:
        label = _("GBF Target %(n)s") if self.framework == "GBF" else _("Aichi Target %(n)s")
        return str(label) % {"n": self.number}

    def title_local(self, lang: str | None = None) -> str:
        """The short title in the viewer's language (core/data/targets_i18n.json), else the English one."""
        from .vocab import load_json

        titles = _target_titles(load_json)
        return titles.get(content_language(lang or translation.get_language()), {}).get(self.code) or self.title

    @property
    def code(self) -> str:
        return f"{self.framework}-{self.number}"


class SupportType(models.Model):
    code = models.SlugField(max_length=40, primary_key=True)
    name = models.CharField(max_length=100)
    synonyms = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("support type")

    def __str__(self) -> str:
        return str(SUPPORT_TYPE_NAMES.get(self.code, self.name))


SUPPORT_TYPE_NAMES = {
    "technical-assistance": _("Technical assistance"),
    "training": _("Training"),
    "expert-exchange": _("Expert exchange"),
    "study-visit": _("Study visit"),
    "joint-research": _("Joint research"),
    "technology-transfer": _("Technology transfer"),
    "data": _("Data and information"),
    "finance": _("Finance"),
    "equipment": _("Equipment"),
    "policy-advice": _("Policy advice"),
}


class Ecosystem(models.Model):
    code = models.SlugField(max_length=40, primary_key=True)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("ecosystem")

    def __str__(self) -> str:
        return str(ECOSYSTEM_NAMES.get(self.code, self.name))


ECOSYSTEM_NAMES = {
    "forest": _("Forests"),
    "inland-waters": _("Inland waters"),
    "wetlands": _("Wetlands"),
    "marine-coastal": _("Marine and coastal"),
    "dry-subhumid": _("Dry and sub-humid lands"),
    "mountain": _("Mountains"),
    "island": _("Islands"),
    "agricultural": _("Agricultural land"),
    "urban": _("Cities and urban areas"),
    "polar": _("Polar regions"),
}


class Topic(models.Model):
    slug = models.SlugField(max_length=80, primary_key=True)
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")

    def __str__(self) -> str:
        return str(TOPIC_NAMES.get(self.slug, self.name))


TOPIC_NAMES = {  # the names seeded from core/vocab.py TOPICS, for translation
    "protected-areas": _("Protected areas and OECMs"),
    "restoration": _("Ecosystem restoration"),
    "invasive-species": _("Invasive alien species"),
    "spatial-planning": _("Spatial planning"),
    "species-recovery": _("Species recovery"),
    "wildlife-trade": _("Wildlife trade"),
    "pollution": _("Pollution"),
    "climate": _("Climate change and biodiversity"),
    "agrobiodiversity": _("Agricultural biodiversity"),
    "fisheries": _("Fisheries"),
    "urban-nature": _("Urban nature"),
    "abs": _("Access and benefit-sharing"),
    "biosafety": _("Biosafety"),
    "finance": _("Biodiversity finance"),
    "business": _("Business and biodiversity"),
    "traditional-knowledge": _("Traditional knowledge"),
    "capacity-building": _("Capacity-building"),
    "gender": _("Gender"),
    "monitoring": _("Monitoring and reporting"),
    "nbsap": _("NBSAPs"),
    "mainstreaming": _("Mainstreaming"),
    "education": _("Communication, education and public awareness"),
    "health": _("Biodiversity and health"),
    "migratory-species": _("Migratory species"),
}


class Sequence(models.Model):
    """Counters for readable public identifiers (``CHM-GP-KE-00042``)."""

    key = models.CharField(max_length=60, primary_key=True)
    value = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key}={self.value}"


class IdempotencyKey(models.Model):
    """One row per create form (or API request) that went through: its one-time key, who sent it and what it made.

    ``key`` is ``form:<user id>:<token>`` for a form's hidden token and ``api:<hash of the credential>:<header>``
    for an ``Idempotency-Key`` header, so one user's key never collides with another's. The row is inserted in
    the same transaction as the object, first: a second request with the same key waits for the first to
    commit and then finds this row (see ``core.idempotency``).
    """

    key = models.CharField(max_length=300, unique=True)
    scope = models.CharField(max_length=100)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="+")
    content_type = models.ForeignKey("contenttypes.ContentType", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    object_id = models.CharField(max_length=64, blank=True)
    result_url = models.CharField(max_length=1000, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_type = models.CharField(max_length=100, blank=True)
    response_body = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.scope} {self.created_at:%Y-%m-%d %H:%M}"


class RateCounter(models.Model):
    """How many times something happened in one fixed time window: the atomic counter behind every rate limit.

    ``core.ratelimit.rate_take`` inserts the window's row if it is missing (``ON CONFLICT DO NOTHING``) and
    then counts with one conditional ``UPDATE ... SET count = count + 1 WHERE count < limit``: the database,
    not the application, decides who is over the limit, so parallel requests cannot all pass a check.
    """

    key = models.CharField(max_length=120)
    window_start = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "window_start"], name="core_ratecounter_key_window")]

    def __str__(self) -> str:
        return f"{self.key}@{self.window_start:%Y-%m-%d %H:%M}={self.count}"
