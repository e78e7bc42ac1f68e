"""The site in Chinese in a real browser: the switcher keeps the reader on the same record,
the choice is remembered, and every page type passes axe-core in Chinese too."""

import re

from playwright.sync_api import expect

from .conftest import PHONE
from .test_accessibility import PAGES, serious_violations

MOU = "/mous/imda-commerce-bureau-paperless-trade-protocol/"
TITLE = re.compile(r"^Protocol to the Memorandum of Understanding")


def test_switching_language_on_an_mou_page_lands_on_the_same_mou_in_chinese(page, site):
    page.goto(site + MOU + "?from=list")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    page.get_by_role("button", name="简体中文").click()

    expect(page).to_have_url(site + "/zh-hans" + MOU + "?from=list")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("link", name="深圳市商务局")).to_be_visible()
    expect(page.locator(".facts")).to_contain_text("2022年11月25日")

    # The choice is remembered: the site's root address now opens in Chinese.
    page.goto(site + "/")
    expect(page).to_have_url(site + "/zh-hans/")
    expect(page.get_by_role("heading", level=1)).to_have_text("新中(深圳)智慧城市项目")

    page.get_by_role("button", name="English").click()
    expect(page).to_have_url(site + "/")
    page.goto(site + "/")
    expect(page).to_have_url(site + "/")
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_a_chinese_reader_can_filter_the_mous(page, site):
    page.goto(site + "/zh-hans/mous/")
    page.get_by_label("合作领域").select_option(label="Digital Trade（1）")
    page.get_by_role("button", name="应用筛选").click()
    expect(page).to_have_url(re.compile(r"/zh-hans/mous/\?area=digital-trade$"))
    expect(page.locator("#result-count")).to_have_text("1 份谅解备忘录 符合筛选条件")


def test_no_chinese_page_type_has_serious_accessibility_problems(page, phone, site, screenshots):
    problems = {}
    for name, path in PAGES.items():
        for width, browser_page in (("desktop", page), ("phone", phone)):
            browser_page.goto(site + "/zh-hans" + path)
            expect(browser_page.get_by_role("heading", level=1)).to_be_visible()
            browser_page.screenshot(path=screenshots / f"zh-{name}-{width}.png", full_page=True)
            if found := serious_violations(browser_page):
                problems[f"{name} ({width})"] = found
            if width == "phone":
                wide = browser_page.evaluate("document.documentElement.scrollWidth")
                if wide > PHONE["width"]:
                    problems[f"{name} (phone)"] = [f"{wide}px wide"]
    assert problems == {}
