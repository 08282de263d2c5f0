"""Long articles: the per-article and corpus work on one article grows linearly with its length.

A synthetic long article is the repository's raw articles laid end to end (fresh
paragraph breaks between them) until it reaches a size; two sizes, 4× apart, are
analysed and assembled with the real model in the same run, and the ratio of their
times must stay near 4 (quadratic work would make it 16). Each size is timed twice,
interleaved, and the faster time counts: the machine is shared.
"""
from __future__ import annotations

import gc
import time

import pytest
from conftest import ROOT

from pipeline.records import Article
from pipeline.run.article import analyse_articles
from pipeline.run.build import assemble
from pipeline.stages import ingest

SMALL = 15_000
FACTOR = 4
# linear is 4, quadratic 16. Issue 13's acceptance (4.6) is for 57 KB -> 230 KB; at these smaller sizes,
# timed in a test run on a shared machine, repeated runs of the same code give 4.5-5.0 (the small run is
# faster once the large one has warmed caches it shares), so the bound leaves room for that noise.
MAX_RATIO = 5.2


def long_text(size: int) -> str:
    """The raw articles' bodies, repeated end to end with blank lines between them, cut at a paragraph to about size characters."""
    articles, _ = ingest.read_corpus(ROOT / "raw")
    bodies = [a.text.strip() for a in articles]
    parts, n, i = [], 0, 0
    while n < size:
        parts.append(bodies[i % len(bodies)])
        n += len(parts[-1]) + 2
        i += 1
    text = "\n\n".join(parts)
    return text[: text.rfind("\n\n", 0, size)] + "\n"


def seconds(nlp, text: str) -> float:
    """One article of this text → seconds to analyse it (parse, sentences, extraction) and run the corpus stages on it."""
    article = Article(doc_id="long", path="long.txt", text=text)
    started = time.process_time()
    tables = assemble(list(analyse_articles([article], nlp)))
    assert tables.claims, "the synthetic article should hold claims"
    return time.process_time() - started


def test_long_text_is_cut_at_a_paragraph_break():
    text = long_text(SMALL)
    assert SMALL * 0.8 < len(text) <= SMALL and text.endswith("\n") and "\n\n" in text


@pytest.mark.slow
@pytest.mark.timing  # a ratio of CPU times: run alone (make test's serial step), never beside another test
def test_time_grows_linearly_with_an_articles_length(nlp, request):
    small, large = long_text(SMALL), long_text(SMALL * FACTOR)
    seconds(nlp, small[:2000])  # warm up: lexemes, caches
    # What is timed is the pipeline's own work: the garbage collector, whose passes rescan
    # whatever earlier tests left in this process (5.0x instead of 3.6x in a full test run),
    # is paused, and CPU time is counted rather than wall time (other processes do not count).
    gc.collect()
    gc.disable()
    request.addfinalizer(gc.enable)
    times = {"small": [], "large": []}
    for _ in range(2):
        times["small"].append(seconds(nlp, small))
        times["large"].append(seconds(nlp, large))
    ratio = min(times["large"]) / min(times["small"])
    length_ratio = len(large) / len(small)
    assert ratio <= MAX_RATIO * length_ratio / FACTOR, (
        f"{len(large):,} chars took {ratio:.2f}× the time of {len(small):,} chars ({times}); linear is {length_ratio:.2f}×"
    )
