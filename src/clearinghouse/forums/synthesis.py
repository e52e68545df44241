"""The synthesis of a discussion: an extractive draft the moderator edits, then publishes.

Key points are salient sentences: each thread's sentences are embedded with the
multilingual embedder (``search.embedders.get_embedder()``) and those closest to the
thread's centroid are chosen, with a diversity penalty (maximal marginal relevance), so
points written in different languages are compared on meaning. Themes across threads come
from a small k-means over all sentences. Every point links to the post that made it;
people are not named (participants accepted that posts may be summarised without
attribution). Statistics: posts, participants, countries, organisations, languages, days.
"""

from __future__ import annotations

import io
import re
from collections import Counter, defaultdict

import numpy as np
from django.conf import settings
from django.utils import formats, translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from clearinghouse.core.markdown import markdown_to_text, render_markdown

from .models import Discussion, Participant, Post

MAX_SENTENCES = 3000
_SPLIT = re.compile(r"(?<=[.!?。！？؟])\s+|(?<=[。！？])|\n{2,}")


def _sentences(text: str) -> list[str]:
    plain = markdown_to_text(text)
    out = []
    for raw in _SPLIT.split(plain):
        s = " ".join((raw or "").split())
        if not s:
            continue
        cjk = sum(1 for ch in s if "\u4e00" <= ch <= "\u9fff")
        long_enough = cjk >= 12 if cjk else len(s.split()) >= 6
        if long_enough and len(s) <= 500:
            out.append(s)
    return out


def _mmr(vectors: np.ndarray, centroid: np.ndarray, k: int, lam: float = 0.7) -> list[int]:
    if len(vectors) == 0:
        return []
    relevance = vectors @ centroid
    chosen: list[int] = []
    candidates = list(range(len(vectors)))
    while candidates and len(chosen) < k:
        if chosen:
            redundancy = (vectors[candidates] @ vectors[chosen].T).max(axis=1)
        else:
            redundancy = np.zeros(len(candidates))
        scores = lam * relevance[candidates] - (1 - lam) * redundancy
        best = candidates[int(np.argmax(scores))]
        chosen.append(best)
        candidates.remove(best)
    return chosen


def _kmeans(vectors: np.ndarray, k: int, iterations: int = 25, seed: int = 7) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = vectors[rng.choice(len(vectors), size=k, replace=False)]
    labels = np.zeros(len(vectors), dtype=int)
    for _i in range(iterations):
        labels = np.argmax(vectors @ centres.T, axis=1)
        new = np.stack([vectors[labels == j].mean(axis=0) if (labels == j).any() else centres[j] for j in range(k)])
        new /= np.linalg.norm(new, axis=1, keepdims=True) + 1e-9
        if np.allclose(new, centres):
            break
        centres = new
    return labels


def _short(sentence: str, limit: int = 90) -> str:
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rsplit(" ", 1)[0] + "…"


def synthesis_draft(discussion: Discussion) -> str:
    """The draft synthesis in Markdown, in the site's current language."""
    from clearinghouse.search.embedders import get_embedder

    posts = list(
        Post.objects.filter(thread__discussion=discussion, status=Post.Status.VISIBLE)
        .select_related("thread", "author__country", "author__organisation")
        .order_by("thread__number", "created_at")
    )
    numbers = {p.pk: i for i, p in enumerate(posts, start=1)}
    items: list[tuple[Post, str]] = []
    for post in posts:
        for sentence in _sentences(post.body):
            items.append((post, sentence))
            if len(items) >= MAX_SENTENCES:
                break
    site = settings.SITE_URL

    def cite(post: Post) -> str:
        return f"([{_('post %(n)s') % {'n': numbers[post.pk]}}]({site}{post.get_absolute_url()}))"

    lines = [f"# {_('Synthesis of the online discussion “%(title)s”') % {'title': discussion.tr('title')}}", ""]
    lines.append("*" + _("Draft prepared by the platform from %(posts)s posts, %(start)s – %(end)s. "
                         "Edit it before publishing.") % {
        "posts": len(posts), "start": formats.date_format(discussion.opens_at, "DATE_FORMAT"),
        "end": formats.date_format(discussion.closes_at, "DATE_FORMAT")} + "*")
    lines.append("")
    if items:
        vectors = get_embedder().embed([s for _p, s in items]).astype(np.float32)
        by_thread: dict[int, list[int]] = defaultdict(list)
        for i, (post, _s) in enumerate(items):
            by_thread[post.thread_id].append(i)
        lines += [f"## {_('Key points by thread')}", ""]
        threads = {p.thread_id: p.thread for p in posts}
        for thread_id, idx in by_thread.items():
            thread = threads[thread_id]
            sub = vectors[idx]
            centroid = sub.mean(axis=0)
            centroid /= np.linalg.norm(centroid) + 1e-9
            n_posts = len({items[i][0].pk for i in idx})
            chosen = _mmr(sub, centroid, k=min(6, max(2, n_posts)))
            lines += [f"### {thread.number}. {thread.tr('title')}", ""]
            for j in sorted(chosen, key=lambda j: idx[j]):
                post, sentence = items[idx[j]]
                lines.append(f"- {sentence} {cite(post)}")
            lines.append("")
        if len(items) >= 8:
            k = int(min(6, max(2, round(np.sqrt(len(items) / 4)))))
            labels = _kmeans(vectors, k)
            themes = []
            for j in range(k):
                members = np.where(labels == j)[0]
                if len({items[i][0].pk for i in members}) < 2:
                    continue
                centre = vectors[members].mean(axis=0)
                centre /= np.linalg.norm(centre) + 1e-9
                order = members[np.argsort(-(vectors[members] @ centre))]
                themes.append((len(members), order))
            if themes:
                lines += [f"## {_('Themes across threads')}", ""]
                for n, (_size, order) in enumerate(sorted(themes, key=lambda t: -t[0]), start=1):
                    lines += [f"### {_('Theme %(n)s: %(label)s') % {'n': n, 'label': _short(items[order[0]][1])}}", ""]
                    seen = set()
                    for i in order:
                        post, sentence = items[i]
                        if post.pk in seen:
                            continue
                        seen.add(post.pk)
                        lines.append(f"- {sentence} {cite(post)}")
                        if len(seen) >= 4:
                            break
                    lines.append("")
    lines += _participation(discussion, posts)
    if discussion.closing_statement:
        lines += [f"## {_('Closing statement of the moderators')}", "", discussion.closing_statement, ""]
    return "\n".join(lines).strip() + "\n"


def _participation(discussion: Discussion, posts: list[Post]) -> list[str]:
    authors = {p.author_id: p.author for p in posts}
    countries = sorted({str(a.country) for a in authors.values() if a.country_id})
    organisations = sorted({a.organisation.name if a.organisation_id else a.organisation_name
                            for a in authors.values() if a.organisation_id or a.organisation_name})
    groups = Counter(Participant.objects.filter(discussion=discussion).values_list("group", flat=True))
    languages = Counter(p.language or "?" for p in posts)
    days = Counter(p.created_at.date() for p in posts)
    via = Counter(p.via for p in posts)
    lines = [f"## {_('Participation')}", ""]
    lines.append(f"**{_('Participating countries')}:** {', '.join(countries) or '—'}")
    lines.append("")
    lines.append(f"**{_('Participating organisations')}:** {', '.join(organisations) or '—'}")
    lines += ["", f"### {_('Statistics')}", "", f"| {_('Measure')} | {_('Value')} |", "|---|---|"]
    lines.append(f"| {_('Posts')} | {len(posts)} |")
    lines.append(f"| {_('Posts sent by email')} | {via.get('email', 0)} |")
    lines.append(f"| {_('Authors')} | {len(authors)} |")
    lines.append(f"| {_('Registered participants')} | {sum(groups.values())} |")
    for code, label in Participant.Group.choices:
        if groups.get(code):
            lines.append(f"| {label} | {groups[code]} |")
    lines.append(f"| {_('Countries')} | {len(countries)} |")
    lines.append(f"| {_('Languages')} | {', '.join(f'{k} ({v})' for k, v in languages.most_common())} |")
    lines += ["", f"### {_('Posts by day')}", "", f"| {_('Day')} | {_('Posts')} |", "|---|---|"]
    for day in sorted(days):
        lines.append(f"| {day.isoformat()} | {days[day]} |")
    lines.append("")
    return lines


def render_html_document(synthesis) -> str:
    discussion = synthesis.discussion
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Synthesis of the online discussion “%(title)s”") % {"title": discussion.title}
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{escape(title)}</title></head><body>\n"
        f"<p>{escape(synthesis.document_symbol)}</p>\n"
        # Quotes in several languages: marked as user text whose direction comes from the text.
        f"<div dir=\"auto\" data-user-text>{render_markdown(synthesis.published_text)}</div>\n</body></html>\n"
    )


_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_EMPH = re.compile(r"(\*\*|__|\*|_)(.+?)\1")


def _inline(text: str) -> str:
    text = _LINK.sub(lambda m: f"{m.group(1)} <{m.group(2)}>", text)
    return _EMPH.sub(lambda m: m.group(2), text)


def render_docx(synthesis) -> bytes:
    """A Word document of the published text: headings, lists, tables and paragraphs."""
    from docx import Document

    doc = Document()
    doc.core_properties.title = synthesis.discussion.title
    doc.core_properties.identifier = synthesis.document_symbol
    doc.add_paragraph(synthesis.document_symbol)
    table_rows: list[list[str]] = []

    def flush_table():
        if not table_rows:
            return
        cols = max(len(r) for r in table_rows)
        table = doc.add_table(rows=len(table_rows), cols=cols)
        table.style = "Table Grid"
        for r, row in enumerate(table_rows):
            for c, cell in enumerate(row):
                table.cell(r, c).text = _inline(cell)
        table_rows.clear()

    for line in synthesis.published_text.splitlines():
        stripped = line.strip()
        if stripped.startswith("|"):
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                table_rows.append(cells)
            continue
        flush_table()
        if not stripped:
            continue
        heading = re.match(r"^(#{1,6})\s+(.*)$", stripped)
        if heading:
            doc.add_heading(_inline(heading.group(2)), level=min(len(heading.group(1)) - 1, 4) or 0)
        elif re.match(r"^[-*+]\s+", stripped):
            doc.add_paragraph(_inline(re.sub(r"^[-*+]\s+", "", stripped)), style="List Bullet")
        elif re.match(r"^\d+[.)]\s+", stripped):
            doc.add_paragraph(_inline(re.sub(r"^\d+[.)]\s+", "", stripped)), style="List Number")
        else:
            doc.add_paragraph(_inline(stripped))
    flush_table()
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
