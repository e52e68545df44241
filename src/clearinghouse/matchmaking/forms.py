"""Forms of the marketplace pages. They only parse; the services validate and save."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from clearinghouse.core.models import Country, Ecosystem, Region, SupportType, Target

from .models import Collaboration, CollaborationParty, Visibility


class PostForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=100_000)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 8}),
                                  max_length=2_000_000)
    language = forms.ChoiceField(label=_("Written in"), choices=settings.CONTENT_LANGUAGES)
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.all(), required=False,
                                     help_text=_("Leave empty when you post for an organisation or as an expert."))
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.all(), required=False)
    targets = forms.ModelMultipleChoiceField(label=_("GBF targets"), required=False,
                                             queryset=Target.objects.filter(framework="GBF"),
                                             widget=forms.SelectMultiple(attrs={"size": 6}))
    support_types = forms.ModelMultipleChoiceField(label=_("Kinds of support"), queryset=SupportType.objects.all(),
                                                   required=False, widget=forms.CheckboxSelectMultiple)
    support_text = forms.CharField(label=_("Other support, in your words"), required=False, max_length=500)
    ecosystems = forms.ModelMultipleChoiceField(label=_("Ecosystems"), queryset=Ecosystem.objects.all(),
                                                required=False, widget=forms.CheckboxSelectMultiple)
    delivery_languages = forms.MultipleChoiceField(label=_("Languages of delivery"), required=False,
                                                   choices=settings.CONTENT_LANGUAGES,
                                                   widget=forms.CheckboxSelectMultiple)
    timing = forms.CharField(label=_("Timing"), required=False, max_length=200)
    expires_at = forms.DateField(label=_("Expires on"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}),
                                 help_text=_("Empty: one year from today."))
    visibility = forms.ChoiceField(label=_("Who can see it"), choices=Visibility.choices)

    SPECIFIC: tuple[str, ...] = ()

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and not self.is_bound and user.country_id:
            self.fields["country"].initial = user.country_id

    def to_data(self) -> dict:
        d = dict(self.cleaned_data)
        d.pop("country", None)
        d["targets"] = list(d.get("targets") or [])
        d["support_types"] = list(d.get("support_types") or [])
        d["ecosystems"] = list(d.get("ecosystems") or [])
        if d.get("expires_at") is None:
            d.pop("expires_at", None)
        return d


class NeedForm(PostForm):
    problem = forms.CharField(label=_("Problem"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    objectives = forms.CharField(label=_("Objectives"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    priorities = forms.CharField(label=_("National priorities addressed"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    geographic_coverage = forms.CharField(label=_("Geographic coverage"), required=False, max_length=300)
    cofinancing = forms.CharField(label=_("Co-financing available"), required=False, max_length=300)
    existing_initiatives = forms.CharField(label=_("Existing initiatives"), required=False,
                                           widget=forms.Textarea(attrs={"rows": 2}))
    SPECIFIC = ("problem", "objectives", "priorities", "geographic_coverage", "cofinancing", "existing_initiatives")


class OfferForm(PostForm):
    eligibility = forms.CharField(label=_("Who is eligible"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    beneficiaries = forms.CharField(label=_("Beneficiaries"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    application_process = forms.CharField(label=_("How to apply"), required=False,
                                          widget=forms.Textarea(attrs={"rows": 2}))
    deadline = forms.DateField(label=_("Application deadline"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}))
    SPECIFIC = ("eligibility", "beneficiaries", "application_process", "deadline")


def form_for(kind: str):
    return NeedForm if kind == "need" else OfferForm


def initial_from(post) -> dict:
    data = {f: getattr(post, f) for f in ("title", "description", "language", "support_text", "timing",
                                          "visibility", "delivery_languages")}
    data.update({"country": post.country_id, "region": post.region_id,
                 "targets": list(post.targets.all()), "support_types": list(post.support_types.all()),
                 "ecosystems": list(post.ecosystems.all()),
                 "expires_at": post.expires_at.date() if post.expires_at else None})
    for f in (NeedForm.SPECIFIC if post.KIND == "need" else OfferForm.SPECIFIC):
        data[f] = getattr(post, f)
    return data


class IntroductionRequestForm(forms.Form):
    need = forms.IntegerField(widget=forms.HiddenInput)
    offer = forms.IntegerField(widget=forms.HiddenInput)
    message = forms.CharField(label=_("Message to the other side"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("Your email address is not shared until they accept."))


class DecisionForm(forms.Form):
    message = forms.CharField(label=_("Message"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}))


class CollaborationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    objectives = forms.CharField(label=_("Objectives"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    activities = forms.CharField(label=_("Activities"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    funding_partner_email = forms.EmailField(label=_("Funding partner (email of their account)"), required=False,
                                             help_text=_("For triangular cooperation."))


class CollaborationUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Collaboration.Status.choices)
    outcomes = forms.CharField(label=_("Outcomes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    public_summary = forms.CharField(label=_("Public summary"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 3}),
                                     help_text=_("Published only when every party agrees."))


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=300)
    due_date = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))
    responsible = forms.ModelChoiceField(label=_("Responsible party"), queryset=CollaborationParty.objects.none(),
                                         required=False)
    resources = forms.CharField(label=_("Resources"), required=False, max_length=500)

    def __init__(self, *args, collaboration=None, **kwargs):
        super().__init__(*args, **kwargs)
        if collaboration is not None:
            self.fields["responsible"].queryset = collaboration.parties.select_related("user")


class WorkshopForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    place = forms.CharField(label=_("Place"), required=False, max_length=200)
    starts_on = forms.DateField(label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("Last day"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class JoinForm(forms.Form):
    code = forms.CharField(label=_("Workshop code"), max_length=20,
                           widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off",
                                                         "inputmode": "text"}))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file of the sheets"),
                           help_text=_("Columns: kind (need/offer), name, email, country, title, description, "
                                       "language, targets, support."))


class SaveSearchForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    alert = forms.BooleanField(label=_("Tell me by email when a new post fits"), required=False, initial=True)


class ProviderProfileForm(forms.Form):
    """What a provider can do (Bio-Bridge profile record). Parses only; ``provider_profile_save`` validates."""

    areas = forms.CharField(label=_("Areas of collaboration"), required=False, max_length=100_000,
                            widget=forms.Textarea(attrs={"rows": 4}),
                            help_text=_("What you can work on with others, e.g. “wetland monitoring, "
                                        "NBSAP indicators”."))
    expertise = forms.CharField(label=_("Expertise"), required=False, max_length=100_000,
                                widget=forms.Textarea(attrs={"rows": 4}))
    recent_experience = forms.CharField(label=_("Recent experience"), required=False, max_length=100_000,
                                        widget=forms.Textarea(attrs={"rows": 4}),
                                        help_text=_("Projects, trainings or exchanges of the last few years."))
    language = forms.ChoiceField(label=_("Written in"), choices=settings.CONTENT_LANGUAGES)
    for_organisation = forms.BooleanField(label=_("This profile speaks for my organisation"), required=False)
    support_types = forms.ModelMultipleChoiceField(label=_("Kinds of support you provide"),
                                                   queryset=SupportType.objects.all(), required=False,
                                                   widget=forms.CheckboxSelectMultiple)
    targets = forms.ModelMultipleChoiceField(label=_("GBF targets"), required=False,
                                             queryset=Target.objects.filter(framework="GBF"),
                                             widget=forms.SelectMultiple(attrs={"size": 6}))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and user.organisation_id:
            self.fields["for_organisation"].help_text = _("Shown as %(org)s.") % {"org": user.organisation}
        elif user is not None:
            self.fields["for_organisation"].help_text = _(
                "Your account is not linked to an organisation of the directory yet.")

    def to_data(self) -> dict:
        d = dict(self.cleaned_data)
        d["support_types"] = list(d.get("support_types") or [])
        d["targets"] = list(d.get("targets") or [])
        return d


def profile_initial(profile) -> dict:
    if profile is None:
        return {}
    return {"areas": profile.areas, "expertise": profile.expertise, "recent_experience": profile.recent_experience,
            "language": profile.language, "for_organisation": bool(profile.organisation_id),
            "support_types": list(profile.support_types.all()), "targets": list(profile.targets.all())}
