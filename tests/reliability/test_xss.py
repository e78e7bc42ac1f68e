"""Script payloads in every text field of every model are rendered escaped everywhere."""

from reliability.xss import (
    admin_start_urls,
    crawl,
    fill_with_payloads,
    is_public_path,
    public_start_urls,
    scan_response,
)


def test_a_payload_rendered_as_markup_is_caught():
    leaks, _ = scan_response("text/html", '<p>ok</p><script>xss(7)</script><img onerror="xss(8)">')
    assert len(leaks) == 2
    feed = '<feed><summary type="html">&lt;img src=x onerror=xss(9)&gt;</summary></feed>'
    assert len(scan_response("application/atom+xml", feed)[0]) == 1
    escaped = "<p>&lt;script&gt;xss(7)&lt;/script&gt;</p>"
    assert scan_response("text/html", escaped)[0] == []


def test_every_public_page_export_and_feed_shows_payloads_only_as_text(transcribed, client):
    filled = fill_with_payloads()
    assert filled.skipped == []
    report = crawl(client.get, public_start_urls(client.get), is_public_path)
    assert report.leaks == []
    assert report.server_errors == []
    assert len(report.fields_seen) >= 15  # the payloads really are on the pages read


def test_the_admin_shows_payloads_only_as_text(transcribed, admin_client):
    fill_with_payloads()
    report = crawl(admin_client.get, admin_start_urls(admin_client.get), lambda path: False)
    assert report.leaks == []
    assert report.server_errors == []
    assert len(report.fields_seen) >= 30
