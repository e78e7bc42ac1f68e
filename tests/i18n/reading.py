"""Reading a rendered page by language: what its markup says is Chinese, and what is English."""

import re
from html.parser import HTMLParser

from meetings.models import CoChair, Meeting, Source
from mous.models import MOU, Area, AreaCitation, MOUCitation, Party, PartyCitation, Signatory
from projects.models import Milestone, Project, ProjectCitation, ProjectPartner

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
# Text in these elements cannot mark a part of itself as English.
UNMARKABLE = {"title", "textarea", "desc"}
ATTRIBUTES = ("aria-label", "placeholder", "title", "alt")
# Latin words a Chinese page may use: the site's brand, the download formats, and
# the framework the search box's example names.
ALLOWED = {"SCI", "CSV", "JSON", "Atom", "TradeTrust"}
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
URL = re.compile(r"https?://\S+")


class LanguageReader(HTMLParser):
    """Sorts a page's text: text in the page's language, text marked lang="en", and text
    (titles, text areas, attributes) that cannot mark its parts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.html_lang = ""
        self.stack: list[tuple[str, str]] = []
        self.in_language: list[str] = []
        self.english: list[str] = []
        self.unmarkable: list[str] = []

    @property
    def lang(self) -> str:
        return self.stack[-1][1] if self.stack else self.html_lang

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang", "")
        lang = attrs.get("lang") or self.lang
        if not lang.startswith("en"):
            self.unmarkable += [attrs[name] for name in ATTRIBUTES if attrs.get(name)]
            if tag == "meta" and attrs.get("name") == "description":
                self.unmarkable.append(attrs["content"])
        if tag not in VOID:
            self.stack.append((tag, lang))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not data.strip():
            return
        tag = self.stack[-1][0] if self.stack else ""
        if tag in {"script", "style"}:
            return
        if tag in UNMARKABLE:
            self.unmarkable.append(data)
        elif self.lang.startswith("en"):
            self.english.append(data)
        else:
            self.in_language.append(data)


def read(html: str) -> LanguageReader:
    reader = LanguageReader()
    reader.feed(html)
    return reader


def latin_words(text: str) -> list[str]:
    return [word for word in LATIN_WORD.findall(URL.sub(" ", text)) if word not in ALLOWED]


def record_texts() -> list[str]:
    """Every text the database holds as record data, longest first."""
    texts: set[str] = set()

    def add(*values):
        texts.update(str(v).strip() for v in values if v and str(v).strip())

    for party in Party.objects.all():
        add(party.name, party.short_name, party.city, party.name_zh_source, party.description)
        add(*party.other_names_list)
    for area in Area.objects.all():
        add(area.name, area.description, area.name_zh_source)
    for mou in MOU.objects.all():
        add(mou.title, mou.short_title, mou.description, mou.description_zh_source)
    for project in Project.objects.all():
        add(project.name, project.description, project.description_zh_source)
    for meeting in Meeting.objects.all():
        add(meeting.place, meeting.summary)
    for c in CoChair.objects.all():
        add(c.name, c.honorific, c.title, c.name_zh_source)
    for source in Source.objects.all():
        add(source.title, source.publisher)
    for model in (AreaCitation, MOUCitation, PartyCitation, ProjectCitation):
        for cite in model.objects.all():
            add(cite.locator, cite.quote)
    for milestone in Milestone.objects.all():
        add(milestone.text, milestone.locator, milestone.quote)
        add(*(f.get("label") for f in milestone.figures if isinstance(f, dict)))
    add(*Signatory.objects.values_list("unnamed_description", flat=True))
    add(*ProjectPartner.objects.values_list("role", flat=True))
    return sorted(texts, key=len, reverse=True)


def without_record_texts(text: str, records: list[str]) -> str:
    text = re.sub(r"\s+", " ", text)
    for record in records:
        text = text.replace(re.sub(r"\s+", " ", record), " ")
    return text
