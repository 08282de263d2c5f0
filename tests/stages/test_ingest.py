"""Ingest: front matter, doc ids, page furniture, and bad input refused with clear messages."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import write_article
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
        (b"---\npublished: 12\n---\nText said.", "must be a date"),
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
        (b"---\ntitle: [a, b]\n---\nText said.", "must be text, not a list"),
        (b"---\nurl: {a: 1}\n---\nText said.", "must be text, not a mapping"),
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
    write_article(tmp_path, "types.md", "Text said.", title="[1, 2]", published="12", outlet="{a: 1}")
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


# --- strict front matter (issue 14): each class of input once -----------------------------------

BODY = b"The clerk said the office was closed on Monday.\n"


@pytest.mark.parametrize(("front", "where", "reason"), [
    (b"---\ntitle: a\ntitle: b\n---\n", "line 3", "key 'title' appears twice (first on line 2)"),
    (b"---\npublished: 2022-13-45\n---\n", "field 'published'", "'2022-13-45' is not a calendar date"),
    (b"---\npublished: '2022-02-30'\n---\n", "field 'published'", "'2022-02-30' is not a calendar date"),
    (b"---\npublished: 2022-01-18T10:00:00Z\n---\n", "field 'published'", "must be a date"),
    (b"---\nid: " + b"[" * 5000 + b"\n---\n", None, "nested too deeply"),
    (b"---\nid: " + b"{a: " * 3000 + b"\n---\n", None, "nested too deeply"),
    (b"---\nid: [1, 2]\n---\n", "field 'id'", "must be text, not a list"),
    (b"---\ntitle: \x07\n---\n", "line 2", "is not allowed"),
])
def test_front_matter_is_strict(front, where, reason):
    with pytest.raises(InputError) as err:
        parse_article(front + BODY, "fm.txt", default_id="fm")
    problem = err.value.problems[0]
    assert (problem.path, problem.where) == ("fm.txt", where) and reason in problem.reason


@pytest.mark.parametrize(("front", "field", "value"), [
    (b"---\nid: 012\n---\n", "doc_id", "012"),  # kept as written, not octal 10
    (b"---\nid: 1.10\n---\n", "doc_id", "1.10"),
    (b"---\nid: 7\n---\n", "doc_id", "7"),
    (b"---\npublished: 2022\n---\n", "published", "2022"),  # the documented YYYY and YYYY-MM forms
    (b"---\npublished: 2022-07\n---\n", "published", "2022-07"),
    (b"---\npublished: 2024-02-29\n---\n", "published", "2024-02-29"),
    (b"---\noutlet: yes\n---\n", "outlet", "yes"),  # text as written, not a boolean
    (b"--- \ntitle: Spaces after the delimiters\n---\t \n", "title", "Spaces after the delimiters"),
    (b"---  \r\ntitle: CRLF and spaces\r\n--- \r\n", "title", "CRLF and spaces"),
    (b"---\n# a comment only\n---\n", "doc_id", "fm"),
])
def test_front_matter_values_are_kept_as_written(front, field, value):
    assert getattr(parse_article(front + BODY, "fm.txt", default_id="fm"), field) == value


def _entries(raw: Path) -> dict[str, str]:
    _, problems = read_corpus(raw, skip_invalid=True)
    return {p.path: p.reason for p in problems}


def test_links_and_special_files_are_refused_by_name(tmp_path):
    raw = tmp_path / "raw"
    write_article(raw, "good.txt", "The clerk said the office was closed.")
    (raw / "link.txt").symlink_to("good.txt")
    (raw / "dangling.txt").symlink_to("nowhere.txt")
    (raw / "loop.txt").symlink_to("loop.txt")
    (raw / "folder-link").symlink_to(tmp_path)
    os.mkfifo(raw / "pipe.txt")  # reading it would block for ever
    (raw / "notes.csv").write_text("not an article, ignored")
    reasons = _entries(raw)
    assert set(reasons) == {"link.txt", "dangling.txt", "loop.txt", "folder-link", "pipe.txt"}
    assert "symbolic link (to good.txt)" in reasons["link.txt"]
    assert "does not exist or loops" in reasons["dangling.txt"] and "does not exist or loops" in reasons["loop.txt"]
    assert "named pipe" in reasons["pipe.txt"]
    with pytest.raises(InputError, match="link.txt"):
        read_corpus(raw)


def test_file_names_with_newlines_or_bad_bytes_are_reported_on_one_line(tmp_path):
    raw = tmp_path / "raw"
    write_article(raw, "good.txt", "The clerk said the office was closed.")
    write_article(raw, "new\nline.txt", "The clerk said the office was closed.")
    (raw / os.fsdecode(b"bad\xff.txt")).write_bytes(BODY)
    articles, problems = read_corpus(raw, skip_invalid=True)
    assert [a.doc_id for a in articles] == ["good"]
    lines = [str(p) for p in problems]
    assert sorted(line.split(":")[0] for line in lines) == ["bad\\xff.txt", "new\\nline.txt"]
    assert all("\n" not in line and "rename it" in line for line in lines)


@settings(max_examples=150, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.binary(min_size=1, max_size=12).filter(lambda b: b"/" not in b and b"\0" not in b and b not in (b".", b"..")),
       data=st.binary(max_size=200), front=st.sampled_from([b"", b"---\n", b"---\nid: x\n---\n", b"--- \ntitle: [\n---\n"]))
def test_any_file_in_the_raw_folder_is_an_article_or_a_problem_naming_it(tmp_path_factory, name, data, front):
    raw = tmp_path_factory.mktemp("raw")
    path = os.path.join(os.fsencode(raw), name + b".txt")
    with open(path, "wb") as fh:
        fh.write(front + data)
    try:
        articles, problems = read_corpus(raw, skip_invalid=True)
    except InputError as err:  # only when nothing is left: never another exception
        problems, articles = err.problems, []
    for p in problems:
        assert "\n" not in str(p) and str(p).startswith(p.path)
        str(p).encode("utf-8")  # printable and storable
    skipped = name.startswith(b".") or (name + b".txt").lower() in (b"readme.txt", b"license.txt")
    assert len(articles) + len({p.path for p in problems}) == (0 if skipped else 1)
