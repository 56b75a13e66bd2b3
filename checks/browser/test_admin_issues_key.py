"""Staff in a real browser: log in, build a goal, issue a key once, and the key reads the goal."""

import re

from playwright.sync_api import Page, expect

from checks.browser.conftest import KEY, STAFF_PASSWORD, STAFF_USERNAME

GOAL_ID = "learn-spanish"
MILESTONES = [
    ("Finish the A1 course", "succeeded", "0", "2026-04-30"),
    ("Hold a 10-minute conversation", "pending", "1", "2026-09-30"),
]


def log_in(page: Page) -> None:
    page.goto("/admin/")
    page.get_by_label("Username").fill(STAFF_USERNAME)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#site-name")).to_be_visible()


def add_goal_with_milestones_and_a_stakeholder(page: Page) -> None:
    page.goto("/admin/goals/goal/add/")
    page.locator("#id_id").fill(GOAL_ID)
    page.locator("#id_title").fill("Learn Spanish")
    milestones = page.locator("#milestones-group")
    for row, (description, status, order, deadline) in enumerate(MILESTONES):
        milestones.get_by_role("button", name="Add another Milestone").click()
        page.locator(f"#id_milestones-{row}-id").fill(f"{GOAL_ID}-{row + 1}")
        page.locator(f"#id_milestones-{row}-description").fill(description)
        page.locator(f"#id_milestones-{row}-status").select_option(status)
        page.locator(f"#id_milestones-{row}-order").fill(order)
        page.locator(f"#id_milestones-{row}-deadline_0").fill(deadline)
        page.locator(f"#id_milestones-{row}-deadline_1").fill("00:00:00")
    stakeholders = page.locator("#stakeholders-group")
    stakeholders.get_by_role("button", name="Add another Stakeholder").click()
    # The user field is an autocomplete (select2): open it, type, pick.
    stakeholders.locator(".select2-selection").first.click()
    page.locator(".select2-search__field").fill("maria")
    page.locator(".select2-results__option", has_text="maria").click()
    page.locator("#id_stakeholders-0-is_supporter").check()

    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".messagelist .success")).to_contain_text("was added successfully")


def test_staff_issue_a_key_that_is_shown_once_and_reads_the_milestones(watched, server):
    page = watched.page
    log_in(page)
    add_goal_with_milestones_and_a_stakeholder(page)
    page.goto(f"/admin/goals/goal/{GOAL_ID}/change/")
    watched.screenshot("admin-goal-with-milestones")

    page.goto("/admin/apikeys/apikey/add/")
    page.locator("#id_user").select_option(label="maria")
    page.locator("#id_name").fill("browser check")
    expect(page.get_by_label("milestones:read")).to_be_checked()
    page.get_by_role("button", name="Save", exact=True).click()

    shown = page.locator("#raw-key")
    expect(page.locator(".messagelist .success")).to_contain_text("Copy it now")
    raw_key = shown.input_value()
    assert KEY.fullmatch(raw_key)
    assert page.content().count(raw_key) == 1
    assert page.url.endswith("/admin/apikeys/apikey/add/")  # the POST's own answer, no redirect
    watched.screenshot("admin-key-issued-once", mask=[shown])

    # A reload re-sends the form: nothing is issued again and the key is not shown again.
    page.reload()
    expect(page.locator(".messagelist .warning")).to_contain_text("Nothing new was issued")
    assert raw_key not in page.content()
    watched.screenshot("admin-reload-issues-nothing")
    # Gone everywhere else too: the list (one key for maria) and the key's own page.
    prefix = raw_key[:16]
    page.goto("/admin/apikeys/apikey/?q=maria")
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    assert raw_key not in page.content()
    page.get_by_role("link", name=re.compile(re.escape(prefix))).click()
    expect(page.locator(".field-prefix")).to_contain_text(prefix)
    assert raw_key[16:] not in page.content()
    watched.screenshot("admin-key-details-without-the-key")

    response = page.request.get(
        f"/api/v1/goals/{GOAL_ID}/milestones", headers={"Authorization": f"Bearer {raw_key}"}
    )
    assert response.status == 200
    data = response.json()["data"]
    assert [(m["description"], m["status"], m["order"]) for m in data] == [
        (description, status, int(order)) for description, status, order, _ in MILESTONES
    ]
    assert [m["deadline"] for m in data] == [f"{d}T00:00:00.000Z" for *_, d in MILESTONES]
    assert watched.foreign_requests == []
    assert watched.console_errors == []
