"""The reach walk: find the site's pages by following links, and check each one on a phone.

Used by ``test_walk.py`` (against the live test server loaded with the demo) and runnable by
hand against any running site::

    .venv/bin/python -m tests.browser.walk http://127.0.0.1:8000 [--langs en,ar] [--roles anonymous,fp]

Pages are found from ``/`` and, for a signed-in role, the dashboard, by following the links
of every page walked (never a fixed list), so a page added later is walked without being
named. The walk is bounded: at most ``per_name`` URLs per resolved URL name (``app:name``),
per role, per language, and ``max_pages`` pages per role and language.

On every page, at 375x667:
- axe-core (vendored) with the WCAG 2.0/2.1 A and AA rules: no serious or critical violation;
- no horizontal overflow: the document is no wider than the viewport, and no element sticks out
  of either edge (in Arabic, overflow runs off the left edge, where nothing can scroll to it);
- mixed languages: every element whose ``lang`` differs from the page's carries ``dir``; text in
  another script than the page's (Arabic or CJK in a Latin page, a Latin sentence in an Arabic
  page) sits inside such an element; and the places that show user text (quotes, citations,
  lists of records, cards, the workshop wall, mail previews) show it through the ``user_text``
  filter (``data-user-text``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 375, "height": 667}

# Paths never followed: they act (log out, switch language), are not pages of the site
# (admin, development outbox, mail webhook), or are machine-readable.
SKIP_PREFIXES = (
    "/accounts/logout/",
    "/language/",
    "/i18n/",
    "/admin/",
    "/outbox/",
    "/mail/",
    "/static/",
    "/media/",
    # The optional Swagger UI explorer linked from the API docs: a third-party widget (its own
    # markup nests controls); the API docs themselves are the server-rendered page, walked.
    "/api/v1/docs/explorer",
)
SKIP_SUFFIXES = (".xml", ".ics", ".json", ".csv", ".pdf", ".txt", ".md", ".rss", ".atom")

# Places that show user text: each must show it through the ``user_text`` filter.
USER_TEXT_PLACES = [
    "blockquote",
    ".cite",
    ".result",
    ".sheet",
    ".mail-body",
]

CHECK_JS = r"""
(args) => {
  const [pageLang, places] = args;
  const primary = (l) => (l || '').toLowerCase().split('-')[0];
  const pageDir = getComputedStyle(document.documentElement).direction;
  const W = document.documentElement.clientWidth;
  const describe = (el) => {
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && parts.length < 4; e = e.parentElement) {
      let s = e.tagName.toLowerCase();
      if (e.id) { s += '#' + e.id; parts.unshift(s); break; }
      if (e.classList.length) s += '.' + [...e.classList].slice(0, 2).join('.');
      parts.unshift(s);
    }
    let html = el.outerHTML.replace(/\s+/g, ' ');
    if (html.length > 160) html = html.slice(0, 157) + '...';
    return parts.join(' > ') + '  ' + html;
  };
  const out = {overflow: [], lang: [], places: []};

  // 1. Horizontal overflow.
  const sw = document.documentElement.scrollWidth;
  if (sw > W) out.overflow.push(`document is ${sw}px wide in a ${W}px viewport`);
  const clipped = (el) => {
    for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') return true;
    }
    return false;
  };
  const sticking = new Set();
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const left = r.left < -1 && r.right > 0, right = r.right > W + 1 && r.left < W;
    if ((left || right) && !clipped(el)) sticking.add(el);
  }
  for (const el of sticking) {
    if (sticking.has(el.parentElement)) continue;  // the outermost only
    const r = el.getBoundingClientRect();
    const side = r.left < -1 ? `${Math.round(-r.left)}px off the left edge` : `${Math.round(r.right - W)}px off the right edge`;
    out.overflow.push(`${side}: ${describe(el)}`);
  }

  // 2. Mixed languages.
  for (const el of document.querySelectorAll('body [lang]')) {
    if (primary(el.getAttribute('lang')) !== primary(pageLang) && !el.hasAttribute('dir'))
      out.lang.push(`lang="${el.getAttribute('lang')}" without dir: ${describe(el)}`);
  }
  const arabic = /[\u0590-\u08FF\uFB1D-\uFEFF]/, cjk = /[\u3040-\u30FF\u3400-\u9FFF\uAC00-\uD7AF]/;
  const latinSentence = /[A-Za-z\u00C0-\u024F]{2,}(?:[ ,'’-]+[A-Za-z\u00C0-\u024F]{2,}){3,}/;
  // The first strong character decides the direction dir="auto" would give: a Latin sentence that
  // starts a text on an Arabic page is laid out right to left (its full stop at the wrong end)
  // unless it is marked; Latin words inside an Arabic sentence are laid out right by the bidi rules.
  const firstStrongLatin = (t) => { const m = t.match(/[A-Za-z\u00C0-\u024F\u0590-\u08FF]/); return !!m && !arabic.test(m[0]); };
  // Where user text is shown (interface text still waiting for its translation is not user text).
  const contentPlaces = '.prose, .result, .sheet, .cite, blockquote, dd, td, .suggestion h3, h1, .mail-body';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.nodeValue;
    const host = n.parentElement;
    if (!host || host.closest('script, style, code, kbd, samp, [aria-hidden=true], option, .visually-hidden, textarea, label, .help, nav, .facets')) continue;
    const foreign = pageDir === 'rtl'
      ? (latinSentence.test(text) && firstStrongLatin(text) && host.closest(contentPlaces))
      : (arabic.test(text) || (primary(pageLang) !== 'zh' && cjk.test(text)));
    if (!foreign) continue;
    if (host.closest('[data-user-text]')) continue;  // marked by the user_text filter
    // Identifiers and addresses around user text (a citation's id, date and link) need only a direction.
    if (pageDir === 'rtl' && host.closest('[dir]:not(html)')) continue;
    const marked = host.closest('[lang]');
    if (marked && marked !== document.documentElement && primary(marked.getAttribute('lang')) !== primary(pageLang)
        && marked.hasAttribute('dir')) continue;
    if (seen.has(host)) continue;
    seen.add(host);
    out.lang.push(`text in another script without its lang and dir: ${describe(host)}`);
  }
  for (const sel of places) {
    for (const el of document.querySelectorAll('main ' + sel)) {
      if (el.closest('[data-user-text]') || el.querySelector('[data-user-text]')) continue;
      out.places.push(`${sel} shows user text without the user_text filter: ${describe(el)}`);
    }
  }
  return out;
}
"""


@dataclass
class Failure:
    role: str
    lang: str
    path: str
    rule: str
    element: str

    def __str__(self) -> str:
        return f"[{self.role} {self.lang}] {self.path}  {self.rule}: {self.element}"


@dataclass
class WalkResult:
    pages: list[tuple[str, str, str]] = field(default_factory=list)  # (role, lang, path)
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0

    def by_rule(self) -> Counter:
        return Counter(f.rule for f in self.failures)

    def pages_with(self, rule: str) -> set[tuple[str, str, str]]:
        return {(f.role, f.lang, f.path) for f in self.failures if f.rule == rule}

    def summary(self) -> str:
        names = {p for _r, _l, p in self.pages}
        lines = [
            f"{len(self.pages)} page views ({len(names)} distinct URLs) in {self.seconds:.0f}s;"
            f" {len(self.failures)} failures"
        ]
        lines += [f"  {rule}: {n} (on {len(self.pages_with(rule))} page views)"
                  for rule, n in self.by_rule().most_common()]
        return "\n".join(lines)


def url_name(path: str) -> str | None:
    """``app:name`` of a path, or None when it is not one of the site's pages."""
    from django.urls import Resolver404, resolve

    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def _followable(site: str, href: str) -> str | None:
    url, _frag = urldefrag(href)
    if not url.startswith(site):
        return None
    path = url[len(site):] or "/"
    bare = urlsplit(path).path
    if bare.startswith(SKIP_PREFIXES) or bare.endswith(SKIP_SUFFIXES):
        return None
    return path


def walk_role(context, site: str, *, role: str, lang: str, start: list[str], per_name: int = 2,
              max_pages: int = 60, result: WalkResult, name_of=url_name,
              checked: dict[str, int] | None = None, max_visits: int = 0) -> None:
    """Walk one role in one language (the context carries its session and language cookie).

    ``checked`` counts, across the roles already walked in this language, the pages checked per
    URL name: a URL name others already checked ``per_name`` times is only visited for its
    links (at most ``max_visits`` such visits), so each further role adds the pages only it
    reaches (review queues, moderation, its dashboard) without walking the public site again.
    """
    axe_source = AXE.read_text(encoding="utf-8")
    page = context.new_page()
    queue = list(start)
    queued = set(queue)
    per = defaultdict(int)
    checked = checked if checked is not None else defaultdict(int)
    walked = visits = 0
    while queue and walked < max_pages:
        path = queue.pop(0)
        name = name_of(urlsplit(path).path) or path
        if per[name] >= per_name:
            continue
        links_only = path not in start and checked[name] >= per_name
        if links_only:
            if visits >= max_visits:
                continue
            visits += 1
        try:
            response = page.goto(site + path, wait_until="load")
        except Exception as exc:  # noqa: BLE001 - a download, or a page that would not load
            if "Download is starting" in str(exc):
                continue
            result.failures.append(Failure(role, lang, path, "page-does-not-load", str(exc)[:200]))
            continue
        if response is None or "text/html" not in (response.headers.get("content-type") or ""):
            continue
        final = _followable(site, page.url)
        if final is None:
            continue
        if response.status >= 400:
            if response.status >= 500:
                result.failures.append(Failure(role, lang, path, f"http-{response.status}", page.url))
            continue
        per[name] += 1
        if not links_only:
            walked += 1
            checked[name] += 1
            result.pages.append((role, lang, final))
            check_page(page, axe_source, role=role, lang=lang, path=final, result=result)
        hrefs = page.eval_on_selector_all(  # getAttribute: an <a> inside an SVG map has no string .href
            "a[href]:not([download])", "els => els.map(a => new URL(a.getAttribute('href'), document.baseURI).href)")
        for href in hrefs:
            nxt = _followable(site, href)
            if nxt and nxt not in queued:
                queued.add(nxt)
                queue.append(nxt)
    page.close()


def check_page(page, axe_source: str, *, role: str, lang: str, path: str, result: WalkResult) -> None:
    """axe-core, overflow and mixed-language checks on the loaded page; failures into ``result``."""
    final = path
    page_lang = page.evaluate("document.documentElement.getAttribute('lang') || ''")
    if not page_lang:
        result.failures.append(Failure(role, lang, final, "html-lang", "<html> has no lang"))
    page.evaluate(axe_source)
    axe = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})", AXE_TAGS)
    for v in axe["violations"]:
        if v["impact"] not in ("serious", "critical"):
            continue
        for node in v["nodes"]:
            html = " ".join(node.get("html", "").split())[:160]
            result.failures.append(Failure(
                role, lang, final, f"axe:{v['id']}", f"{' '.join(map(str, node['target']))}  {html}"))
    checks = page.evaluate(CHECK_JS, [page_lang or lang, USER_TEXT_PLACES])
    for item in checks["overflow"][:4]:
        result.failures.append(Failure(role, lang, final, "overflow-375", item))
    for item in checks["lang"][:6]:
        result.failures.append(Failure(role, lang, final, "mixed-language", item))
    for item in checks["places"][:4]:
        result.failures.append(Failure(role, lang, final, "user-text-filter", item))


def login_cookies(browser, site: str, email: str, password: str) -> list[dict]:
    """Sign in through the login form; the session cookie for the role's contexts."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site}/accounts/login/")
    page.fill("main form input[type=email], main form input[name=username]", email)
    page.fill("main form input[type=password]", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    if "/accounts/login/" in page.url:
        raise RuntimeError(f"could not sign in as {email}: {page.inner_text('main')[:300]}")
    cookies = [c for c in context.cookies() if c["name"] != "django_language"]
    context.close()
    return cookies


def walk(browser, site: str, *, roles: dict[str, tuple[str, str] | None], langs: list[str],
         sample_langs: list[str] = (), per_name: int = 2, max_pages: int = 60,
         sample_pages: int = 8, max_visits: int = 25, name_of=url_name) -> WalkResult:
    """Walk every role in every language (and anonymously in each sample language)."""
    started = time.monotonic()
    result = WalkResult()
    host = urlsplit(site).hostname
    checked: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for role, creds in roles.items():
        cookies = login_cookies(browser, site, *creds) if creds else []
        start = ["/"] + (["/accounts/me/"] if creds else [])
        plan = [(lang, per_name, max_pages) for lang in langs]
        if creds is None:
            plan += [(lang, 1, sample_pages) for lang in sample_langs]
        for lang, cap, limit in plan:
            context = browser.new_context(viewport=PHONE, locale="en-GB")
            context.set_default_timeout(20_000)
            context.add_cookies(cookies + [{"name": "django_language", "value": lang, "domain": host,
                                            "path": "/"}])
            try:
                walk_role(context, site, role=role, lang=lang, start=start, per_name=cap,
                          max_pages=limit, result=result, name_of=name_of, checked=checked[lang],
                          max_visits=max_visits)
            finally:
                context.close()
    result.seconds = time.monotonic() - started
    return result


def main(argv=None) -> int:
    import os

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site")
    parser.add_argument("--langs", default="en,ar")
    parser.add_argument("--sample-langs", default="es,fr,ru,zh-hans")
    parser.add_argument("--roles", default="", help="comma-separated subset of the demo roles")
    parser.add_argument("--json", help="write the failures here")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clearinghouse.settings")
    import django

    django.setup()
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    roles = DEMO_ROLES
    if args.roles:
        roles = {k: v for k, v in DEMO_ROLES.items() if k in args.roles.split(",")}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        result = walk(browser, args.site.rstrip("/"), roles=roles, langs=args.langs.split(","),
                      sample_langs=[x for x in args.sample_langs.split(",") if x])
        browser.close()
    for f in result.failures:
        print(f)
    print(result.summary())
    if args.json:
        Path(args.json).write_text(json.dumps({
            "pages": result.pages, "failures": [f.__dict__ for f in result.failures],
            "by_rule": result.by_rule(), "seconds": result.seconds}, indent=1, ensure_ascii=False))
    return 1 if result.failures else 0


DEMO_DOMAIN = "demo.clearinghouse.localhost"
DEMO_PASSWORD = "demo-password-2026"
# Each demo role once: the public, a focal point, an authorised user, the secretariat, a
# moderator and a registered user of an observer organisation.
DEMO_ROLES: dict[str, tuple[str, str] | None] = {
    "anonymous": None,
    "focal-point": (f"fp.ke@{DEMO_DOMAIN}", DEMO_PASSWORD),
    "authorised-user": (f"au.co@{DEMO_DOMAIN}", DEMO_PASSWORD),
    "secretariat": (f"secretariat@{DEMO_DOMAIN}", DEMO_PASSWORD),
    "moderator": (f"moderator@{DEMO_DOMAIN}", DEMO_PASSWORD),
    "registered": (f"observer.biosafety@{DEMO_DOMAIN}", DEMO_PASSWORD),
}


if __name__ == "__main__":
    sys.exit(main())
