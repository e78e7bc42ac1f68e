"""The curl and Python examples of docs/api.md run as written against a live server."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "api.md"
PLACEHOLDER = "https://sci-portal.example.org"
BLOCK = re.compile(r"^```(sh|python)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
EXAMPLES = BLOCK.findall(GUIDE.read_text())


def test_the_guide_has_examples_in_both_languages():
    assert {language for language, _ in EXAMPLES} == {"sh", "python"}
    assert all(PLACEHOLDER in code for _, code in EXAMPLES)


@pytest.mark.usefixtures("transcribed")
@pytest.mark.parametrize(("language", "code"), EXAMPLES, ids=lambda v: str(v)[:30])
def test_an_example_runs(live_server, partner_token, rates, tmp_path, language, code):
    rates(anon="1000/min")
    code = code.replace(PLACEHOLDER, live_server.url)
    command = ["bash", "-euo", "pipefail", "-c", code] if language == "sh" else [sys.executable]
    result = subprocess.run(  # noqa: S603 (the guide's own examples)
        command,
        input=None if language == "sh" else code,
        cwd=tmp_path,
        env={**os.environ, "SCI_PORTAL_TOKEN": partner_token.key},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip()
