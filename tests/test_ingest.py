"""Ingest: front matter, doc ids, page furniture, and bad input refused with clear messages."""
from __future__ import annotations

import pytest

from pipeline.errors import InputError
from pipeline.ingest import parse_article, read_corpus, split_layout

from conftest import write_article


@pytest.mark.parametrize(
    "text, title, body_start, dropped",
    [
        ("Site Name\n\nBig Headline About Things\n\nThe mayor said on Monday that taxes rise.\n",
         "Big Headline About Things", "The mayor said", 2),
        ("Rivers Flood Valley Towns.\n\nHeavy rain swelled the river, officials said.\n",
         "Rivers Flood Valley Towns", "Heavy rain", 1),
        ("LAGOS, Nigeria — Officials said the port reopened.\n", None, "Officials said the port reopened.", 0),
        ("WASHINGTON (AP) -- The senator said the bill would pass.\n", None, "The senator said", 0),
        ("The minister spoke.\n\nFILE – A crowd gathers in a square. (Jane Roe/AP, file)\n\nShe said prices fell.\n",
         None, "The minister spoke.", 1),
        ("The minister spoke at length on Monday about the budget.\n\nComments are closed.\n", None, "The minister spoke", 1),
        ("One plain paragraph without any headline, said the clerk.", None, "One plain paragraph", 0),
    ],
)
def test_split_layout(text, title, body_start, dropped):
    layout = split_layout(text)
    assert layout.title == title
    assert layout.body.startswith(body_start)
    assert len(layout.dropped) == dropped
    for furniture in layout.dropped:
        assert furniture not in layout.body


def test_front_matter_fields_and_default_id(tmp_path):
    write_article(tmp_path, "plain-story.txt", "The clerk said the office was closed.")
    write_article(tmp_path, "x.md", "Body text here, the clerk said.", id="custom-id", title='"A Title"', published="2022-01-18", language="en")
    articles, problems = read_corpus(tmp_path)
    assert problems == []
    by_id = {a.doc_id: a for a in articles}
    assert set(by_id) == {"plain-story", "custom-id"}
    assert by_id["custom-id"].title == "A Title"
    assert by_id["custom-id"].published == "2022-01-18"
    assert by_id["plain-story"].published is None and by_id["plain-story"].outlet is None


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "no text"),
        (b"   \n\n  ", "no text"),
        (b"\x00\x01binary", "binary"),
        (b"caf\xe9 au lait", "not valid UTF-8"),
        (b"---\ntitle: [unclosed\n---\nText.", "not valid YAML"),
        (b"---\ntitle: A\nText never closed", "never closed"),
        (b"---\npublished: 12\n---\nText said.", "must be text"),
        (b"---\npublished: last week\n---\nText said.", "must be a date"),
        (b"---\nid: ../escape\n---\nText said.", "path separators"),
        (b"---\nauthour: Someone\n---\nText said.", "unknown field"),
        (b"---\n- a\n- b\n---\nText said.", "must be a mapping"),
    ],
)
def test_bad_articles_are_refused_with_a_reason(data, reason):
    with pytest.raises(InputError) as err:
        parse_article(data, "bad.txt", default_id="bad")
    assert "bad.txt" in str(err.value)
    assert reason in str(err.value)


def test_duplicate_ids_are_refused_naming_both_files(tmp_path):
    write_article(tmp_path, "a.txt", "One said so.", id="same")
    write_article(tmp_path, "b.txt", "Two said so.", id="same")
    with pytest.raises(InputError) as err:
        read_corpus(tmp_path)
    assert "a.txt" in str(err.value) and "b.txt" in str(err.value) and "duplicate id" in str(err.value)


def test_skip_invalid_keeps_the_good_files(tmp_path):
    write_article(tmp_path, "good.txt", "The clerk said the office was closed.")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00bad")
    articles, problems = read_corpus(tmp_path, skip_invalid=True)
    assert [a.doc_id for a in articles] == ["good"]
    assert [p.path for p in problems] == ["bad.txt"]


@pytest.mark.parametrize("raw", [b"\xef\xbb\xbfThe clerk said it.\r\nShe left.\r\n", b"The clerk said it.\rShe left.\r"])
def test_bom_and_line_endings_are_normalised(raw):
    article = parse_article(raw, "x.txt", default_id="x")
    assert "\r" not in article.text and not article.text.startswith("\ufeff")
    assert article.text == "The clerk said it.\n\nShe left."
