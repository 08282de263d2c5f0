"""Ingest: front matter, doc ids, page furniture, and bad input refused with clear messages."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_article

from pipeline.errors import InputError
from pipeline.stages.ingest import english_evidence, parse_article, read_corpus, split_layout


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
        (b"\xef\xbb\xbf", "no text"),
        (b"\r\n\r\n\t \r", "no text"),
        (b"---\ntitle: Only metadata\n---\n", "no text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"The clerk said \xe2\x80 it.", "not valid UTF-8"),
        (b"\xff\xfeT\x00h\x00e\x00", "UTF-16"),
        (b"\xfe\xff\x00T\x00h", "UTF-16"),
        (b"---\ntitle: [a, b]\n---\nText said.", "must be text, not list"),
        (b"---\nurl: {a: 1}\n---\nText said.", "must be text, not dict"),
        (b"---\noutlet: true\n---\nText said.", "must be text, not bool"),
        (b"---\ntitle: a: b: c\n---\nText said.", "not valid YAML"),
        (b"---\nid: a/b\n---\nText said.", "path separators"),
        (b"---\nid: a\\\\b\n---\nText said.", "path separators"),
        (b"---\nid: ..\n---\nText said.", "path separators"),
        (b"---\nid: x..y\n---\nText said.", "path separators"),
        (b"---\nid: .hidden\n---\nText said.", "path separators"),
        (b"---\nlanguage: fr\n---\nLe ministre a dit que le port rouvrirait.", "language 'fr' is not one the model reads"),
        (b"---\nlanguage: kk-KZ\n---\nText said.", "language 'kk-KZ'"),
        ("Le ministre a d\u00e9clar\u00e9 lundi que le port rouvrirait dans une semaine. \u00ab Nous avons r\u00e9par\u00e9 "
         "les grues \u00bb, a-t-il dit aux journalistes. Les ouvriers du port affirment qu'ils n'ont pas \u00e9t\u00e9 "
         "pay\u00e9s depuis deux mois, et le syndicat menace de faire gr\u00e8ve.".encode(), "does not read as English"),
        (("\u041c\u0438\u043d\u0438\u0441\u0442\u0440 \u0437\u0430\u044f\u0432\u0438\u043b. " * 20).encode(), "does not read as English"),
    ],
)
def test_bad_articles_are_refused_with_a_reason(data, reason):
    """Each bad input → InputError naming the file and the reason (never another exception)."""
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


@pytest.mark.parametrize(
    "text, language, share_range",
    [
        ("The minister said the port would reopen within a week, and that the workers who "
         "had not been paid for two months would be paid by the end of the month, if the "
         "budget was approved by the council on Monday.", None, (0.3, 0.7)),
        ("Der Minister sagte am Montag, der Hafen werde innerhalb einer Woche wieder \u00f6ffnen, "
         "und die Hafenarbeiter sagen, sie seien seit zwei Monaten nicht bezahlt worden, und die "
         "Gewerkschaft droht mit einem Streik, wenn sich bis Ende des Monats nichts \u00e4ndert.", None, (0.0, 0.12)),
    ],
)
def test_english_evidence_separates_english_from_other_languages(text, language, share_range):
    share, latin, words = english_evidence(text)
    assert words >= 30 and latin == 1.0
    assert share_range[0] <= share < share_range[1]


@pytest.mark.parametrize("declared", ["en", "EN", "en-GB", "en_US", "eng", "English"])
def test_declared_english_is_accepted(declared):
    article = parse_article(f"---\nlanguage: {declared}\n---\nThe clerk said it rained.".encode(), "x.txt", default_id="x")
    assert article.language == declared


def test_declared_language_overrides_detection():
    """A text the detector misjudges (a list of names) still builds when declared English."""
    names = " ".join(f"Name{i} Surname{i}," for i in range(40))
    with pytest.raises(InputError, match="does not read as English"):
        parse_article(names.encode(), "list.txt", default_id="list")
    assert parse_article(f"---\nlanguage: en\n---\n{names}".encode(), "list.txt", default_id="list").text == names


def test_short_text_is_not_judged():
    assert parse_article(b"Oui, dit-il.", "x.txt", default_id="x").text == "Oui, dit-il."


def test_every_problem_is_listed_before_anything_is_built(tmp_path):
    """Default: read the whole folder, then refuse with every problem of every file."""
    write_article(tmp_path, "good.txt", "The clerk said the office was closed.")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "latin1.txt").write_bytes(b"caf\xe9")
    write_article(tmp_path, "types.md", "Text said.", title="[1, 2]", published="12", outlet="yes")
    with pytest.raises(InputError) as err:
        read_corpus(tmp_path)
    paths = sorted({p.path for p in err.value.problems})
    assert paths == ["binary.txt", "empty.txt", "latin1.txt", "types.md"]
    assert {p.where for p in err.value.problems if p.path == "types.md"} == {"field 'title'", "field 'published'", "field 'outlet'"}


QUOTES = [
    ("straight", 'The mayor said: "We have repaired the cranes." She left.'),
    ("curly", "The mayor said: \u201cWe have repaired the cranes.\u201d She left."),
    ("single curly", "The mayor said: \u2018We have repaired the cranes.\u2019 She left."),
    ("mixed", 'The mayor said: \u201cWe have repaired the cranes." She left, \'saying "no" twice\u2019.'),
    ("guillemets", "The mayor said: \u00abWe have repaired the cranes\u00bb, and \u203aagain\u2039."),
    ("unbalanced", "The mayor said: \u201cWe have repaired the cranes. She left without closing it."),
    ("closing only", "We have repaired the cranes,\u201d the mayor said."),
    ("multi-paragraph", "The mayor said: \u201cWe have repaired the cranes.\n\n\u201cWe will hire more workers.\n\n"
                        "\u201cThe port reopens on Monday,\u201d she added."),
]


@pytest.mark.parametrize("name, text", QUOTES, ids=[q[0] for q in QUOTES])
def test_quotation_marks_of_every_kind_are_kept_verbatim(name, text):
    article = parse_article(text.encode(), "q.txt", default_id="q")
    assert article.text == text


@pytest.mark.parametrize(
    "raw, body",
    [
        (b"\xef\xbb\xbf---\ntitle: T\n---\nThe clerk said it.", "The clerk said it."),
        (b"---\r\ntitle: T\r\n---\r\nThe clerk said it.\r\n\r\nShe left.", "The clerk said it.\n\nShe left."),
        (b"---\rtitle: T\r---\rThe clerk said it.\rShe left.", "The clerk said it.\n\nShe left."),
        (b"The clerk said it.\n\r\nShe left.\r\rHe stayed.", "The clerk said it.\n\nShe left.\n\nHe stayed."),
    ],
)
def test_bom_and_line_endings_around_front_matter(raw, body):
    article = parse_article(raw, "x.txt", default_id="x")
    assert article.text == body


def test_five_megabyte_article_is_read_whole():
    paragraph = "The minister said the port would reopen on Monday, and the workers agreed with her.\n\n"
    raw = (paragraph * (5_000_000 // len(paragraph) + 1)).encode()
    assert len(raw) > 5_000_000
    article = parse_article(raw, "big.txt", default_id="big")
    assert len(article.text) == len(raw.decode().strip())


def test_unreadable_file_is_a_problem_of_that_file(tmp_path, monkeypatch):
    write_article(tmp_path, "locked.txt", "The clerk said the office was closed.")
    write_article(tmp_path, "open.txt", "The clerk said the office was open.")
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    articles, problems = read_corpus(tmp_path, skip_invalid=True)
    assert [a.doc_id for a in articles] == ["open"]
    assert [str(p) for p in problems] == ["locked.txt: cannot be read: Permission denied"]
