"""The docs page in a real browser: it renders from our files alone and lists both endpoints."""

import json

from playwright.sync_api import expect

from tests.contract import PUBLIC_EXAMPLE

LIST_PATH = "/api/v1/goals/{goalId}/milestones"
DETAIL_PATH = "/api/v1/goals/{goalId}/milestones/{milestoneId}"


def test_docs_page_renders_offline_and_lists_both_endpoints(watched):
    page = watched.page

    page.goto("/api/docs")

    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Strive API")
    paths = page.locator(".opblock-summary-path")
    expect(paths).to_have_count(2)
    assert sorted(paths.all_inner_texts()) == [LIST_PATH, DETAIL_PATH]
    expect(page.locator(".opblock-summary-method")).to_have_text(["GET", "GET"])
    expect(page.get_by_role("button", name="Authorize")).to_be_visible()
    watched.screenshot("docs-page")
    assert watched.foreign_requests == []
    assert watched.failed_requests == []
    assert watched.console_errors == []


def test_docs_page_shows_the_public_example_and_the_error_bodies(watched):
    page = watched.page
    page.goto("/api/docs")

    page.locator(f'.opblock-summary-path[data-path="{LIST_PATH}"]').click()

    operation = page.locator("#operations-Milestones-listMilestones")
    example = operation.locator(".responses-wrapper .microlight").first
    expect(example).to_contain_text("Complete first 5K run")
    expect(operation.locator(".response-col_status")).to_contain_text(
        ["200", "401", "403", "404", "405", "429", "500"]
    )
    expect(operation).to_contain_text("X-RateLimit-Remaining")
    watched.screenshot("docs-list-milestones")
    assert watched.foreign_requests == []


def test_try_it_out_reads_the_demo_milestones_with_a_key(watched, server):
    page = watched.page
    page.goto("/api/docs")

    page.get_by_role("button", name="Authorize").click()
    page.locator("#auth-bearer-value").fill(server.demo_key)
    page.get_by_role("button", name="Apply credentials").click()
    page.locator(".auth-btn-wrapper .btn-done").click()
    page.locator(f'.opblock-summary-path[data-path="{DETAIL_PATH}"]').click()
    operation = page.locator("#operations-Milestones-getMilestone")
    operation.get_by_role("button", name="Try it out").click()
    operation.locator('input[placeholder="goalId"]').fill("abc123")
    operation.locator('input[placeholder="milestoneId"]').fill("ms001")
    operation.get_by_role("button", name="Execute").click()

    live = operation.locator(".live-responses-table")
    expect(live.locator("tbody .response-col_status").first).to_have_text("200")
    body = live.locator(".response-col_description .microlight").first
    expect(body).to_contain_text("ms001")
    assert json.loads(body.inner_text()) == {"data": PUBLIC_EXAMPLE["data"][0]}
    watched.screenshot("docs-try-it-out", mask=[page.locator(".curl-command")])
    assert watched.foreign_requests == []
