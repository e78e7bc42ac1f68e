"""An analyst narrows the MOUs down, follows the links, and downloads what they found."""

import csv
import re

from playwright.sync_api import expect


def test_an_analyst_narrows_the_mous_and_downloads_them(page, site, tmp_path):
    page.goto(site + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Singapore-China (Shenzhen) Smart City Initiative"
    )
    page.get_by_role("navigation", name="Main").get_by_role("link", name="MOUs").click()
    expect(page).to_have_url(site + "/mous/")
    expect(page.locator("#result-count")).to_have_text("13 MOUs")

    page.get_by_label("Area").select_option("innovation-and-entrepreneurship")
    page.get_by_label("JIC meeting").select_option("3")
    page.get_by_role("button", name="Apply filters").click()
    # The empty fields of the form are dropped: the URL holds just the filters in force.
    expect(page).to_have_url(re.compile(r"/mous/\?area=innovation-and-entrepreneurship&meeting=3$"))
    expect(page.locator("#result-count")).to_have_text("6 MOUs match the filters")
    listed = page.locator(".records .record-title a").all_inner_texts()
    assert len(listed) == 6

    nus_tsinghua = re.compile(r"National University of Singapore \(NUS\) and Tsinghua")
    page.get_by_role("link", name=nus_tsinghua).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tsinghua Shenzhen International")
    page.locator(".parties").get_by_role("link", name="National University of Singapore").click()
    expect(page).to_have_url(site + "/parties/national-university-of-singapore/")
    expect(page.get_by_role("heading", level=1)).to_have_text("National University of Singapore")
    expect(page.get_by_role("heading", name=re.compile(r"MOUs signed"))).to_be_visible()

    page.go_back()
    page.go_back()
    expect(page.locator("#result-count")).to_have_text("6 MOUs match the filters")
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name.startswith("sci-portal-mous-") and path.suffix == ".csv"
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert sorted(row["title"] for row in rows) == sorted(listed)
    assert {row["area"] for row in rows} == {"Innovation and Entrepreneurship"}
    assert {row["meeting"] for row in rows} == {"3"}


def test_the_filters_work_without_javascript(new_context, site):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(site + "/projects/")
    page.get_by_label("Phase").select_option("1")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(site + "/projects/?phase=1")
    expect(page.locator("#result-count")).to_have_text("3 projects match the filters")
    page.get_by_role("link", name="Remove filter Phase: Phase 1").click()
    expect(page.locator("#result-count")).to_have_text("18 projects")


def test_bad_input_shows_a_message_not_a_crash(page, site):
    response = page.goto(site + "/mous/?signed_after=2022-02-30&page=x")
    assert response.status == 400
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Signed on or after: Enter a valid date.")
    alert.get_by_role("link", name="Signed on or after").click()
    expect(page.locator("#id_signed_after")).to_be_focused()


def test_the_skip_link_is_the_first_stop_for_the_keyboard(page, site):
    page.goto(site + "/mous/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))


def test_the_citation_can_be_copied_with_javascript(page, site):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(site + "/projects/onesme/")
    page.get_by_role("button", name="Copy citation").click()
    expect(page.get_by_role("status").filter(has_text="Citation copied.")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("#citation-text").input_value()
    assert "“OneSME (Phase 1)”." in copied


def test_a_chinese_reader_is_told_in_chinese_that_the_citation_was_copied(page, site):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(site + "/zh-hans/projects/onesme/")
    page.get_by_role("button", name="复制引文").click()
    expect(page.get_by_role("status").filter(has_text="引文已复制。")).to_be_visible()
