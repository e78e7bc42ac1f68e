"""Hostile values in every filter of every HTML list never give a server error."""

from django.test import Client

from reliability.fuzz_html import QUICK_VALUES, client_getter, fuzz, hostile_queries


def test_the_fuzzer_sends_undecodable_bytes_and_huge_values():
    queries = list(hostile_queries(["q"], QUICK_VALUES))
    assert "q=%FF%FE%FD" in queries and "q=%00" in queries
    assert any(len(q) > 3000 for q in queries)


def test_no_hostile_filter_value_gives_a_server_error(transcribed):
    report = fuzz(client_getter(Client(raise_request_exception=False)), QUICK_VALUES)
    assert {"/mous/", "/projects/", "/parties/", "/meetings/"} <= set(report.pages)
    assert report.requests > 500
    assert report.server_errors == []
