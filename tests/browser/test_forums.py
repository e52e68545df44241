"""The discussions in a real browser (Playwright driving Debian's Chromium): join with
consent, watch, post with htmx, moderate with a reason, and publish the synthesis."""

from __future__ import annotations

import pytest

from clearinghouse.forums.models import Post, Synthesis, Watch
from tests.browser.conftest import login
from tests.factories import focal_point
from tests.forums.helpers import close_now, make_discussion, make_thread

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


def test_join_watch_post_moderate_and_synthesise(page, site):
    discussion = make_discussion()
    thread = make_thread(discussion)
    moderator = discussion.moderators.first()
    person = focal_point("KE", email="wanjiru@example.org", display_name="Wanjiru Kamau")

    login(page, site, person.email, PASSWORD)
    page.goto(f"{site}{discussion.get_absolute_url()}")
    page.get_by_label("I accept these conditions").check()
    page.get_by_role("button", name="Join the discussion").click()
    page.wait_for_load_state()
    assert "You take part in this discussion." in page.inner_text("main")

    page.goto(f"{site}{thread.get_absolute_url()}")
    page.get_by_label("Watch this thread").select_option("email")
    page.locator(".watch button").click()
    page.get_by_text("You are watching.").wait_for()
    assert Watch.objects.get(user=person, thread=thread).level == "email"

    page.get_by_label("Your post").fill("Kenya involved the **National Biosafety Authority** from the start.")
    page.get_by_role("button", name="Post", exact=True).click()
    page.locator("#posts article").filter(has_text="National Biosafety Authority").wait_for()
    assert page.locator("#posts strong", has_text="National Biosafety Authority").count() == 1
    assert page.get_by_label("Your post").input_value() == ""  # the form is fresh again
    assert page.js_errors == []
    post = Post.objects.get(author=person)

    page.context.clear_cookies()
    login(page, site, moderator.email, PASSWORD)
    page.goto(f"{site}{thread.get_absolute_url()}")
    article = page.locator(f"#post-{post.uid}")
    article.get_by_text("Hide", exact=True).click()
    article.get_by_label("Reason (shown to readers)").fill("Posted in the wrong thread")
    article.get_by_role("button", name="Hide the post").click()
    page.wait_for_load_state()
    assert Post.objects.get(pk=post.pk).status == Post.Status.HIDDEN

    close_now(discussion)
    page.goto(f"{site}/discussions/{discussion.slug}/synthesis/")
    page.get_by_role("button", name="Start the synthesis").click()
    page.wait_for_load_state()
    editor = page.get_by_label("Synthesis (Markdown)")
    editor.fill(editor.input_value() + "\n## Conclusion\n\nInvolve the biosafety authority early.\n")
    page.get_by_role("button", name="Publish as a document").click()
    page.wait_for_load_state()
    assert "The synthesis is published as a document." in page.inner_text("main")
    assert Synthesis.objects.get(discussion=discussion).status == "published"
    with page.expect_download() as download:
        page.get_by_role("link", name="DOCX").click()
    assert download.value.suggested_filename.endswith(".docx")
