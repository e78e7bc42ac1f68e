"""Small helpers for reading rendered pages in tests."""

import csv
import html
import io
import re


def text_of(response) -> str:
    """The page's text, each tag read as a space, whitespace collapsed."""
    body = re.sub(r"<(script|style)\b.*?</\1>|<[^>]*>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(body)).strip()


def csv_rows(response) -> list[dict[str, str]]:
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body)))


def slugs_on_page(response, context_name: str) -> list[str]:
    return [record.slug for record in response.context[context_name]]
