"""Markdown written by editors is rendered, and anything that could run script is removed."""

import pytest

from wijkwijs.markdown import render_markdown


def test_markdown_becomes_html():
    html = render_markdown("## Aanpak\n\n- **eerst** luisteren\n- [meer](https://example.org)")
    assert "<h2>Aanpak</h2>" in html
    assert "<strong>eerst</strong>" in html
    assert 'href="https://example.org"' in html and 'rel="noopener noreferrer"' in html


@pytest.mark.parametrize(
    "payload, forbidden",
    [
        ("<script>alert(1)</script>", "<script"),
        ('<img src=x onerror="alert(1)">', "onerror"),
        ("[klik](javascript:alert(1))", "javascript:"),
        ('<a href="javascript:alert(1)">x</a>', "javascript:"),
        ('<div onclick="alert(1)">x</div>', "onclick"),
        ("<iframe src='https://example.org'></iframe>", "<iframe"),
        ("<svg><script>alert(1)</script></svg>", "<script"),
        ("<style>body{display:none}</style>", "<style"),
    ],
)
def test_script_is_stripped(payload, forbidden):
    assert forbidden not in render_markdown(payload).lower()


def test_empty_text_renders_nothing():
    assert render_markdown("") == ""
