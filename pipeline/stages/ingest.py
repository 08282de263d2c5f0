"""Ingest: a folder of raw article files → ``Article`` records (metadata + clean body).

Each article is a UTF-8 ``.txt`` or ``.md`` file with optional YAML front matter
between ``---`` lines. The body is the text after the front matter with page
furniture (site name, headline, photo captions, dateline, "Comments are closed.")
removed by general rules; the headline becomes the title when the front matter has
none. Metadata not stated in the front matter is null, never guessed.
"""
from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, Problem, shown
from ..inputs import boundary, calendar_date, load_yaml, printable_name
from ..paths import CURATION_DIRNAME
from ..records import Article

ARTICLE_SUFFIXES = (".txt", ".md")
IGNORED_NAMES = {"readme.md", "readme.txt", "license.md", "license.txt"}

# Front-matter fields. Every value is text as written (YAML read with pipeline.inputs'
# strict loader: ``id: 012`` stays "012", no value becomes a number, a boolean or a date);
# an empty value or null means "not stated"; a key given twice is refused.
FRONT_MATTER_FIELDS: tuple[str, ...] = (
    "id", "title", "outlet",
    "published",  # a calendar date: YYYY-MM-DD, YYYY-MM or YYYY
    "url", "language", "event",
    "source",  # where the text came from
    "rights",  # who holds the rights to the text
)
DOC_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")
# The front matter opens on the first line and closes on a line of its own; trailing
# spaces or tabs after either delimiter are tolerated.
OPENING_RE = re.compile(r"^---[ \t]*\n")
CLOSING_RE = re.compile(r"^---[ \t]*$", re.M)

# --- page furniture -------------------------------------------------------------
# A photo caption: "FILE – ..." or a paragraph closed by a credit in parentheses
# with a slash ("(Jane Doe/AP)", "(AP Photo/John Doe)") or naming a photo agency.
CAPTION_START_RE = re.compile(r"^(FILE\s*[–—-]|(Photo|Image|Picture)s?\s*(credit)?\s*:)", re.I)
CREDIT_END_RE = re.compile(
    r"\((?:[^()]*/[^()]*|[^()]*\b(?:AP Photo|Getty Images|Reuters|AFP|via AP)\b[^()]*)\)\s*$"
)
# Lines that belong to the page, not the article.
FURNITURE_RE = re.compile(
    r"^(Comments are closed\.?|Share this( article| story)?:?|Related( articles| stories)?:?|"
    r"Advertisement|Read more:?|Sign up for .*|Subscribe( now)?.*|All rights reserved\.?|"
    r"(Copyright|©) .*|Click here .*|Follow us .*|Leave a (comment|reply)\.?)$",
    re.I,
)
# A dateline opening the first paragraph: "ALMATY, Kazakhstan — ", "WASHINGTON (AP) -- ".
DATELINE_RE = re.compile(
    r"^(?:[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)*)"  # ALMATY, NEW YORK
    r"(?:,(?: [A-Z][\w.'’-]*)+)*"  # , Kazakhstan / , N.Y.
    r"(?:,? [A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?)?"  # , Sept. 26
    r"(?: \([A-Za-z. ]+\))?"  # (AP)
    r"\s*(?:—|–|―|--?)\s+"
)
# A section label in capitals ("ABSTRACT.", "FULL TEXT."): layout, not prose.
SECTION_LABEL_RE = re.compile(r"^[A-Z][A-Z &/-]{2,30}[.:]?$")
SENTENCE_END_RE = re.compile(r"[.!?…][\"'”’)\]]*$")

# --- language -------------------------------------------------------------------
# The spaCy model reads English only. A declared ``language`` must be English
# ("en", "en-GB", "eng", "English"); an undeclared text must read as English: at
# least MIN_FUNCTION_WORD_SHARE of its words are common English function words and
# at least MIN_LATIN_SHARE of its letters are Latin. English prose runs at 25-50 %
# function words (the lowest of 928 English news articles tried: 18 %); French,
# German or Spanish text at 0-8 % and Cyrillic text at 0 %, so the cut-off leaves a
# margin on both sides. Texts shorter than MIN_WORDS_TO_DETECT words are too short
# to judge and are accepted. A declared language is trusted over the detection.
MODEL_LANGUAGES = ("en",)
LANGUAGE_NAMES = {"en": "en", "eng": "en", "english": "en"}
ENGLISH_FUNCTION_WORDS = frozenset(
    "a about after against all also an and any are as at be been before but by can could did do does "
    "for from had has have he her him his i if in into is it its may might more most must my no not "
    "of on one or other our out over she should so some such than that the their them then there these "
    "they this those to under up was we were what when where which while who will with would you your".split()
)
WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
NOT_LATIN_RE = re.compile("[^\u0000-\u024f]")  # a letter beyond Basic Latin to Latin Extended-B
MIN_WORDS_TO_DETECT = 30
MIN_FUNCTION_WORD_SHARE = 0.12
MIN_LATIN_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class Layout:
    """How a raw text splits into headline, body and the furniture left out."""

    title: str | None
    body: str
    dropped: tuple[str, ...]


def read_corpus(raw_dir: Path, *, skip_invalid: bool = False) -> tuple[list[Article], list[Problem]]:
    """Folder of raw files → (articles sorted by doc_id, problems). Raises InputError on any
    problem unless ``skip_invalid``, in which case the invalid files are left out and returned."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise InputError([Problem(str(raw_dir), "the raw folder does not exist or is not a folder")])
    articles: list[Article] = []
    paths, problems = scan(raw_dir)
    for path in paths:
        rel = path.relative_to(raw_dir).as_posix()
        try:
            articles.append(read_article(path, rel))
        except InputError as err:
            problems.extend(err.problems)
    by_id: dict[str, list[Article]] = {}
    for a in articles:
        by_id.setdefault(a.doc_id, []).append(a)
    for doc_id, same in sorted(by_id.items()):
        if len(same) > 1:
            paths = ", ".join(a.path for a in same)
            problems.extend(Problem(a.path, f"duplicate id {doc_id!r} (also used by {paths})", "field 'id'") for a in same)
    bad = {p.path for p in problems}
    articles = sorted((a for a in articles if a.path not in bad), key=lambda a: a.doc_id)
    if problems and not skip_invalid:
        raise InputError(problems)
    return articles, problems


def article_paths(raw_dir: Path) -> Iterator[Path]:
    """Raw folder → the article files in it, in a stable order (curation files excluded); InputError for
    the entries ``scan`` refuses."""
    paths, problems = scan(Path(raw_dir))
    if problems:
        raise InputError(problems)
    yield from paths


def scan(raw_dir: Path) -> tuple[list[Path], list[Problem]]:
    """Raw folder → (its article files in a stable order, the entries refused by name).

    Hidden entries, raw/curation/ and README/LICENSE files are skipped, and so are files
    that are not articles (other suffixes). Refused: symbolic links (to a file, a folder,
    nowhere, or themselves), special files (FIFOs, sockets, devices: reading one could
    block for ever), file names that are not valid UTF-8 or hold control characters, and
    folders that cannot be listed."""
    raw_dir = Path(raw_dir)
    found: list[Path] = []
    problems: list[Problem] = []

    def unreadable(err: OSError) -> None:
        rel = Path(err.filename).relative_to(raw_dir).as_posix() if err.filename else "."
        problems.append(Problem(shown(rel), f"folder cannot be listed: {err.strerror or err}"))

    for folder, dirs, files in os.walk(raw_dir, onerror=unreadable):
        here = Path(folder)
        top = here == raw_dir
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (top and d == CURATION_DIRNAME))
        for name in [d for d in dirs if (here / d).is_symlink()]:
            dirs.remove(name)
            files.append(name)  # refused below, as a link
        for name in files:
            if name.startswith("."):
                continue
            path = here / name
            rel = path.relative_to(raw_dir).as_posix()
            if problem := refused(path, rel):
                problems.append(problem)
            elif path.suffix.lower() in ARTICLE_SUFFIXES and name.lower() not in IGNORED_NAMES:
                found.append(path)
    return sorted(found), sorted(problems, key=lambda p: p.path)


def refused(path: Path, rel: str) -> Problem | None:
    """One entry of the raw folder → why it is refused (a link, a special file, an unprintable name), or None."""
    try:
        mode = path.lstat().st_mode
    except OSError as err:
        return Problem(shown(rel), f"cannot be read: {err.strerror or err}")
    if stat.S_ISLNK(mode):
        try:
            target = shown(os.readlink(path))
        except OSError:
            target = "?"
        state = "" if path.exists() else ", which does not exist or loops back on itself"
        return Problem(shown(rel), f"is a symbolic link (to {target}{state}): links are not read; copy the article into the raw folder")
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        return Problem(shown(rel), f"is a special file ({_kind(mode)}), not an article file")
    if not printable_name(rel):
        return Problem(shown(rel), "the file name is not valid UTF-8 or holds control characters (a newline, a tab): rename it")
    return None


def _kind(mode: int) -> str:
    """A file mode → the name of its kind of special file."""
    for test, name in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device")):
        if test(mode):
            return name
    return "not a regular file"


def read_article(path: Path, rel: str) -> Article:
    """One raw file → an Article; raises InputError naming the file and the reason."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError([Problem(shown(rel), f"cannot be read: {err.strerror or err}")]) from None
    with boundary(rel):
        return parse_article(data, rel, default_id=Path(rel).stem)


def parse_article(data: bytes, rel: str, *, default_id: str) -> Article:
    """Raw bytes of one article → an Article (front matter parsed, furniture removed)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError([Problem(rel, "encoded as UTF-16 or UTF-32 (byte-order mark): save it as UTF-8")])
    if b"\x00" in data:
        raise InputError([Problem(rel, "binary content (NUL bytes): not a text article")])
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError([Problem(rel, f"not valid UTF-8 (byte {err.start})", f"line {line}")]) from None
    raw = raw.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    meta, text = split_front_matter(raw, rel)
    doc_id = str(meta.get("id", default_id))
    if not DOC_ID_RE.match(doc_id) or ".." in doc_id:
        where = "field 'id'" if "id" in meta else "file name"
        raise InputError([Problem(rel, f"id {doc_id!r} must be letters, digits, '.', '_' or '-' (no path separators or '..')", where)])
    if not text.strip():
        raise InputError([Problem(rel, "the article has no text")])
    layout = split_layout(text)
    if not layout.body.strip():
        raise InputError([Problem(rel, "nothing is left of the article once headline and page furniture are removed")])
    check_language(meta.get("language"), layout.body, rel)
    return Article(
        doc_id=doc_id,
        path=rel,
        text=layout.body,
        title=meta.get("title") or layout.title,
        outlet=meta.get("outlet"),
        published=meta.get("published"),
        url=meta.get("url"),
        language=meta.get("language"),
        event=meta.get("event"),
        provenance=meta.get("source"),
        rights=meta.get("rights"),
    )


def split_front_matter(raw: str, rel: str) -> tuple[dict, str]:
    """Raw text → (front matter as a checked dict of text values, the text after it)."""
    opening = OPENING_RE.match(raw)
    if opening is None:
        return {}, raw
    end = CLOSING_RE.search(raw, opening.end())
    if end is None:
        raise InputError([Problem(rel, "front matter opened with '---' is never closed", "line 1")])
    block = raw[opening.end() : end.start()]
    text = raw[end.end() :].removeprefix("\n")
    meta = load_yaml(block, rel, first_line=2) if block.strip() else {}
    if meta is None:  # only comments
        meta = {}
    if not isinstance(meta, dict):
        raise InputError([Problem(rel, "front matter must be a mapping of field: value", "front matter")])
    problems = []
    checked: dict[str, str] = {}
    for key, value in meta.items():
        if key not in FRONT_MATTER_FIELDS:
            known = ", ".join(FRONT_MATTER_FIELDS)
            problems.append(Problem(rel, f"unknown field (known: {known})", f"field {key!r}"))
        elif value is None:
            continue
        elif not isinstance(value, str):
            kind = "a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict) else type(value).__name__
            problems.append(Problem(rel, f"must be text, not {kind}", f"field {key!r}"))
        else:
            checked[key] = value.strip()
    if "published" in checked and (why := calendar_date(checked["published"], partial=True)):
        problems.append(Problem(rel, f"must be a date as YYYY-MM-DD (or YYYY-MM, YYYY): {why}", "field 'published'"))
    if problems:
        raise InputError(problems)
    return checked, text


def check_language(declared: str | None, body: str, rel: str, languages: tuple[str, ...] = MODEL_LANGUAGES) -> None:
    """(declared language, body) → None, or InputError when the text is not in a language the model reads."""
    covered = ", ".join(languages)
    if declared is not None:
        code = re.split(r"[-_]", declared.strip().lower(), maxsplit=1)[0]
        if LANGUAGE_NAMES.get(code, code) not in languages:
            raise InputError([Problem(rel, f"language {declared!r} is not one the model reads ({covered})", "field 'language'")])
        return
    if "en" not in languages:
        return
    share, latin, words = english_evidence(body)
    if words < MIN_WORDS_TO_DETECT:
        return
    if latin < MIN_LATIN_SHARE or share < MIN_FUNCTION_WORD_SHARE:
        raise InputError([Problem(
            rel,
            f"the text does not read as English: {share:.0%} of its {words} words are English function words "
            f"(English prose: over {MIN_FUNCTION_WORD_SHARE:.0%}) and {latin:.0%} of its letters Latin "
            f"(over {MIN_LATIN_SHARE:.0%}); the model reads {covered} only (if it is English, declare "
            f"'language: en' in the front matter)",
        )])


def english_evidence(text: str) -> tuple[float, float, int]:
    """Text → (share of words that are English function words, share of letters that are Latin, word count)."""
    words = WORD_RE.findall(text)
    if not words:
        return 0.0, 0.0, 0
    function = sum(1 for w in words if w.lower().replace("’", "'") in ENGLISH_FUNCTION_WORDS)
    letters = "".join(words)
    latin = len(letters) - len(NOT_LATIN_RE.findall(letters))  # counted by the regex engine, not a character at a time
    return function / len(words), latin / len(letters), len(words)


def split_layout(text: str) -> Layout:
    """Article text → headline, body (paragraphs joined by blank lines) and dropped furniture."""
    paragraphs = [p.strip() for p in text.split("\n")]
    paragraphs = [p for p in paragraphs if p]
    dropped: list[str] = []
    kept: list[str] = []
    for p in paragraphs:
        if FURNITURE_RE.match(p) or SECTION_LABEL_RE.match(p) or CAPTION_START_RE.match(p) or CREDIT_END_RE.search(p):
            dropped.append(p)
        else:
            kept.append(p)
    # Leading headline-like lines: site name(s) and the headline. The last one before
    # the first body paragraph is the headline; any before it are page furniture.
    lead = 0
    while lead < len(kept) - 1 and (is_heading(kept[lead]) or before_dateline(kept, lead)):
        lead += 1
    title = kept[lead - 1].rstrip(".") if lead else None
    dropped.extend(kept[:lead])
    body_paragraphs = kept[lead:]
    if body_paragraphs:
        body_paragraphs[0] = DATELINE_RE.sub("", body_paragraphs[0], count=1)
    return Layout(title=title, body="\n\n".join(body_paragraphs), dropped=tuple(dropped))


def before_dateline(paragraphs: list[str], i: int) -> bool:
    """True for a short line right before the paragraph that opens with the dateline."""
    return len(paragraphs[i].split()) <= 25 and bool(DATELINE_RE.match(paragraphs[i + 1]))


def is_heading(paragraph: str) -> bool:
    """True for a short single line that reads as a title, not as a sentence of prose."""
    words = paragraph.split()
    if not words or len(words) > 25 or paragraph.endswith(":"):
        return False
    if not SENTENCE_END_RE.search(paragraph):
        return True
    # Title Case ending in a period ("Poll: Wealthy Voters Abandon Party."): a headline.
    long_words = [w for w in words if len(w.strip("\"'“”‘’:,.")) >= 4]
    capitalised = [w for w in long_words if w.strip("\"'“”‘’:,.")[:1].isupper()]
    return len(long_words) >= 2 and len(capitalised) >= 0.8 * len(long_words)
