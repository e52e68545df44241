"""Vocabularies: countries, regions, conventions, targets, support types, ecosystems."""

from ninja import Router, Schema

from .models import Convention, Country, Ecosystem, Region, SupportType, Target

router = Router(tags=["vocabularies"])


class CountryOut(Schema):
    code: str
    name: str
    region: str | None


class CodeName(Schema):
    code: str
    name: str


class TargetOut(Schema):
    code: str
    framework: str
    number: int
    title: str


@router.get("/countries", response=list[CountryOut], auth=None, summary="Countries with their UN regional group")
def countries(request):
    return [CountryOut(code=c.code, name=c.local_name(), region=c.region_id) for c in Country.objects.all()]


@router.get("/regions", response=list[CodeName], auth=None, summary="UN regional groups")
def regions(request):
    return [CodeName(code=r.code, name=str(r)) for r in Region.objects.all()]


@router.get("/conventions", response=list[CodeName], auth=None, summary="Biodiversity-related conventions")
def conventions(request):
    return [CodeName(code=c.code, name=c.name) for c in Convention.objects.all()]


@router.get("/targets", response=list[TargetOut], auth=None, summary="GBF and Aichi targets")
def targets(request):
    return [TargetOut(code=t.code, framework=t.framework, number=t.number, title=t.title)
            for t in Target.objects.all()]


@router.get("/support-types", response=list[CodeName], auth=None,
            summary="Types of support (training, funding, …)")
def support_types(request):
    return [CodeName(code=s.code, name=str(s)) for s in SupportType.objects.all()]


@router.get("/ecosystems", response=list[CodeName], auth=None, summary="Ecosystem types")
def ecosystems(request):
    return [CodeName(code=e.code, name=str(e)) for e in Ecosystem.objects.all()]
