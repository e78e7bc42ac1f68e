"""The 404 and 500 pages, in the site's look."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.views.defaults import server_error

from tests.ui.helpers import text_of

pytestmark = pytest.mark.django_db


def test_an_unknown_address_gets_the_sites_404_page(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in text_of(response)
    assert 'class="site-header"' in html
    assert 'action="/search/"' in html


def test_the_500_page_needs_no_database_nor_request(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert 'class="site-header"' in html
    assert "/static/css/portal.css" in html


def test_the_500_template_renders_with_an_empty_context():
    assert "Something went wrong" in render_to_string("500.html")
