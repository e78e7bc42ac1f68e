"""The bilingual pages' helpers: record text marked by language, and the page in each language.

Record data the sources give only in English (titles, descriptions, quotes, most
names) is marked lang="en" on a Chinese page, so screen readers read it as
English and a test can tell it from untranslated interface text.
"""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString

from meetings.models import ChineseNamed, chinese_page

register = template.Library()


def html_lang(code: str) -> str:
    """A language code as HTML and hreflang spell it: zh-hans -> zh-Hans."""
    return translation.to_locale(code).replace("_", "-")


@register.filter
def in_english(value) -> SafeString:
    """Record text that exists only in English, marked as such on a page in another language."""
    if value is None or value == "" or not chinese_page():
        return conditional_escape(value if value is not None else "")
    return format_html('<span lang="en">{}</span>', value)


@register.filter
def local_name(record) -> SafeString:
    """A record's name for the page's language: its sourced Chinese name on a Chinese page,
    else its English name (marked lang="en" there)."""
    if chinese_page() and getattr(record, "name_zh", ""):
        return conditional_escape(record.name_zh)
    return in_english(record.name)


@register.filter
def record_label(record) -> SafeString:
    """A record as a list shows it: by its local name where it can have a Chinese one,
    else by its English label."""
    if isinstance(record, ChineseNamed):
        return local_name(record)
    return in_english(str(record))


@register.simple_tag(takes_context=True)
def current_html_lang(context) -> str:
    return html_lang(translation.get_language() or settings.LANGUAGE_CODE)


@dataclass
class PageLanguage:
    code: str
    hreflang: str
    name: str
    url: str
    current: bool
    # The unprefixed language: its URL is also the x-default alternate.
    default: bool


@register.simple_tag(takes_context=True)
def page_languages(context) -> list[PageLanguage]:
    """This page in every language the site speaks, with absolute URLs for hreflang.

    A page no URL pattern matched (a 404) has no counterpart: its links lead to
    each language's home page.
    """
    request: HttpRequest | None = context.get("request")
    if request is None:
        return []
    current = translation.get_language()
    matched = getattr(request, "resolver_match", None) is not None
    languages = []
    for code, name in settings.LANGUAGES:
        if matched:
            url = translate_url(request.get_full_path(), code)
        else:
            with translation.override(code):
                url = reverse("home")
        languages.append(
            PageLanguage(
                code=code,
                hreflang=html_lang(code),
                name=name,
                url=request.build_absolute_uri(url),
                current=code == current,
                default=code == settings.LANGUAGE_CODE,
            )
        )
    return languages
