"""A small, read-only OData v2 service in the shape InforMEA's harvester reads.

The InforMEA toolkit exposes each convention's data as entity sets (``CountryReports``, ``Meetings``,
``Decisions``...) with multilingual values as navigation collections (``titles``: ``{language, value}``), and the
harvester asks for ``$format=json``, pages with ``$top``/``$skip``, counts with ``$inlinecount=allpages``,
inlines collections with ``$expand`` and harvests incrementally with ``$filter=updated gt datetime'...'``.

The ``$filter`` grammar is parsed by ``odata-query`` (no hand-written parser); the tree is then checked against
each entity set's allow-list of properties before it becomes a Django ``Q``: an unknown property, a function or
any syntax error is a 400 with the OData error body, never a 500 and never a query on an unlisted column.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import QuerySet
from odata_query import ast
from odata_query.django.django_q import AstToDjangoQVisitor
from odata_query.exceptions import ODataException
from odata_query.grammar import ODataLexer, ODataParser
from odata_query.rewrite import AliasRewriter
from odata_query.visitor import NodeTransformer, NodeVisitor

NAMESPACE = "informea"
MAX_TOP = 500  # a larger $top is refused (a harvester pages with $skip)
DEFAULT_TOP = 100


class ODataError(Exception):
    def __init__(self, message: str, status: int = 400, code: str = "BadRequest"):
        super().__init__(message)
        self.message, self.status, self.code = message, status, code


@dataclass(frozen=True)
class Prop:
    name: str
    edm: str  # Edm.String, Edm.DateTime, Edm.Boolean, Edm.Int32
    get: Callable  # obj -> value
    field: str | None = None  # model path for $filter and $orderby (None: neither)
    nullable: bool = True
    literal: Callable | None = None  # turns a $filter literal into the stored value (e.g. "cbd" -> "CBD")


@dataclass(frozen=True)
class Nav:
    """A navigation collection (``titles``, ``files``): rows of plain properties."""

    name: str
    type_name: str  # entity type of the rows, e.g. LocalizableString
    get: Callable  # obj -> list[dict]


@dataclass
class EntitySet:
    name: str  # CountryReports
    type_name: str  # CountryReport
    queryset: Callable[[], QuerySet]
    key: Callable  # obj -> str
    props: list[Prop]
    navs: list[Nav] = field(default_factory=list)
    default_order: tuple[str, ...] = ("pk",)

    def prop(self, name: str) -> Prop | None:
        return next((p for p in self.props if p.name == name), None)

    def nav(self, name: str) -> Nav | None:
        return next((n for n in self.navs if n.name == name), None)


ROW_TYPES = {  # the entity types of navigation rows
    "LocalizableString": [("language", "Edm.String"), ("value", "Edm.String")],
    "File": [("url", "Edm.String"), ("mimeType", "Edm.String"), ("language", "Edm.String"),
             ("filename", "Edm.String")],
}

# ---------------------------------------------------------------------------------------------------- $filter

_V2_DATETIME = re.compile(r"datetime'(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?)(Z|[+-]\d{2}:\d{2})?'",
                          re.IGNORECASE)
_V2_OFFSET = re.compile(r"datetimeoffset'([^']+)'", re.IGNORECASE)


def _v4_literals(text: str) -> str:
    """OData v2 writes ``datetime'2024-01-01T00:00:00'`` (UTC); the parser reads v4 literals."""
    text = _V2_DATETIME.sub(lambda m: m.group(1) + (m.group(2) or "Z"), text)
    return _V2_OFFSET.sub(lambda m: m.group(1), text)


class _Checker(NodeVisitor):
    """Every identifier must be a filterable property; no functions, lambdas or collections."""

    def __init__(self, entity_set: EntitySet):
        self.entity_set = entity_set

    def visit_Identifier(self, node: ast.Identifier):
        prop = self.entity_set.prop(node.name)
        if node.namespace or prop is None or prop.field is None:
            raise ODataError(f"Unknown or unfilterable property '{node.name}' on {self.entity_set.name}.")

    def visit_Attribute(self, node):
        raise ODataError("Navigation paths are not supported in $filter.")

    def visit_Call(self, node):
        raise ODataError("Functions are not supported in $filter.")

    def visit_CollectionLambda(self, node):
        raise ODataError("Lambda operators are not supported in $filter.")


class _Literals(NodeTransformer):
    """``treaty eq 'cbd'``: a literal compared with a property is written the way the property stores it."""

    def __init__(self, entity_set: EntitySet):
        self.entity_set = entity_set

    def visit_Compare(self, node: ast.Compare):
        left, right = node.left, node.right
        if isinstance(left, ast.Identifier) and isinstance(right, ast.String):
            right = self._stored(left, right)
        elif isinstance(right, ast.Identifier) and isinstance(left, ast.String):
            left = self._stored(right, left)
        return ast.Compare(node.comparator, left, right)

    def _stored(self, ident: ast.Identifier, value: ast.String) -> ast.String:
        prop = self.entity_set.prop(ident.name)
        return ast.String(prop.literal(value.val)) if prop is not None and prop.literal else value


def apply_filter(qs: QuerySet, entity_set: EntitySet, text: str) -> QuerySet:
    if len(text) > 2000:
        raise ODataError("$filter is too long.")
    try:
        tree = ODataParser().parse(ODataLexer().tokenize(_v4_literals(text)))
    except ODataException as exc:
        raise ODataError(f"Syntax error in $filter: {exc}") from exc
    except Exception as exc:  # the lexer and parser raise plain errors on some input  # noqa: BLE001
        raise ODataError("Syntax error in $filter.") from exc
    if tree is None:
        raise ODataError("Syntax error in $filter.")
    _Checker(entity_set).visit(tree)
    tree = _Literals(entity_set).visit(tree)
    aliases = {p.name: p.field.replace("__", "/") for p in entity_set.props if p.field and p.field != p.name}
    if aliases:
        tree = AliasRewriter(aliases).visit(tree)
    try:
        q = AstToDjangoQVisitor(qs.model).visit(tree)
        return qs.filter(q)
    except (ODataException, TypeError, ValueError) as exc:
        raise ODataError(f"Invalid $filter: {exc}") from exc


def apply_orderby(qs: QuerySet, entity_set: EntitySet, text: str) -> QuerySet:
    order = []
    for part in [p.strip() for p in text.split(",") if p.strip()][:5]:
        name, _, direction = part.partition(" ")
        direction = direction.strip().lower()
        prop = entity_set.prop(name)
        if prop is None or prop.field is None or direction not in ("", "asc", "desc"):
            raise ODataError(f"Cannot order by '{part}'.")
        order.append(("-" if direction == "desc" else "") + prop.field)
    return qs.order_by(*order, "pk")


def int_option(params, name: str, default: int | None, maximum: int | None = None) -> int | None:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isdigit():
        raise ODataError(f"{name} must be a non-negative integer.")
    value = int(raw)
    if maximum is not None and value > maximum:
        raise ODataError(f"{name} may be at most {maximum}.")
    return value


# ------------------------------------------------------------------------------------------------ serialising

def edm_json(value, edm: str):
    """A value as OData v2 verbose JSON writes it (``/Date(ms)/`` for instants)."""
    if value is None:
        return None
    if edm == "Edm.DateTime":
        if isinstance(value, dt.datetime):
            if value.tzinfo is not None:
                value = value.astimezone(dt.UTC)
            ms = calendar.timegm(value.timetuple()) * 1000 + value.microsecond // 1000
        else:  # a date: midnight UTC
            ms = calendar.timegm(value.timetuple()) * 1000
        return f"/Date({ms})/"
    if edm == "Edm.Boolean":
        return bool(value)
    if edm == "Edm.Int32":
        return int(value)
    return str(value)


def entity_json(obj, entity_set: EntitySet, base: str, expand: set[str]) -> dict:
    key = entity_set.key(obj)
    uri = f"{base}{entity_set.name}('{key}')"
    out: dict = {"__metadata": {"uri": uri, "type": f"{NAMESPACE}.{entity_set.type_name}"}}
    for prop in entity_set.props:
        out[prop.name] = edm_json(prop.get(obj), prop.edm)
    for nav in entity_set.navs:
        if nav.name in expand:
            out[nav.name] = {"results": [
                {"__metadata": {"type": f"{NAMESPACE}.{nav.type_name}"},
                 **{name: edm_json(row.get(name), edm) for name, edm in ROW_TYPES[nav.type_name]}}
                for row in nav.get(obj)
            ]}
        else:
            out[nav.name] = {"__deferred": {"uri": f"{uri}/{nav.name}"}}
    return out


def metadata_xml(entity_sets: list[EntitySet]) -> str:
    """The service's EDMX (OData v2, DataServiceVersion 2.0)."""
    from xml.sax.saxutils import quoteattr

    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<edmx:Edmx Version="1.0" xmlns:edmx="http://schemas.microsoft.com/ado/2007/06/edmx">',
             '<edmx:DataServices xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata" '
             'm:DataServiceVersion="2.0">',
             f'<Schema Namespace="{NAMESPACE}" xmlns="http://schemas.microsoft.com/ado/2008/09/edm">']
    for type_name, props in ROW_TYPES.items():
        lines.append(f'<EntityType Name="{type_name}"><Key><PropertyRef Name="{props[0][0]}"/></Key>')
        lines += [f'<Property Name="{n}" Type="{t}" Nullable="true"/>' for n, t in props]
        lines.append("</EntityType>")
    for es in entity_sets:
        lines.append(f'<EntityType Name="{es.type_name}"><Key><PropertyRef Name="id"/></Key>')
        for p in es.props:
            nullable = "true" if p.nullable else "false"
            lines.append(f'<Property Name="{p.name}" Type="{p.edm}" Nullable="{nullable}"/>')
        for nav in es.navs:
            rel = f"{NAMESPACE}.{es.type_name}_{nav.name}"
            lines.append(f'<NavigationProperty Name="{nav.name}" Relationship={quoteattr(rel)} '
                         f'FromRole="{es.type_name}" ToRole="{nav.name}"/>')
        lines.append("</EntityType>")
        for nav in es.navs:
            lines.append(f'<Association Name="{es.type_name}_{nav.name}">'
                         f'<End Type="{NAMESPACE}.{es.type_name}" Multiplicity="1" Role="{es.type_name}"/>'
                         f'<End Type="{NAMESPACE}.{nav.type_name}" Multiplicity="*" Role="{nav.name}"/>'
                         "</Association>")
    lines.append('<EntityContainer Name="InforMEA" m:IsDefaultEntityContainer="true">')
    for es in entity_sets:
        lines.append(f'<EntitySet Name="{es.name}" EntityType="{NAMESPACE}.{es.type_name}"/>')
        for nav in es.navs:
            lines.append(f'<AssociationSet Name="{es.type_name}_{nav.name}" '
                         f'Association="{NAMESPACE}.{es.type_name}_{nav.name}">'
                         f'<End EntitySet="{es.name}" Role="{es.type_name}"/></AssociationSet>')
    lines += ["</EntityContainer>", "</Schema>", "</edmx:DataServices>", "</edmx:Edmx>"]
    return "\n".join(lines)
