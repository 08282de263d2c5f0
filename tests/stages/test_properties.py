"""Property-based tests (hypothesis) on ingestion and extraction: for any input, no crash,
every offset in range and reproducing its text, and IDs stable under unrelated edits.

Each test runs 500 examples, derandomized and without an example database, so CI sees the
same examples every run. Extraction runs the real model on short texts.
"""
from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from pipeline import ids
from pipeline.config import Settings
from pipeline.errors import InputError
from pipeline.records import Article, ArticleResult, AttributedClaim
from pipeline.run.article import analyse_articles, chunks
from pipeline.run.build import claim_rows
from pipeline.stages.ingest import FRONT_MATTER_FIELDS, parse_article

EXAMPLES = 500
PROFILE = settings(
    max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# --- text strategies ------------------------------------------------------------------------

SPEAKERS = ["The mayor", "Officials", "She", "Elena Petrova", "A spokesman for the ministry", "they", "Dr. Omarov", "protesters"]
CUES = ["said", "told reporters", "insisted", "denied", "warned", "added", "claimed", "noted", "announced", "argued"]
QUOTES = [('"', '"'), ("\u201c", "\u201d"), ("\u2018", "\u2019"), ("'", "'"), ("\u00ab", "\u00bb"), ("\u2039", "\u203a"),
          ("\u201e", "\u201c"), ("\u201c", ""), ("", "\u201d"), ('"', "\u201d"), ("\u00ab", '"')]
WORDS = ["the", "port", "would", "reopen", "within", "a", "week", "workers", "were", "not", "paid", "40", "percent",
         "of", "prices", "rose", "because", "government", "police", "fired", "on", "crowd", "Almaty", "January", "5"]
SEPARATORS = [" ", "\n", "\n\n", "  ", "\t", "\n \n"]

words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join)
noise = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)


@st.composite
def sentence(draw) -> str:
    """One sentence of reporting, in one of the shapes news uses, or noise."""
    speaker, cue, content = draw(st.sampled_from(SPEAKERS)), draw(st.sampled_from(CUES)), draw(words)
    q0, q1 = draw(st.sampled_from(QUOTES))
    shape = draw(st.integers(0, 6))
    return [
        f"{speaker} {cue} that {content}.",
        f"{q0}{content},{q1} {speaker} {cue}.",
        f"{speaker} {cue}: {q0}{content}.{q1}",
        f"{q0}{content}{q1}",
        f"According to {speaker}, {content}.",
        f"{speaker} {cue} {q0}{content}{q1} and {draw(words)}.",
        draw(noise),
    ][shape]


@st.composite
def article_text(draw) -> str:
    """A short article: sentences joined by spaces and paragraph breaks, or arbitrary text."""
    parts = draw(st.lists(sentence(), min_size=1, max_size=6))
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(parts), max_size=len(parts)))
    return "".join(p + s for p, s in zip(parts, seps))


any_text = st.one_of(article_text(), st.text(max_size=200))

# --- ingestion --------------------------------------------------------------------------------


def _article_or_refusal(data: bytes):
    """Raw bytes → an Article, or None after a clear InputError naming the file."""
    try:
        article = parse_article(data, "prop.txt", default_id="prop")
        event("read")
        return article
    except InputError as err:
        event(f"refused: {err.problems[0].reason[:22]}")
        assert err.problems and all(p.path == "prop.txt" and p.reason for p in err.problems)
        assert "prop.txt" in str(err)
        return None


def _check_article(article) -> None:
    if article is None:
        return
    assert article.text and article.text == article.text.strip()
    assert "\r" not in article.text and "\ufeff" not in article.text[:1]
    assert article.doc_id and "/" not in article.doc_id and ".." not in article.doc_id


@PROFILE
@given(st.binary(max_size=400))
def test_any_bytes_are_an_article_or_a_clear_refusal(data):
    _check_article(_article_or_refusal(data))


@PROFILE
@given(any_text, st.sampled_from(["", "\ufeff"]), st.sampled_from(["\n", "\r\n", "\r"]))
def test_any_text_is_an_article_or_a_clear_refusal(text, bom, newline):
    _check_article(_article_or_refusal((bom + text.replace("\n", newline)).encode("utf-8", "surrogatepass")))


yaml_values = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20), st.dates(),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)
field_names = st.one_of(st.sampled_from(sorted(FRONT_MATTER_FIELDS)), st.text(min_size=1, max_size=10))


@PROFILE
@given(st.dictionaries(field_names, yaml_values, max_size=5), article_text(), st.sampled_from(["", "junk: [", ":\n- x"]))
def test_any_front_matter_is_read_or_refused_by_field(meta, body, garbage):
    block = yaml.safe_dump(meta, allow_unicode=True) if meta else ""
    article = _article_or_refusal(f"---\n{block}{garbage}\n---\n{body}".encode("utf-8", "surrogatepass"))
    _check_article(article)
    if article is not None:
        for key in ("title", "outlet", "url", "event"):
            assert getattr(article, key) is None or isinstance(getattr(article, key), str)


# --- extraction -------------------------------------------------------------------------------


def _assert_exact(text: str, result: ArticleResult) -> None:
    """Every sentence and claim offset of one article is in range and reproduces its text."""
    n = len(text)
    for s in result.sentences:
        assert 0 <= s.start < s.end <= n and text[s.start : s.end] == s.text
    for c in result.claims:
        assert 0 <= c.start < c.end <= n, c
        assert text[c.start : c.end] == c.content, c
        assert re.search(r"\w", c.content), c
        assert c.quote_type in ("direct", "indirect", "mixed")
        assert 0 <= c.sentence_index
        for start, end, value in ((c.source_start, c.source_end, c.source), (c.cue_start, c.cue_end, c.cue)):
            if start is not None:
                assert 0 <= start <= end <= n and text[start:end] == value, c


@pytest.mark.slow
@PROFILE
@given(any_text, st.sampled_from([100_000, 120]))
def test_extraction_offsets_are_exact_for_any_text(nlp, text, max_chunk_chars):
    if not text.strip():
        return
    results = list(analyse_articles([Article("p", "p.txt", text)], nlp, settings=Settings(max_chunk_chars=max_chunk_chars)))
    assert len(results) == 1
    event(f"{min(len(results[0].claims), 3)}+ claims" if len(results[0].claims) >= 3 else f"{len(results[0].claims)} claims")
    _assert_exact(text, results[0])


@pytest.mark.slow
@PROFILE
@given(article_text(), article_text(), st.booleans())
def test_claims_and_ids_do_not_depend_on_other_articles(nlp, text, other, other_first):
    """Adding an unrelated article to the corpus (before or after) changes nothing of this one."""
    if not text.strip() or not other.strip():
        return
    mine, theirs = Article("mine", "mine.txt", text), Article("other", "other.txt", other)
    alone = next(analyse_articles([mine], nlp))
    together = [r for r in analyse_articles([theirs, mine] if other_first else [mine, theirs], nlp) if r.article is mine][0]
    assert together.claims == alone.claims
    assert _ids([alone]) == _ids([together])


def _ids(results) -> list[str]:
    assignment = {(r.article.doc_id, i): "s000000000000" for r in results for i in range(len(r.claims))}
    return [row["claim_id"] for row in claim_rows(results, assignment)]


def _claim(content: str, start: int) -> AttributedClaim:
    return AttributedClaim(source="she", cue="said", content=content, start=start, end=start + len(content),
                           quote_type="indirect", sentence_index=0)


@PROFILE
@given(
    st.lists(words, min_size=1, max_size=6),
    st.lists(words, max_size=4),
    st.integers(0, 10_000),
    st.randoms(use_true_random=False),
)
def test_claim_ids_are_stable_under_unrelated_edits(contents, inserted, shift, rng):
    """Claims inserted elsewhere in the article, and text added before them, renumber nothing."""
    article = Article("doc", "doc.txt", "x")
    before = claim_rows([ArticleResult(article, claims=tuple(_claim(c, 10 * i) for i, c in enumerate(contents)))],
                        {("doc", i): "s0" for i in range(len(contents))})
    keys = {ids.normalise(c) for c in contents}
    unrelated = [c + " elsewhere" for c in inserted if ids.normalise(c + " elsewhere") not in keys]
    edited = [_claim(c, shift + 10 * i) for i, c in enumerate(contents)] + [_claim(c, rng.randrange(0, 20_000)) for c in unrelated]
    rng.shuffle(edited)
    after = claim_rows([ArticleResult(article, claims=tuple(edited))], {("doc", i): "s0" for i in range(len(edited))})
    old = {(r["content"], r["content_start"]): r["claim_id"] for r in before}
    new = {(r["content"], r["content_start"] - shift): r["claim_id"] for r in after if r["content"] in contents}
    assert new == old


@PROFILE
@given(st.text(max_size=3000), st.integers(20, 400))
def test_chunks_cover_any_text_exactly(text, max_chars):
    pieces = chunks(text, max_chars)
    assert "".join(p for _, p in pieces) == text
    assert all(text[o : o + len(p)] == p and len(p) <= max_chars for o, p in pieces)
