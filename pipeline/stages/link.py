"""Link: claims and the corpus's statements → evidence links (codebook section 4).

**Statements.** Every attributed claim is a statement of its source; every sentence that
holds no claim is a statement of the author, and so is the part of a claim's sentence
after the claim when it says something of its own ("..., in stark contrast with
independent reports"), and the author's clause before a participle cue ("the White House
tried to walk back the comment, claiming that ..."). A claim is never evidence for itself.

**Blocking.** A claim is compared with the statements of its own article, and with
statements of other articles found through an inverted index of word stems: articles of
the same ``event`` when the article names one, else articles sharing a proper name
with the claim; at most ``MAX_CROSS`` of them, best first. Never all pairs.

**Topic.** Two statements share a topic through the stems of their content words, names
left out (names say who, not what): "demonstrators" and "demonstrations" share
``demonstr``.

**Stances.** For each (claim, statement) pair the first rule that applies gives the
stance; every rule pairs a cue (``pipeline/cues.py``) with what the cue points at:

- ``retracts``: the claim's own source, later, with a retraction cue ("was false",
  "took back"), pointing at the claim: an anaphor ("what he said on television")
  resolved to it, or a shared topic;
- ``notes_absence``: an absence cue ("no evidence", "haven't shown") whose subject is
  the claim's source, by name, by kind ("the government" for a government source) or
  by a pronoun resolved to it, pointing at the claim (anaphor "its claims" resolved to
  it, or a shared topic word); or a third party's finding ("have not seen credible
  evidence", "could not independently verify") said of claims it names by their source
  ("the Belarusian claims") or pointing back at the claim, in the claim's article;
- ``contradicts``: a contrast cue attached to the claim and aimed at a statement or a
  source ("in stark contrast with independent reports"), and the claims of the source
  it names; a denial ("denied", "was false") pointing at the claim; the author's next
  sentence answering a claim with "But"/"Yet" and a negation; another instance of what
  the claim says is the only one; in the claim's own article, the author's statement
  of the same topic and actor with the opposite polarity;
- ``supports``: the same topic, most of the claim's words, its main predicate and its
  figures included, the same polarity.

- ``supports`` also: a figure for the same count that entails the claim's ("more than 300
  people killed" for "more than 150 killed"); another source's claim close in meaning when
  the two sources are known to be apart (``corroboration``).

A claim reported with a denial cue asserts the opposite of its content ("denied that police
had beaten her"). An author sentence inside quotation marks is someone's words, never the
author's reporting. A claim the check-worthiness model calls an evaluation is check-worthy
when the author sets it against reports or findings (``MATTER_OF_FACT``).

Links come only from the author or from another source (a retraction only from the
same source); a statement of the same affiliation is kept with ``independent = False``.
"""
from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import re
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .. import cues, ids
from ..lexicon import REFERRING_PRONOUNS
from ..records import ArticleResult, AttributedClaim, EvidenceLink, Sentence, Word
from . import blocking, classify
from .cluster import MIN_SHARED, SIM_CLUSTER, Clusters
from .embed import DIM, EMBED_BLOCK, embed
from .extract import quote_spans
from .resolve import name_tokens

WINDOW = 3  # how many sentences back an anaphor or a pronoun may point
# how far apart two statements of one article may be for a rule to link them without a shared
# word stem: named_against reaches a claim WINDOW sentences from a contrast WINDOW sentences away
LOCAL_REACH = 2 * WINDOW
MAX_CROSS = 25  # statements of other articles considered per claim
MAX_OWN = 60  # statements of its own article sharing a word stem considered per claim (beyond its LOCAL_REACH), the most sharing first
MAX_POSTINGS = 200  # a term in more statements than this is too common to block on
MIN_CROSS_SHARED = 2  # stems a statement of another article must share with the claim to be considered
MIN_SUPPORT_SHARED = 3  # shared topic stems for a support ...
MIN_SUPPORT_COVERAGE = 0.5  # ... making up this share of the claim's topic
MIN_CROSS_SUPPORT_SHARED = 4  # the same, for a statement of another article
MIN_CROSS_SUPPORT_COVERAGE = 0.6
MIN_POLARITY_SHARED = 2  # shared topic stems for a contradiction by opposite polarity ...
MIN_POLARITY_COVERAGE = 0.4  # ... making up this share of the claim's topic
NEGATED_SCOPE_SHARE = 0.5  # the positive statement must assert more than this share of what a negation denies (most of it)
MIN_DENIAL_SHARED = 2
MIN_TAIL_WORDS = 3  # content words the author's tail after a claim (or head before it) needs to be a statement
HEAD_CUE_RE = re.compile(r"^(?!according\b)[a-z]+ing\b", re.I)  # a participle cue after the author's clause ("..., claiming that")
CONTRAST_REACH = 4  # words after a contrast cue in which it must name a statement
MARKER_REACH = 4  # words between "various"/"other" and the noun it counts
SIM_OPPOSITE = 0.6  # embedding cosine from which a statement of the opposite polarity answers a claim
SIM_DISOWN = 0.3  # ... and from which a source's negated 'I never said' points at its earlier claim
SIM_CORROBORATE = 0.7  # embedding cosine from which another source's claim asserts the same (0.55-0.7 tried on every set)
REPEAT_RUN = 4  # consecutive words two claims of one source share where it repeats itself ...
REPEAT_CONTENT = 2  # ... of them content words that are not names ...
REPEAT_COVERAGE = 0.4  # ... making up this share of the shorter claim's
SIM_SUPPORT = 0.7  # embedding cosine from which a statement restates a claim (with shared topic and polarity)
NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
DENY_CUE_RE = re.compile(r"^(?:den(?:y|ied|ies|ying)|refut|rebut)", re.I)  # claim cues that deny


_WORD = functools.partial(tuple.__new__, Word)


class Words(Sequence):
    """A statement's words, held as plain tuples of their fields and made ``Word`` tuples when first read.

    The linker stores every statement and reads many back (a candidate of another article), most of them never
    for their words: a plain tuple pickles and loads about five times faster than a named one. Once read, only
    the Word tuples are kept (they hold the same values)."""

    __slots__ = ("_plain", "_words")

    def __init__(self, plain: Iterable[tuple]):
        self._plain: tuple[tuple, ...] | None = tuple(plain)
        self._words: tuple[Word, ...] | None = None

    @classmethod
    def of(cls, words: Iterable[Word]) -> Words:
        return cls(map(tuple, words))

    @property
    def plain(self) -> tuple[tuple, ...]:
        return self._plain if self._plain is not None else tuple(map(tuple, self._words))

    def _all(self) -> tuple[Word, ...]:
        if self._words is None:
            self._words, self._plain = tuple(map(_WORD, self._plain)), None
        return self._words

    def __getitem__(self, i):
        return self._all()[i]

    def __iter__(self) -> Iterator[Word]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._plain if self._plain is not None else self._words)

    def __eq__(self, other) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(self.plain)

    def __repr__(self) -> str:
        return f"Words({self._all()!r})"

    def __reduce__(self):
        return Words, (self.plain,)


@dataclass(frozen=True, slots=True)
class Statement:
    """A span of the corpus that may be evidence: a claim of a source, or a statement of the author."""

    key: int
    doc_id: str
    start: int
    end: int
    text: str
    sentence_index: int
    source_id: str | None  # None: the author
    claim_id: str | None  # set for an attributed claim
    words: Sequence[Word]  # a tuple, or Words as the linker stores them
    topic: frozenset[str]  # stems of its content words, names and generic words left out
    context: frozenset[str]  # stems of its whole sentence
    names: frozenset[str]  # stems of its proper nouns
    negated: bool
    negated_core: frozenset[str]  # stems of the negated predicate and its object ('use', 'forc')
    main: frozenset[str]  # stems of its main predicate and its object or complement
    subject: str  # the main predicate's subject as written, lower case ('' when none)
    cue: str = ""  # the claim's reporting cue, lower case
    checkworthy: bool = True  # a claim's check-worthiness; for the author, a declarative assertion (no question, command or opinion)
    last_in_sentence: bool = True  # no later check-worthy claim starts in the same sentence
    whole_sentence: bool = False  # an author statement that is a whole sentence
    qualifies: str | None = None  # the claim an author's qualifier in its own sentence bears on ("claimed, without evidence, that")
    numbers: frozenset[str] = frozenset()  # the figures it gives, as written ('300', '18,000'), found once
    stems: frozenset[str] = frozenset()  # stems of its content words and its names: what blocking within an article follows

    def word_text(self, w: Word) -> str:
        """A word of this statement → its text as written."""
        return self.text[w.start - self.start : w.end - self.start]


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """What linking needs to know about a source: its affiliation and the names it goes by."""

    source_id: str
    affiliation: str
    names: tuple[str, ...]  # lower case, the words a mention may use
    side: frozenset[str] = frozenset()  # the words of its names that tell its side ('trump' of 'the trump campaign')


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A lower-case lemma → its Snowball stem ('demonstrators' and 'demonstration' → 'demonstr')."""
    return _stemmer().stemWord(word)


@lru_cache(maxsize=1)
def generic_stems() -> frozenset[str]:
    """The stems of cues.GENERIC_WORDS, the words that say nothing about a topic."""
    return frozenset(stem(w) for w in cues.GENERIC_WORDS)


def span_words(words: Sequence[Word], start: int, end: int) -> list[Word]:
    """A sentence's words and a character span → the words inside the span."""
    return [w for w in words if w.start >= start and w.end <= end]


def topic_stems(words: Sequence[Word]) -> frozenset[str]:
    """Words → the stems of their content words, generic words left out."""
    return frozenset(s for w in words if w.content and (s := stem(w.lemma)) not in generic_stems() and len(s) > 1)


def span_roots(words: Sequence[Word]) -> set[int]:
    """A span's words → the starts of its roots: words whose head is themselves or lies outside the span."""
    starts = {w.start for w in words}
    return {w.start for w in words if w.head == w.start or w.head not in starts}


def is_negator(w: Word) -> bool:
    """A word that negates its head ('not', "n't", 'never', 'no', ...)."""
    return w.dep == "neg" or w.lemma in cues.NEGATION_LEMMAS


def negation(words: Sequence[Word]) -> tuple[bool, frozenset[str]]:
    """A span's words → (is its main predicate negated?, stems of the negated predicate and its object).

    A negation counts when it hangs on a root of the span (a word whose head lies outside
    it: 'did not use force', 'cannot be deemed'), or is the 'no' of the root's subject or
    object ('made no demands'); a negation deep in a side clause ('albeit not officially')
    does not. The core says what is negated: 'use' and 'force' in 'did not use force'."""
    by_start = {w.start: w for w in words}
    roots = span_roots(words)
    args = {w.start for w in words if w.head in roots and w.dep in ("nsubj", "nsubjpass", "dobj", "attr", "expl")}
    negated, core = False, set()
    for w in words:
        if not is_negator(w):
            continue
        if w.head in roots:
            verb = by_start[w.head]
        elif w.lemma == "no" and w.head in args:
            verb = by_start[by_start[w.head].head]
            core.add(stem(by_start[w.head].lemma))
        else:
            continue
        negated = True
        core.add(stem(verb.lemma))
        core.update(stem(x.lemma) for x in words if x.head == verb.start and x.dep in ("dobj", "attr", "acomp", "oprd", "dative"))
    return negated, frozenset(core - generic_stems())


SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})


def negated_scope(s: Statement) -> frozenset[str] | None:
    """A negated statement → the topic stems of what its negation denies: the whole subtree of the negated predicate
    but its subject ('registered', 'charity', 'solicit', 'donations' of 'is not registered as a charity to solicit
    donations'); None where the negation is not on a predicate of the span ('made no demands')."""
    by_start = {w.start: w for w in s.words}
    roots = span_roots(s.words)
    todo = [w.head for w in s.words if is_negator(w) and w.head in roots and w.head != w.start]
    if not todo:
        return None
    children: dict[int, list[Word]] = defaultdict(list)
    for w in s.words:
        if w.head != w.start:
            children[w.head].append(w)
    seen, scope = set(todo), [by_start[t] for t in todo]
    while todo:
        for k in children[todo.pop()]:
            if k.start not in seen and k.dep not in SUBJECT_DEPS and not is_negator(k):
                seen.add(k.start)
                scope.append(k)
                todo.append(k.start)
    return topic_stems(scope) - s.names


def main_predicate(words: Sequence[Word], text_of: Callable[[Word], str]) -> tuple[frozenset[str], str]:
    """A span's words → (stems of its main predicate and that predicate's object or complement, its subject as written).

    'the videos were "inconclusive"' → ({'inconclus'}, 'videos'); 'security forces opened
    fire' → ({'open', 'fire'}, 'security forces'). The subject keeps its compounds."""
    roots = span_roots(words)
    main = [w for w in words if w.start in roots or (w.head in roots and w.dep in ("dobj", "attr", "acomp", "oprd", "dative"))]
    subj = next((w for w in words if w.head in roots and w.dep in ("nsubj", "nsubjpass")), None)
    subject = ""
    if subj is not None:
        parts = [w for w in words if w is subj or (w.head == subj.start and w.dep == "compound")]
        subject = " ".join(text_of(w) for w in sorted(parts, key=lambda w: w.start)).lower()
    return topic_stems(main), subject


def declarative(words: Sequence[Word]) -> bool:
    """A span's words → True when it is a statement: it has a verb and does not open with a command ('So just give us ...')."""
    if not any(w.pos in ("VERB", "AUX") for w in words):
        return False  # a headline-like fragment: "Partisan fireworks over immunity deals"
    first = next((w for w in words if w.pos not in ("CCONJ", "ADV", "INTJ", "PUNCT", "SPACE", "PART")), None)
    if first is None or first.pos != "VERB" or first.head != first.start:
        return True
    return any(w.head == first.start and w.dep in ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl") for w in words)


def same_actor(a: str, b: str) -> bool:
    """Two subjects as written → True when they name the same actor: a shared word stem, or the same kind of actor."""
    if not a or not b or a in cues.PRONOUN_SUBJECTS or b in cues.PRONOUN_SUBJECTS:
        return False
    if {stem(w) for w in a.split()} & {stem(w) for w in b.split()}:
        return True
    kinds = [{k for k, terms in cues.ACTOR_TERMS.items() if mentions(x, terms)} for x in (a, b)]
    return bool(kinds[0] & kinds[1])


def reports_someone(words: Sequence[Word]) -> bool:
    """A sentence's words → True when a reporting verb in it has a subject ('..., he said, ...')."""
    verbs = {w.start for w in words if w.pos == "VERB" and w.lemma in cues.REPORTING_LEMMAS}
    return any(w.dep in ("nsubj", "nsubjpass") and w.head in verbs for w in words)


def source_info(row: dict) -> SourceInfo:
    """A sources-table row → its SourceInfo (names: name, aliases and a person's or organisation's last word)."""
    names = set()
    for n in [row.get("name") or "", *(row.get("aliases") or [])]:
        words = name_tokens(n)
        if not words or (len(words) == 1 and words[0].lower() in REFERRING_PRONOUNS):
            continue
        names.add(" ".join(words).lower())
        if row.get("source_type") in ("person", "organization") and len(words[-1]) > 2 and words[-1][:1].isupper():
            names.add(words[-1].lower())
    side = frozenset(w for n in names for w in n.split() if len(w) > 2 and w not in cues.SIDE_STOPWORDS)
    return SourceInfo(row["source_id"], row.get("affiliation") or "other", tuple(sorted(names)), side)


@lru_cache(maxsize=1 << 16)
def mentions(text: str, terms: tuple[str, ...]) -> str | None:
    """(text, lower-case terms) → the first term the text mentions as whole words, or None."""
    low = cues.plain(text).lower()
    for term in terms:
        if re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", low):
            return term
    return None


def names_source(text: str, source: SourceInfo) -> str | None:
    """(a noun phrase, source) → how it names the source (a name, or a word for its kind of actor), or None."""
    return mentions(text, source.names) or mentions(text, cues.ACTOR_TERMS.get(source.affiliation, ()))


def cue_subject(e: Statement, start: int, end: int) -> list[Word]:
    """A statement and a cue's span in it → the words of the cue verb's subject: its head and possessor.

    'police video footage' is footage, not the police; 'Trump's campaign' is Trump's.

    The verb is found from the cue's words up their heads (at most three steps), and the
    nearest verb with a subject gives it, so the subject of 'has presented no evidence' and
    of 'failed to show' is found alike, and in 'it is essential to recognise that local
    groups have presented no evidence' the subject is the groups, not 'it'."""
    by_start = {w.start: w for w in e.words}
    subject_of: dict[int, Word] = {}
    for w in e.words:
        if w.dep in ("nsubj", "nsubjpass"):
            subject_of.setdefault(w.head, w)
    best: tuple[int, int] | None = None  # (steps up from the cue, the subject's start)
    for w in e.words:
        if w.start >= start and w.end <= end:
            node, steps = w, 0
            while node is not None and steps < 4:
                if node.pos in ("VERB", "AUX") and node.start in subject_of:
                    if best is None or (steps, subject_of[node.start].start) < best:
                        best = steps, subject_of[node.start].start
                    break
                node = by_start.get(node.head) if node.head != node.start else None
                steps += 1
    if best is None:
        return []
    subj = by_start[best[1]]
    return [subj, *(w for w in e.words if w.head == subj.start and w.dep == "poss" and w is not subj)]


# --- preparing an article: its statements, from its result alone -----------------------------

_FIELDS = tuple(f.name for f in dataclasses.fields(Statement))
_KEY, _DOC, _TEXT, _CLAIM, _SOURCE, _QUALIFIES = (_FIELDS.index(n) for n in ("key", "doc_id", "text", "claim_id", "source_id",
                                                                            "qualifies"))


@dataclass(frozen=True, slots=True)
class Prepared:
    """What the linker reads of one article, made from its result alone: the check-worthiness of its claim rows (in
    row order), its statements as tuples of Statement fields (keys from 0) and their unit vectors (float32 rows).

    Made from ``placeholder_rows`` in the worker that parsed the article and cached with its result, so a build's
    corpus stages only index it; its vectors depend on the article alone, never on which articles precede it."""

    checkworthy: tuple[bool, ...]
    offsets: tuple[tuple[int, int], ...]  # each claim row's content span, to check it belongs to the rows it is used for
    statements: tuple[tuple, ...]
    vectors: bytes

    def array(self) -> np.ndarray:
        """The statements' vectors as an (n, DIM) float32 array."""
        return np.frombuffer(self.vectors, dtype=np.float32).reshape(-1, DIM)

    def fits(self, rows: Sequence[dict]) -> bool:
        """True when this preparation was made for claim rows with these content spans, in this order."""
        return self.offsets == tuple((r["content_start"], r["content_end"]) for r in rows)


def claim_order(result: ArticleResult) -> list[int]:
    """An article's claims → their indexes in the order of claim rows: by content offsets, then as extracted."""
    return sorted(range(len(result.claims)), key=lambda i: (result.claims[i].start, result.claims[i].end))


def claim_fields(c: AttributedClaim) -> dict:
    """An extracted claim → the fields of its claim row that it gives as it stands (speaker, cue, content, offsets)."""
    return {"speaker_text": c.source, "speaker_start": c.source_start, "speaker_end": c.source_end,
            "cue": c.cue, "cue_start": c.cue_start, "cue_end": c.cue_end,
            "content": c.content, "content_start": c.start, "content_end": c.end,
            "sentence_index": c.sentence_index, "quote_type": c.quote_type}


def placeholder_rows(result: ArticleResult) -> list[dict]:
    """An article's claims → the claim rows the linker reads, in the build's order, before resolve has named any
    source: a row's claim id and source are '#' and its position (``Corpus`` puts the real ones in their place)."""
    return [{"claim_id": f"#{n}", "source_id": f"#{n}", **claim_fields(result.claims[i]), "checkworthy": None}
            for n, i in enumerate(claim_order(result))]


def prepare_article(result: ArticleResult, rows: Sequence[dict]) -> Prepared:
    """An article's result and its claim rows (ordered by offsets) → its Prepared statements: the claims, the author's
    sentences and tails, the qualifiers of reports; a row without check-worthiness gets it from classify's model."""
    text = result.article.text
    unset = [r for r in rows if r.get("checkworthy") is None]
    sentences = sorted(result.sentences, key=lambda s: s.start)
    starts = [s.start for s in sentences]

    def claim_words(row: dict) -> list[Word]:
        """The words of a claim: those of the sentences it spans (sentences do not overlap: bisect, not a scan of the article)."""
        lo, hi = max(0, bisect.bisect_right(starts, row["content_start"]) - 1), bisect.bisect_left(starts, row["content_end"])
        return [w for s in sentences[lo:hi] if s.start < row["content_end"] and s.end > row["content_start"]
                for w in span_words(s.words, row["content_start"], row["content_end"])]

    # each distinct text is embedded once: a claim's content is the text of its statement too
    vector_of = embedded({}, [r["content"] for r in unset])
    verdicts = iter(classify.checkworthy_claims([(r["content"], r.get("cue"), claim_words(r), lambda w: text[w.start : w.end])
                                                 for r in unset], np.array([vector_of[r["content"]] for r in unset]).reshape(-1, DIM)))
    worthy = tuple(bool(r["checkworthy"]) if r.get("checkworthy") is not None else next(verdicts) for r in rows)
    rows = [r if r.get("checkworthy") is not None else r | {"checkworthy": w} for r, w in zip(rows, worthy)]
    statements = list(_article_statements(result, rows, sentences, claim_words))
    vector_of = embedded(vector_of, [st[_TEXT] for st in statements])
    vectors = np.array([vector_of[st[_TEXT]] for st in statements], dtype=np.float32).reshape(-1, DIM)
    return Prepared(worthy, tuple((r["content_start"], r["content_end"]) for r in rows), tuple(statements), vectors.tobytes())


def embedded(known: dict[str, np.ndarray], texts: Sequence[str]) -> dict[str, np.ndarray]:
    """Texts' vectors by text, and more texts → the same with those not yet in it embedded, EMBED_BLOCK at a time
    (a long article's thousands of statements never go to the model at once). Batches do not change a text's
    vector, so embedding each distinct text once gives what embedding every occurrence would."""
    todo = list(dict.fromkeys(t for t in texts if t not in known))
    for i in range(0, len(todo), EMBED_BLOCK):
        known.update(zip(todo[i : i + EMBED_BLOCK], embed(todo[i : i + EMBED_BLOCK])))
    return known


def _article_statements(result: ArticleResult, rows: list[dict], sentences: list[Sentence],
                        claim_words: Callable[[dict], list[Word]]) -> Iterator[tuple]:
    """An article's rows (check-worthiness set) and sentences in order → its statements' field tuples, keys from 0."""
    doc_id, text = result.article.doc_id, result.article.text
    starts = [s.start for s in sentences]
    quotes = quote_spans(text)
    quote_starts = [q.start for q in quotes]
    keys = itertools.count()

    def sentence_at(offset: int) -> Sentence | None:
        i = bisect.bisect_right(starts, offset) - 1
        return sentences[i] if i >= 0 and offset < sentences[i].end else None

    def quoted(start: int, end: int) -> bool:
        """True when a span lies within one quotation: someone's words the extractor did not attribute."""
        i = bisect.bisect_right(quote_starts, start) - 1
        return i >= 0 and end <= quotes[i].end  # quote_starts[i] <= start: the marks may belong to the span

    def make(start, end, index, words, context, **kw) -> tuple:
        return _statement_fields(next(keys), doc_id, start, end, text[start:end], index, words, context, **kw)

    in_sentence: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        if (sent := sentence_at(row["content_start"])) is not None:
            in_sentence[sent.index].append(row)
    for sent in sentences:
        context = topic_stems(sent.words)
        here = in_sentence.get(sent.index, [])
        worthy = [n for n, row in enumerate(here) if row["checkworthy"]]
        for n, row in enumerate(here):
            yield make(row["content_start"], row["content_end"], sent.index, claim_words(row), context,
                       source_id=row["source_id"], claim_id=row["claim_id"], cue=(row.get("cue") or "").lower(),
                       checkworthy=bool(row["checkworthy"]), last=bool(worthy) and n == worthy[-1])
        for row in here:
            if (q := qualifier_span(sent, row)) and not quoted(*q):
                yield make(q[0], q[1], sent.index, span_words(sent.words, *q), context, qualifies=row["claim_id"])
        spans = [(r["content_start"], r["content_end"]) for r in here]
        spans += [(r[a], r[b]) for r in here for a, b in (("speaker_start", "speaker_end"), ("cue_start", "cue_end"))
                  if r.get(a) is not None and sent.start <= r[a] < sent.end]
        if not spans:
            for start, end in paragraph_pieces(sent):
                words = span_words(sent.words, start, end)
                if not reports_someone(words):  # "..., said Hester.": a claim the extractor missed, not the author's
                    yield make(start, end, sent.index, words, context, whole=True, speech=quoted(start, end))
            continue
        if tail := author_tail(sent, max(e for _, e in spans)):
            yield make(tail[0], tail[1], sent.index, span_words(sent.words, *tail), context, speech=quoted(*tail))
        for row in here:
            others = [(a, b) for a, b in spans if not (a == row.get("speaker_start") and b == row.get("speaker_end"))]
            if (head := author_head(sent, text, row, others)) and not quoted(*head):
                yield make(head[0], head[1], sent.index, span_words(sent.words, *head), context)


def _statement_fields(key, doc_id, start, end, text, index, words, context, *, source_id=None, claim_id=None, cue="",
                      checkworthy=True, last=True, whole=False, speech=False, qualifies=None) -> tuple:
    """A span of an article and what it is → the field values of its Statement, in field order."""
    words = tuple(words)
    names = frozenset(stem(w.lemma) for w in words if w.pos == "PROPN")
    negated, core = negation(words)
    main, subject = main_predicate(words, lambda w: text[w.start - start : w.end - start])
    if DENY_CUE_RE.match(cue) and not negated:  # 'denied any involvement': the claim asserts that there was none
        negated, core = True, main - names
    if source_id is None:  # the author asserts something only in a statement that is no question, command, opinion
        # or quotation (someone's words inside quotation marks are not the author's reporting)
        checkworthy = not speech and declarative(words) and not text.rstrip().endswith("?") and classify.is_checkworthy(text)
    st = Statement(
        key=key, doc_id=doc_id, start=start, end=end, text=text, sentence_index=index,
        source_id=source_id, claim_id=claim_id, words=words, topic=topic_stems(words) - names, context=context,
        names=names, negated=negated, negated_core=core, main=main - names, subject=subject,
        cue=cue, checkworthy=checkworthy and qualifies is None, last_in_sentence=last, whole_sentence=whole, qualifies=qualifies,
        numbers=frozenset(NUMBER_RE.findall(text)), stems=frozenset(stem(w.lemma) for w in words if w.content) | names,
    )
    return tuple(Words.of(words) if f == "words" else getattr(st, f) for f in _FIELDS)


class Corpus:
    """The statements of a corpus, indexed for blocking and anaphora."""

    def __init__(self, results: Sequence[ArticleResult], claims: Sequence[dict] | Callable[[ArticleResult], list[dict]],
                 sources: dict[str, object], *, prepared: Callable[[int, ArticleResult], Prepared] | None = None):
        """``claims``: the claim rows of the corpus, or a function giving an article's rows (the build streams them).
        ``prepared``: (position in results, result) → the article's ``prepare_article`` of its ``placeholder_rows``,
        made when it was analysed and cached (the build's store: its results may then come without their sentences,
        which only a preparation reads); the rows must leave check-worthiness to it. Without it each article is
        prepared here, from its rows."""
        self.sources = {sid: source_info(dict(row)) for sid, row in sources.items()}
        self.event: dict[str, str | None] = {}
        self.published: dict[str, str | None] = {}
        # what is held across the corpus is an index (pipeline/stages/blocking.py): the statements
        # themselves and their vectors are spilled to disk, postings and names kept as int arrays
        self.statements = blocking.StatementStore(Statement, [f.name for f in dataclasses.fields(Statement)])
        self.index = blocking.TermIndex(MAX_POSTINGS)
        self.names = blocking.TermSets()
        self.vectors = blocking.VectorStore(DIM)
        # each source's statements that take back or disown words (few): the same source is a block of its own, in
        # another article as well, whatever topic words the two share (at most MAX_POSTINGS kept a source)
        self.takebacks: dict[str, array] = {}
        rows_of = claims if callable(claims) else _rows_by_doc(claims)
        for i, result in enumerate(results):  # one pass: results may be read back from disk one at a time
            self.event[result.article.doc_id] = result.article.event
            self.published[result.article.doc_id] = result.article.published
            rows = sorted(rows_of(result), key=lambda r: (r["content_start"], r["content_end"]))
            if prepared is None:  # prepared from these rows (their ids, and check-worthiness where a row has it)
                self._add(result, rows, prepare_article(result, rows), placeholders=False)
                continue
            ready = prepared(i, result)
            if not ready.fits(rows) or any(r.get("checkworthy") is not None for r in rows):
                raise ValueError(f"the prepared statements of {result.article.doc_id!r} were not made for its claim rows")
            self._add(result, rows, ready, placeholders=True)
        # terms in more statements than this say little about a shared topic and are not
        # followed (a constant, so blocking stays linear in the corpus size)
        self.max_df = min(max(50, len(self.statements) // 20), MAX_POSTINGS)
        self._named: dict[int, dict[str, str]] = {}
        # within one article: statements and claims by sentence, and (for the article being
        # linked) by word stem, so no rule scans a whole article per pair (pipeline/stages/blocking.py)
        self.near_all = blocking.Windows(self.statements.doc)
        self.near_claims = blocking.Windows(self.statements.doc, keep=lambda st: bool(st.claim_id))
        self._postings: tuple[str, blocking.StemPostings] | None = None
        self._doc_numbers = self.statements.doc_numbers()  # each statement's article, for blocking across articles

    def near(self, table: dict[str, blocking.SentenceWindow], doc_id: str, first: int, last: int) -> list[Statement]:
        """The statements (near_all) or claims (near_claims) of an article in sentences first..last, in article order."""
        window = table.get(doc_id)
        return window.between(first, last) if window is not None else []

    def own_candidates(self, claim: Statement) -> list[Statement]:
        """A claim → the statements of its article that a rule may link to it: those within LOCAL_REACH
        sentences (anaphora, rebuttal, contrast) and those sharing a word stem with it (every topic rule), at most
        MAX_OWN of these (the most sharing): a claim of a long article is compared with a bounded number of statements."""
        if self._postings is None or self._postings[0] != claim.doc_id:
            self._postings = claim.doc_id, blocking.StemPostings(self.statements.doc(claim.doc_id), word_stems, MAX_POSTINGS)
        si = claim.sentence_index
        keys = {s.key for s in self.near(self.near_all, claim.doc_id, si - LOCAL_REACH, si + LOCAL_REACH)}
        keys |= self._postings[1].sharing(claim.stems | {stem(w.lemma) for w in claim.words if not w.content}, most=MAX_OWN)
        return [self.statements[k] for k in sorted(keys)]

    def similarity(self, a: Statement, b: Statement) -> float:
        """Two statements → the cosine of their embeddings."""
        return float(self.vectors[a.key] @ self.vectors[b.key])

    def _add(self, result: ArticleResult, rows: list[dict], prepared: Prepared, *, placeholders: bool) -> None:
        """An article's claim rows and its prepared statements → the statements appended to the corpus and indexed, each
        row's check-worthiness set where it was None. With ``placeholders`` the statements carry a row's position for
        its claim id and source (a preparation made before resolve: ``placeholder_rows``), replaced here by the row's."""
        doc_id, base = result.article.doc_id, len(self.statements)
        for row, worthy in zip(rows, prepared.checkworthy):
            if row.get("checkworthy") is None:
                row["checkworthy"] = worthy
        of_row = (lambda ref: None if ref is None else rows[int(ref[1:])]) if placeholders else None
        for values in prepared.statements:
            values = list(values)
            values[_KEY] += base
            values[_DOC] = doc_id
            if of_row is not None:
                if (row := of_row(values[_CLAIM])) is not None:
                    values[_CLAIM], values[_SOURCE] = row["claim_id"], row["source_id"]
                if (row := of_row(values[_QUALIFIES])) is not None:
                    values[_QUALIFIES] = row["claim_id"]
            st = Statement(*values)
            self.statements.append(st, doc_id)
            if st.source_id is not None and (disowns(st) or cues.search(cues.RETRACTION_RE, st.text)):
                keys = self.takebacks.setdefault(st.source_id, array("i"))
                if len(keys) < MAX_POSTINGS:
                    keys.append(st.key)
            for t in st.topic | st.names:
                self.index.add(t, st.key)
            self.names.append(st.names)
        self.vectors.extend(prepared.array())

    # --- blocking -------------------------------------------------------------------------

    def candidates(self, claim: Statement) -> list[Statement]:
        """A claim → the statements it is compared with: its article's, and the best of other articles in its block."""
        own = [s for s in self.own_candidates(claim) if s.key != claim.key and (not overlaps(s, claim) or s.qualifies == claim.claim_id)]
        event = self.event.get(claim.doc_id)
        doc, doc_of, doc_ids = self.statements.doc_number[claim.doc_id], self.statements.doc_index, self.statements.doc_ids
        keys, shared = self.index.sharing(claim.topic | claim.names, self.max_df, self._doc_numbers, doc)
        cross = []
        names = self.names.ids(claim.names)
        for k, n in zip(keys[shared >= MIN_CROSS_SHARED].tolist(), shared[shared >= MIN_CROSS_SHARED].tolist()):
            # a statement of another article is read from disk only once chosen
            other = self.event.get(doc_ids[doc_of(k)])
            same_block = other == event if event is not None else self.names.shares(k, names)
            if same_block and other in (event, None):
                cross.append((-n, k))
        chosen = [k for _, k in sorted(cross)[:MAX_CROSS]]
        seen = {s.key for s in own} | set(chosen) | {claim.key}
        taken = [k for k in self.takebacks.get(claim.source_id, ()) if k not in seen
                 and (event is None or self.event.get(doc_ids[doc_of(k)]) in (event, None))]
        return own + [self.statements[k] for k in chosen + taken[:MAX_CROSS]]

    # --- anaphora -------------------------------------------------------------------------

    def antecedent(self, e: Statement, accept: Callable[[Statement], bool]) -> Statement | None:
        """A statement with an anaphor → the earlier claim of its article it points at, within WINDOW sentences.

        Among the claims ``accept`` admits, the one whose sentence shares most topic words
        with the statement's, then the nearest."""
        found = [c for c in self.near(self.near_claims, e.doc_id, e.sentence_index - WINDOW, e.sentence_index)
                 if c.start < e.start and c.claim_id != e.claim_id and 0 <= e.sentence_index - c.sentence_index <= WINDOW
                 and accept(c)]
        if not found:
            return None
        return max(found, key=lambda c: (len(c.context & (e.context | e.topic)), c.start))

    def subject_names(self, e: Statement, subject: list[Word], source_id: str | None) -> str | None:
        """(statement, the subject words of its cue, a source) → how the subject names that source, or None.

        A pronoun names the source of the nearest earlier claim of the article (within WINDOW
        sentences) that is not the statement's own."""
        src = self.sources.get(source_id) if source_id else None
        if not subject or src is None:
            return None
        head = e.word_text(subject[0]).lower()
        if head in cues.PRONOUN_SUBJECTS:
            near = self.near(self.near_claims, e.doc_id, e.sentence_index - WINDOW, e.sentence_index)
            nearest = max((c for c in near if c.start < e.start and c.source_id != e.source_id
                           and 0 <= e.sentence_index - c.sentence_index <= WINDOW), key=lambda c: c.start, default=None)
            return head if nearest is not None and nearest.source_id == source_id else None
        phrase = " ".join(e.word_text(w) for w in sorted(subject, key=lambda w: w.start))
        return names_source(phrase, src)

    def independent(self, claim: Statement, e: Statement) -> bool:
        """(claim, evidence) → True when the evidence is the author's, or from another source of another affiliation.

        ``other`` is no affiliation: two unrelated sources both marked ``other`` are independent."""
        if e.source_id is None:
            return True
        if e.source_id == claim.source_id:
            return False
        a, b = self.sources.get(claim.source_id), self.sources.get(e.source_id)
        return a is None or b is None or a.affiliation != b.affiliation or a.affiliation == "other"

    def known_apart(self, claim: Statement, e: Statement) -> bool:
        """True when two claims' sources are known to be of different affiliations (not both ``other``) and not one side."""
        a, b = self.sources.get(claim.source_id), self.sources.get(e.source_id)
        return (a is not None and b is not None and a.affiliation != b.affiliation and not self.same_side(claim, e))

    def same_side(self, claim: Statement, e: Statement) -> bool:
        """True when two claims' sources share a name word ('Trump' and 'The Trump campaign'): one side."""
        a, b = self.sources.get(claim.source_id), self.sources.get(e.source_id)
        if a is None or b is None or a.source_id == b.source_id:
            return a is not None and b is not None
        return bool(a.side & b.side)

    def _dates(self, e: Statement, claim: Statement) -> tuple[str | None, str | None]:
        """(evidence, claim) of two articles → (the claim's article's publication date, the evidence's), None where unknown."""
        return self.published.get(claim.doc_id), self.published.get(e.doc_id)

    def earlier(self, e: Statement, claim: Statement) -> bool:
        """True when e is known to come first: in an article published before the claim's (not within one article)."""
        if e.doc_id == claim.doc_id:
            return False
        a, b = self._dates(e, claim)
        return bool(a and b and b < a)

    def later(self, e: Statement, claim: Statement) -> bool:
        """True when e comes after the claim: later in its article, or in an article published later."""
        if e.doc_id == claim.doc_id:
            return e.start >= claim.end
        a, b = self._dates(e, claim)
        return bool(a and b and b > a)

    # --- contrast: the author sets a claim against other evidence ------------------------------

    def contrast(self, e: Statement) -> tuple[str, str, list[Statement]]:
        """An author statement → (contrast cue, what follows it, the claims it is attached to), or ('', '', []).

        The cue counts when the words right after it name a statement ('reports', 'findings',
        'what he said'). Attached: the last claim of the same sentence before it (a
        tail), or, for a sentence of its own with an anaphor, the claim the anaphor points at."""
        if e.source_id is not None:
            return "", "", []
        m = cues.search(cues.CONTRAST_RE, e.text)
        if not m:
            return "", "", []
        after = e.text[m.end():]
        if not cues.STATEMENT_NOUNS_RE.search(" ".join(after.split()[:CONTRAST_REACH])):
            return "", "", []  # "in contrast with Cuba and Iran" compares, it does not answer a statement
        cue = e.text[m.start() : m.end()]
        near = self.near(self.near_claims, e.doc_id, e.sentence_index, e.sentence_index)
        same = [c for c in near if c.sentence_index == e.sentence_index and c.end <= e.start]
        if same:
            return cue, after, same[-1:]
        if cues.find(cues.ANAPHORA_RE, e.text) and (ante := self.antecedent(e, lambda c: True)):
            return cue, after, [ante]
        return cue, after, []

    def named_against(self, claim: Statement) -> dict[str, str]:
        """A claim → {claim_id: source name} of the claims the author sets against it by naming their source."""
        if claim.key not in self._named:
            out: dict[str, str] = {}
            si = claim.sentence_index
            for x in self.near(self.near_all, claim.doc_id, si - WINDOW, si + WINDOW):
                if x.source_id is not None or abs(x.sentence_index - claim.sentence_index) > WINDOW:
                    continue
                cue, after, targets = self.contrast(x)
                if claim not in targets:
                    continue
                for c in self.near(self.near_claims, claim.doc_id, x.sentence_index - WINDOW, x.sentence_index + WINDOW):
                    src = self.sources.get(c.source_id)
                    if src is None or c.source_id == claim.source_id or abs(c.sentence_index - x.sentence_index) > WINDOW:
                        continue
                    if name := mentions(after, src.names):
                        out[c.claim_id] = name
            self._named[claim.key] = out
        return self._named[claim.key]


def _rows_by_doc(claims: Sequence[dict]) -> Callable[[ArticleResult], list[dict]]:
    """Claim rows of the corpus → a function giving an article's rows."""
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for row in claims:
        by_doc[row["doc_id"]].append(row)
    return lambda result: by_doc.get(result.article.doc_id, [])


def word_stems(s: Statement) -> frozenset[str]:
    """A statement → the stems of its content words and names (what blocking within an article follows)."""
    return s.stems


def overlaps(a: Statement, b: Statement) -> bool:
    """True when two statements of one article share characters."""
    return a.doc_id == b.doc_id and a.start < b.end and b.start < a.end


def paragraph_pieces(sent: Sentence) -> list[tuple[int, int]]:
    """A sentence → the spans of its pieces between blank lines (a parser may run a sentence across a paragraph break)."""
    pieces, offset = [], sent.start
    for part in re.split(r"(\n\s*\n)", sent.text):
        stripped = part.strip()
        if stripped and not re.fullmatch(r"\n\s*\n", part):
            lead = len(part) - len(part.lstrip())
            pieces.append((offset + lead, offset + lead + len(stripped)))
        offset += len(part)
    return pieces


def qualifier_span(sent: Sentence, row: dict) -> tuple[int, int] | None:
    """(sentence, a claim row in it) → the span of the author's qualifier of that report, or None.

    'Hajizadeh reiterated the claim that the protests were fomented abroad, without providing evidence' and 'He claimed,
    without evidence, that ...': set off by a comma after the cue, outside the content or closing it."""
    cue_start = row.get("cue_start")
    first = cue_start if cue_start is not None and sent.start <= cue_start < sent.end else row["content_start"]
    for m in cues.QUALIFIER_RE.finditer(cues.plain(sent.text), max(0, first - sent.start)):
        start, end = sent.start + m.start(1), sent.start + m.end(1)
        inside = row["content_start"] < start < row["content_end"]
        if not inside or end >= row["content_end"]:  # inside the content only as its last words
            return start, end
    return None


def author_tail(sent: Sentence, after: int) -> tuple[int, int] | None:
    """(sentence, end of its last claim part) → the span of what follows, when it is a statement of its own."""
    if after >= sent.end:
        return None
    rest = sent.text[after - sent.start :]
    start = after + len(rest) - len(rest.lstrip(" ,;:–—-\u201d\u2019\"'"))
    end = sent.end
    while end > start and sent.text[end - 1 - sent.start] in ".!?\u201d\"' ":
        end -= 1
    if end - start < 10 or sum(w.content for w in span_words(sent.words, start, end)) < MIN_TAIL_WORDS:
        return None
    return start, end


def author_head(sent: Sentence, text: str, row: dict, taken: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """(sentence, article text, a claim row of it, the spans of the sentence's claims, cues and other speakers) → the
    span of the author's own clause before the claim's participle cue, when it is a statement of its own: "the White
    House tried to walk back the comment" of "the White House tried to walk back the comment, claiming that ..."
    (the author reports what the source did; the source said the rest). Nothing of another claim in it, a verb of its
    own that does not report speech, MIN_TAIL_WORDS content words."""
    cue_start = row.get("cue_start")
    if cue_start is None or not sent.start <= cue_start < sent.end or not HEAD_CUE_RE.match(text[cue_start : row["cue_end"]]):
        return None
    end = len(text[sent.start : cue_start].rstrip())  # the comma before the cue, as an offset in the sentence
    if end < 1 or sent.text[end - 1] != ",":
        return None
    lead = sent.text[: end - 1]
    start, end = sent.start + len(lead) - len(lead.lstrip(" \"'\u201c\u2018")), sent.start + end - 1
    if end - start < 10 or any(a < end and b > start for a, b in taken):
        return None
    words = span_words(sent.words, start, end)
    if (sum(w.content for w in words) < MIN_TAIL_WORDS or not any(w.pos == "VERB" for w in words) or reports_someone(words)
            or not declarative(words)):
        return None
    return start, end


def shared_topic(c: Statement, e: Statement, least: int, coverage: float) -> frozenset[str]:
    """(claim, statement, minimum count, minimum share of the claim's topic) → the shared topic stems, or empty."""
    shared = c.topic & e.topic
    return shared if len(shared) >= least and len(shared) >= coverage * len(c.topic) else frozenset()


def listed(stems: frozenset[str], n: int = 4) -> str:
    """Stems → 'a, b, c' (at most n, sorted), for rationales."""
    return ", ".join(sorted(stems)[:n])


# --- the stance rules: (claim, statement, corpus) → (stance, rationale) or None ----------------


def retraction(c: Statement, e: Statement, corpus: Corpus) -> tuple[str, str] | None:
    """The claim's own source takes it back later, pointing at it."""
    if e.source_id is None or e.source_id != c.source_id or not corpus.later(e, c):
        return None
    m = cues.search(cues.RETRACTION_RE, e.text)
    if not m or cues.find(cues.RETRACTION_RE, c.text):
        return None
    cue = e.text[m.start() : m.end()]
    subject = cue_subject(e, e.start + m.start(), e.start + m.end())
    if subject and subject[0].pos == "PROPN" and not corpus.subject_names(e, subject, e.source_id):
        return None  # 'the White House has tried to walk back his comment': a retraction the source reports of someone else
    if e.doc_id == c.doc_id and corpus.antecedent(
        e, lambda x: x.source_id == e.source_id and not cues.find(cues.RETRACTION_RE, x.text)
    ) == c:
        return "retracts", f"its own source later says {cue!r}, pointing back at this claim"
    if shared := shared_topic(c, e, 2, 0.0):
        return "retracts", f"its own source later says {cue!r} on the same topic ({listed(shared)})"
    return None


def qualified(c: Statement, e: Statement, corpus: Corpus) -> tuple[str, str] | None:
    """The author qualifies the report of the claim in its own sentence: 'X claimed, without evidence, that ...'."""
    if e.qualifies == c.claim_id:
        return "notes_absence", f"the author reports it {e.text!r}"
    return None


def absence(c: Statement, e: Statement, corpus: Corpus) -> tuple[str, str] | None:
    """A statement that the claim's source has shown no evidence, pointing at the claim; or a third party's finding
    that it has seen none, or could not verify it, said of the claim (``absence_found``)."""
    if (e.source_id is not None and e.source_id == c.source_id) or e.qualifies is not None:
        return None
    m = cues.search(cues.ABSENCE_RE, e.text)
    if not m:
        return None
    if e.source_id is not None and cues.find(cues.DENIAL_RE, e.text):
        return None  # an interested party calling it false and unproven denies it (rule: denial)
    if found := cues.search(cues.ABSENCE_FOUND_RE, e.text):
        return absence_found(c, e, corpus, found)
    cue = e.text[m.start() : m.end()]
    subject = cue_subject(e, e.start + m.start(), e.start + m.end())
    anaphor = e.doc_id == c.doc_id and cues.find(cues.ANAPHORA_RE, e.text)
    if not subject:  # "no evidence has been presented for these claims": only an anaphor points
        if anaphor and corpus.antecedent(e, lambda x: x.source_id != e.source_id) == c:
            return "notes_absence", f"{cue!r}, pointing back at this claim"
        return None
    if not (actor := corpus.subject_names(e, subject, c.source_id)):
        return None
    if anaphor and corpus.antecedent(e, lambda x: bool(corpus.subject_names(e, subject, x.source_id))) == c:
        return "notes_absence", f"{cue!r} said of {actor!r}, whose claim this is, pointing back at it"
    topic = shared_topic(c, e, 1 if e.doc_id == c.doc_id else 2, 0.0) - {stem(w) for w in actor.split()}
    if topic:
        return "notes_absence", f"{cue!r} said of {actor!r}, whose claim this is, on the same topic ({listed(topic)})"
    return None


def absence_found(c: Statement, e: Statement, corpus: Corpus, m: re.Match) -> tuple[str, str] | None:
    """A third party found no evidence for the claim: 'we have not seen credible evidence that the Belarusian claims
    are true', 'Reuters could not independently verify the claims'. Its subject is who looked, so the claim is found
    by what follows the cue, in the claim's article, before it: claims whose words name the claim's source ('the
    Belarusian claims', 'the ministry's account'), or an anaphor ('the claims', 'these allegations') pointing back at
    it; never a possessive anaphor ('its claims' are the looker's own)."""
    if e.doc_id != c.doc_id or c.start >= e.start or (src := corpus.sources.get(c.source_id)) is None:
        return None
    cue, after = e.text[m.start() : m.end()], e.text[m.end() :]
    of = cues.ABSENCE_OF_RE.match(cues.plain(after))
    if not of:
        return None
    # "the minister's account": the minister; "that these claims": an anaphor, whose words name nobody
    whose = " ".join(w for w in re.sub(r"'s?(?!\w)", "", of.group("whose")).split() if w.lower() not in cues.CLAIM_DETERMINERS)
    if whose and (actor := names_source(whose, src) or next((w for w in whose.lower().split() if w in src.side), None)):
        return "notes_absence", f"{cue!r} of the claims of {actor!r}, whose claim this is"
    if not whose and corpus.antecedent(e, lambda x: x.source_id not in (e.source_id, None)) == c:
        return "notes_absence", f"{cue!r} of {of.group(0).strip()!r}, pointing back at this claim"
    return None


def contrast(c: Statement, e: Statement, corpus: Corpus) -> tuple[str, str] | None:
    """The author sets the claim against other evidence, or against a source it names and that source's claim."""
    if e.source_id is None:
        cue, _, targets = corpus.contrast(e)
        if c in targets:
            return "contradicts", f"the author sets the claim against other evidence ({cue!r})"
    elif e.claim_id in (named := corpus.named_against(c)):
        return "contradicts", f"the author sets the claim against {named[e.claim_id]!r}, whose claim this is"
    return None


def denial(c: Statement, e: Statement, corpus: Corpus) -> tuple[str, str] | None:
    """Another source or the author denies the claim or calls it false, pointing at it."""
    if e.source_id is not None and e.source_id == c.source_id:
        return None
    deny = cues.find(cues.DENIAL_RE, e.text) or (e.cue if DENY_CUE_RE.match(e.cue) else None)
    if not deny:
        return None
    if e.source_id is not None and cues.find(cues.RETRACTION_RE, e.text) and corpus.antecedent(e, lambda x: x.source_id == e.source_id):
        return None  # the source takes back its own earlier words: a retraction of those, not a denial of this
    if e.doc_id == c.doc_id and cues.find(cues.ANAPHORA_RE, e.text) and corpus.antecedent(e, lambda x: x.source_id != e.source_id) == c:
        return "contradicts", f"denies it or calls it false ({deny!r}), pointing back at it"
    if (shared := shared_topic(c, e, MIN_DENIAL_SHARED, MIN_POLARITY_COVERAGE)) and on_main(c, shared):
        return "contradicts", f"denies it or calls it false ({deny!r}) on the same topic ({listed(shared)})"
    return None


def rebuttal(c: Statement, e: Statement, corpus: Corpus) -> tuple[str, str] | None:
    """The author's next sentence answers the claim: 'But'/'Yet' and a negation, after a positive claim."""
    if (e.whole_sentence and e.checkworthy and e.doc_id == c.doc_id and c.last_in_sentence and e.sentence_index == c.sentence_index + 1
            and e.negated and not c.negated and (opener := cues.find(cues.OPENER_RE, e.text))
            and not cues.find(cues.ABSENCE_RE, e.text)):
        return "contradicts", f"the author's next sentence answers it ({opener!r}) with a negation"
    return None


def other_instance(c: Statement, e: Statement, corpus: Corpus) -> tuple[str, str] | None:
    """The claim says something is the only one of its kind; the author names others of that kind."""
    if e.source_id is not None or e.doc_id != c.doc_id or not e.checkworthy:
        return None
    m = cues.search(cues.EXCLUSIVE_RE, c.text)
    if not m:
        return None
    after = [w for w in c.words if w.start >= c.start + m.start("head")]
    kind, written = [], []
    for w in after:
        if w.pos not in ("NOUN", "ADJ", "PROPN"):
            break
        kind.append(stem(w.lemma))
        written.append(c.word_text(w))
    if not kind:
        return None
    for i, w in enumerate(e.words):
        if w.content and stem(w.lemma) in kind:
            before = " ".join(e.word_text(x) for x in e.words[max(0, i - MARKER_REACH) : i])
            if marker := cues.PLURAL_MARKERS_RE.search(before):
                return "contradicts", f"the claim says it is the only {' '.join(written)}; the author names {marker.group(0)!r} {e.word_text(w)!r}"
    return None


def polarity(c: Statement, e: Statement, corpus: Corpus) -> tuple[str, str] | None:
    """In the claim's article, the author states the same topic with the opposite polarity.

    What the negation denies (its verb or object) must be part of the shared topic, and the
    two main predicates must have the same actor for subject ('the authorities' and
    'security forces' are both the government's)."""
    if e.source_id is not None or e.doc_id != c.doc_id or c.negated == e.negated or not e.checkworthy:
        return None
    shared = shared_topic(c, e, MIN_POLARITY_SHARED, MIN_POLARITY_COVERAGE)
    negated_part = (c if c.negated else e).negated_core & shared
    if shared and negated_part and same_actor(c.subject, e.subject) and asserts_what_is_denied(c, e):
        return "contradicts", (f"the author states the same topic ({listed(shared)}) of the same actor "
                               f"({c.subject!r}, {e.subject!r}) with the opposite polarity on {listed(negated_part)}")
    return None


def on_main(s: Statement, stems: frozenset[str]) -> bool:
    """Do these shared stems touch what the statement asserts, its main predicate or that predicate's object (any stems,
    where no main predicate was found)? 'the letter was a retraction by Lidia, who has accused the harbour master' asserts
    a retraction: a denial of the accusation answers a clause it mentions, not the claim."""
    return not s.main or bool(stems & s.main)


def asserts_what_is_denied(c: Statement, e: Statement) -> bool:
    """Of a claim and a statement of opposite polarity: does the positive one assert most of what the negated one denies?
    'X is registered as a charity' does not contradict 'X is not registered as a charity to solicit donations' (what
    is denied is more), while 'X is not registered' contradicts 'X is registered as a charity to solicit donations'."""
    negated, positive = (c, e) if c.negated else (e, c)
    scope = negated_scope(negated)
    return not scope or len(scope & positive.topic) > NEGATED_SCOPE_SHARE * len(scope)


def support(c: Statement, e: Statement, corpus: Corpus) -> tuple[str, str] | None:
    """A statement asserting the same: most of the claim's topic, its main predicate and its figures included, the same polarity."""
    if (e.source_id is not None and e.source_id == c.source_id) or not e.checkworthy or c.negated != e.negated:
        return None
    least, coverage = (MIN_SUPPORT_SHARED, MIN_SUPPORT_COVERAGE) if e.doc_id == c.doc_id else (MIN_CROSS_SUPPORT_SHARED, MIN_CROSS_SUPPORT_COVERAGE)
    shared = shared_topic(c, e, least, coverage)
    if c.numbers and not c.numbers <= e.numbers:
        return None  # the claim's figures are not all in the evidence: not the same fact
    if shared and c.main & shared and e.main & shared:  # both main predicates in what they share: the same proposition
        return "supports", f"asserts the same with the same polarity ({listed(shared, 5)})"
    return None


def counts(s: Statement) -> dict[str, tuple[float, float, frozenset[str]]]:
    """A statement → {stem of a verb: (low, high, lemmas of the nouns counted)} for the figures that count its subject or
    object: '451 protesters and 60 security forces have been killed' → {'kill': (511, 511, {'protester', 'force'})},
    'more than 300 people were killed' → {'kill': (300, inf, {'people'})}. Figures under one verb add up."""
    by_start = {w.start: w for w in s.words}
    out: dict[str, tuple[float, float, frozenset[str]]] = {}
    for w in s.words:
        text = s.word_text(w).replace(",", "")
        if w.pos != "NUM" or w.dep != "nummod" or not text.isdigit() or (noun := by_start.get(w.head)) is None:
            continue
        verb, node, steps = None, noun, 0
        while node is not None and steps < 3 and verb is None:
            head = by_start.get(node.head)
            if head is not None and head.pos == "VERB" and node.dep in ("nsubj", "nsubjpass", "dobj"):
                verb = head
            node, steps = (head if node.dep == "conj" else None), steps + 1
        if verb is None:
            continue
        n = float(text)
        before = cues.plain(s.text[max(0, w.start - s.start - 16) : w.start - s.start]).lower().rstrip()
        if before.endswith(cues.FIGURE_AT_LEAST):
            low, high = n, float("inf")
        elif before.endswith(cues.FIGURE_AT_MOST):
            low, high = 0.0, n
        elif before.endswith(cues.FIGURE_ABOUT):
            low, high = n * (1 - cues.FIGURE_SLACK), n * (1 + cues.FIGURE_SLACK)
        else:
            low, high = n, n
        key = stem(verb.lemma)
        lo, hi, nouns = out.get(key, (0.0, 0.0, frozenset()))
        out[key] = (lo + low, hi + high, nouns | {noun.lemma})
    return out


def figures(c: Statement, e: Statement, corpus: Corpus) -> tuple[str, str] | None:
    """A figure for the same count (the same verb, of the same people or things) that entails the claim's: 'more than 300
    people have been killed' for 'more than 150 were killed'; '451 protesters and 60 security forces were killed' for
    'more than 300 people have been killed'. Only the entailing direction supports: 'more than 300' does not give '511'."""
    if (e.source_id is not None and e.source_id == c.source_id) or not e.checkworthy or c.negated != e.negated:
        return None
    if not (c.numbers and e.numbers):
        return None  # no figure on one side: nothing to count (and no parse walked per pair)
    theirs = counts(e)
    for verb, (clo, chi, cnouns) in counts(c).items():
        if verb not in theirs:
            continue
        elo, ehi, enouns = theirs[verb]
        same_kind = bool({stem(x) for x in cnouns} & {stem(x) for x in enouns}) or bool(cnouns & cues.COUNTED_ANYONE)
        if same_kind and clo <= elo and ehi <= chi:
            return "supports", f"gives a figure for the same count ({verb}) within the claim's"
    return None


def figures_clash(c: Statement, e: Statement) -> bool:
    """True when both statements give figures and share none ('300 dead' against '41 dead')."""
    return bool(c.numbers and e.numbers and not c.numbers & e.numbers)


def restatement(c: Statement, e: Statement, corpus: Corpus) -> tuple[str, str] | None:
    """A statement that says the same in other words: close in meaning (embedding cosine), sharing topic words,
    with the same polarity and no clashing figure ('doctors found no trace of poison' for 'no poison was found')."""
    if (e.source_id is not None and e.source_id == c.source_id) or not e.checkworthy or c.negated != e.negated:
        return None
    if figures_clash(c, e) or len(shared := c.topic & e.topic) < MIN_SHARED or not c.main & e.main:
        return None  # the same main predicate (or its object) too: near in topic is not the same proposition
    if (sim := corpus.similarity(c, e)) >= SIM_SUPPORT:
        return "supports", f"says the same in other words (similarity {sim:.2f}; {listed(shared, 5)})"
    return None


def corroboration(c: Statement, e: Statement, corpus: Corpus) -> tuple[str, str] | None:
    """Another source, known to be of another affiliation and side, asserts the same proposition: close in meaning,
    sharing topic words, same polarity, no clashing figure ('the samples showed a nerve agent of the Novichok group',
    said by a government, and 'the tests confirmed a Novichok nerve agent', by an international watchdog)."""
    if e.source_id is None or e.source_id == c.source_id or not e.checkworthy or not corpus.known_apart(c, e):
        return None
    if close_in_meaning(c, e, corpus, SIM_CORROBORATE):
        return "supports", f"another source asserts the same (similarity {corpus.similarity(c, e):.2f}; {listed(c.topic & e.topic, 5)})"
    return None


def disowns(s: Statement) -> str | None:
    """A statement → the words by which its source disowns words of its own, or None: a negated verb of saying or
    accusing ('I have never said nor written anything accusing anyone'), or a denial whose content is such an act
    ('Peng denied ever having accused anyone of ...')."""
    if cue := cues.find(cues.DISOWNING_RE, s.text):
        return cue
    if DENY_CUE_RE.match(s.cue) and (act := cues.find(cues.DENIED_ACT_RE, s.text)):
        return f"{s.cue} {act}"
    return None


def disowning(c: Statement, e: Statement, corpus: Corpus) -> tuple[str, str] | None:
    """The claim's own source disowns it: words disowning saying or accusing (``disowns``), close in meaning to the claim,
    or disowning any accusation at all where the claim is an accusation ('she denied ever having accused anyone of
    sexually assaulting her' against 'she accused the coach of forcing her into sex').

    Disowning words point back at words already said, so no order within an article is asked for (a report often
    gives the denial first and recalls the accusation after it); an article published before the claim's cannot."""
    if (e.source_id is None or e.source_id != c.source_id or corpus.earlier(e, c) or c.negated
            or cues.find(cues.DISOWNING_RE, c.text)):
        return None  # a negated claim ('denied ever having accused anyone') is not disowned by repeating the denial
    cue = disowns(e)
    if not cue:
        return None
    if (c.topic & e.topic) and (sim := corpus.similarity(c, e)) >= SIM_DISOWN:
        return "retracts", f"its own source says {cue!r} of words close to these (similarity {sim:.2f})"
    if cues.search(cues.ACCUSING_RE, c.cue) and cues.search(cues.ACCUSING_RE, f"{e.cue} {e.text}") and cues.search(cues.ANY_ONE_RE, e.text):
        return "retracts", f"its own source says {cue!r} of any accusation, and this claim is one ({c.cue!r})"
    return None


def opposite(c: Statement, e: Statement, corpus: Corpus) -> tuple[str, str] | None:
    """Another source or the author states the same proposition with the opposite polarity: close in meaning, sharing
    topic words, one negated and the other not ('she was not beaten in custody' against 'she was beaten in custody')."""
    if (e.source_id is not None and e.source_id == c.source_id) or not e.checkworthy or c.negated == e.negated:
        return None
    if corpus.same_side(c, e):
        return None  # 'Trump' and 'the Trump campaign': one side answering itself settles nothing
    negated_part = (c if c.negated else e).negated_core & c.topic & e.topic
    if (negated_part and len(shared := c.topic & e.topic) >= MIN_SHARED and on_main(c, shared) and on_main(e, shared)
            and (sim := corpus.similarity(c, e)) >= SIM_OPPOSITE and asserts_what_is_denied(c, e)):
        return "contradicts", f"states the same with the opposite polarity on {listed(negated_part)} (similarity {sim:.2f}; {listed(shared)})"
    return None


Rule = Callable[[Statement, Statement, Corpus], "tuple[str, str] | None"]
RULES: tuple[Rule, ...] = (retraction, disowning, qualified, absence, contrast, denial, rebuttal, other_instance, polarity, opposite, figures, support,
                          restatement, corroboration)
# rules by which the author treats a claim as a matter of fact: a claim the check-worthiness model calls an
# evaluation ('the process was exemplary') is check-worthy when the author sets it against reports or findings, or
# reports it 'without evidence' ('absence' as well was tried: its cue words also judge opinions, wrong on polnear-dev)
MATTER_OF_FACT: tuple[Rule, ...] = (contrast, qualified)


def stance(c: Statement, e: Statement, corpus: Corpus) -> tuple[str, str] | None:
    """(claim, statement, corpus) → (stance, rationale) of the first rule that applies, or None."""
    for rule in RULES:
        if found := rule(c, e, corpus):
            return found
    return None


@dataclass(frozen=True, slots=True)
class Linked:
    """What linking gives: the evidence links, sorted by evidence_id, and each claim's cluster."""

    links: list[EvidenceLink]
    clusters: dict[str, str]  # claim_id → claim_cluster_id
    promoted: frozenset[str] = frozenset()  # claims the model called not check-worthy that the author treats as matters of fact


def close_in_meaning(c: Statement, e: Statement, corpus: Corpus, least: float) -> bool:
    """Two statements say the same: an embedding cosine of at least ``least``, MIN_SHARED topic stems, the same
    polarity and no clashing figure."""
    return (c.negated == e.negated and not figures_clash(c, e) and len(c.topic & e.topic) >= MIN_SHARED
            and corpus.similarity(c, e) >= least)


def _repeat_words(s: Statement) -> list[Word]:
    """A statement's words, punctuation left out."""
    return [w for w in s.words if w.pos not in ("PUNCT", "SPACE")]


def _substantive(w: Word) -> bool:
    """A content word that is not a name: what a repetition must repeat."""
    return w.content and w.pos != "PROPN"


def repeats(c: Statement, e: Statement) -> bool:
    """Two claims of one source where it repeats itself: runs of REPEAT_RUN consecutive words in common, holding
    REPEAT_CONTENT content words that are not names, which make up REPEAT_COVERAGE of the shorter claim's such words;
    the same polarity, no clashing figure ("more than 300 people have been killed in the unrest" and "more than 300
    people have been killed, including martyrs"; a quoted "Russian special operation" said twice). One phrase shared
    by two long quotations ("trying to distract attention") is not a repetition."""
    if e.source_id is None or e.source_id != c.source_id or c.negated != e.negated or len(c.stems & e.stems) < REPEAT_CONTENT:
        return False  # (the shared stems first: a cheap test that spares reading the words of most pairs)
    if figures_clash(c, e):
        return False
    a, b = _repeat_words(c), _repeat_words(e)
    # compared as written: the parse may tag a repeated word differently ('coordinated' an adjective, then a verb)
    ta, tb = [c.word_text(w).lower() for w in a], [e.word_text(w).lower() for w in b]
    sa, sb = {t for w, t in zip(a, ta) if _substantive(w)}, {t for w, t in zip(b, tb) if _substantive(w)}
    runs = {tuple(ta[i : i + REPEAT_RUN]) for i in range(len(a) - REPEAT_RUN + 1)
            if sum(map(_substantive, a[i : i + REPEAT_RUN])) >= REPEAT_CONTENT}
    shared = {t for i in range(len(b) - REPEAT_RUN + 1) if (run := tuple(tb[i : i + REPEAT_RUN])) in runs for t in run} & (sa | sb)
    return bool(shared) and len(shared) >= REPEAT_COVERAGE * min(len(sa), len(sb))


def same_proposition(c: Statement, e: Statement, corpus: Corpus) -> bool:
    """Two claims assert the same proposition: close in meaning at the cluster threshold, or one source repeating
    itself."""
    return e.claim_id is not None and (close_in_meaning(c, e, corpus, SIM_CLUSTER) or repeats(c, e))


def spread(links: dict[str, EvidenceLink], clusters: Clusters, corpus: Corpus) -> None:
    """Evidence of one member of a cluster → the same evidence for the others (a retraction only for the same source).

    A member's evidence that is a claim of the cluster, or a statement of the receiving claim's own source, is not spread."""
    source = {claim_id: source_id for claim_id, source_id, _ in corpus.statements.claim_headers}
    groups = clusters.members()
    for link in sorted(links.values(), key=lambda x: (x.claim_id, x.evidence_doc_id, x.evidence_start, x.stance)):
        root = clusters.find(link.claim_id)
        for other in groups.get(root, ()):
            if other == link.claim_id or (link.evidence_claim_id and clusters.find(link.evidence_claim_id) == root):
                continue
            if link.evidence_source_id is not None and link.evidence_source_id == source.get(other):
                continue
            if link.stance == "retracts" and source.get(other) != source.get(link.claim_id):
                continue
            key = ids.evidence_id(other, link.evidence_doc_id, link.evidence_text, link.stance)
            links.setdefault(key, dataclasses.replace(link, claim_id=other, rationale=f"{link.rationale} (found for claim {link.claim_id} of its cluster)"))


@dataclass(frozen=True, slots=True)
class Outcome:
    """What linking one claim gives, from the corpus alone: nothing it finds depends on another claim's outcome."""

    promoted: bool  # the model called it not check-worthy, and the author answers it as a matter of fact
    same: tuple[str, ...]  # claim ids of candidates asserting the same proposition (joined to its cluster)
    links: tuple[tuple[str, EvidenceLink], ...]  # (evidence_id, link), in the order of its candidates


def link_claim(c: Statement, corpus: Corpus, worthy: bool) -> Outcome:
    """A claim (``worthy``: the model calls it check-worthy) → what the corpus says of it: its candidates' stances and
    which of them assert the same proposition."""
    candidates = corpus.candidates(c)
    promoted = not worthy and any(rule(c, e, corpus) for e in candidates for rule in MATTER_OF_FACT)
    same, links = [], []
    for e in candidates:
        if same_proposition(c, e, corpus):
            same.append(e.claim_id)
        if not (worthy or promoted) or not (found := stance(c, e, corpus)):
            continue
        kind, why = found
        links.append((ids.evidence_id(c.claim_id, e.doc_id, e.text, kind), EvidenceLink(
            claim_id=c.claim_id, stance=kind, independent=corpus.independent(c, e), evidence_doc_id=e.doc_id,
            evidence_start=e.start, evidence_end=e.end, evidence_text=e.text, evidence_source_id=e.source_id,
            evidence_claim_id=e.claim_id, rationale=why,
        )))
    return Outcome(promoted, tuple(same), tuple(links))


Found = list[tuple[int, Outcome]]  # a part's claims with an outcome, by number (``link_part``)
Parts = Callable[[Callable[[range], Found], list[range]], Iterable[Found]]  # (link a part, the parts) → each part's Found


def link_part(corpus: Corpus, worthy: frozenset[str], part: range) -> Found:
    """The claims numbered ``part`` (in key order) → (number, outcome) of those it says something of (a link, a claim
    asserting the same, a promotion), in that order: most claims have nothing, and a part's result stays small."""
    found = []
    for n, c in zip(part, corpus.statements.claims(part)):
        outcome = link_claim(c, corpus, c.claim_id in worthy)
        if outcome.promoted or outcome.same or outcome.links:
            found.append((n, outcome))
    return found


def claim_parts(corpus: Corpus, n: int) -> list[range]:
    """The corpus's claims (numbered in key order) → about ``n`` consecutive parts of whole articles, of similar
    numbers of claims (an article's claims are linked together, against its statements read once)."""
    doc_of = [corpus.statements.doc_index(k) for k in corpus.statements.claim_keys()]
    size = max(1, -(-len(doc_of) // max(1, n)))
    parts, first = [], 0
    for i in range(1, len(doc_of) + 1):
        if i == len(doc_of) or (i - first >= size and doc_of[i] != doc_of[i - 1]):
            parts.append(range(first, i))
            first = i
    return parts


def link_corpus(results: Sequence[ArticleResult], claims: Sequence[dict], sources: dict[str, object], *,
                prepared: Callable[[int, ArticleResult], Prepared] | None = None, parts: int = 1,
                each: Parts = map) -> Linked:
    """Article results, claim rows and sources by id → evidence links of the check-worthy claims and the claims' clusters.

    A claim row whose ``checkworthy`` is None receives it here (``classify.checkworthy_claims``
    on the claim's words in its article's parse, which only this pass reads), from the article's
    ``prepared`` statements where they are given (see ``Corpus``). The claims are linked in ``parts`` consecutive
    parts, ``each(function, parts)`` giving each part's outcomes in order (the build maps them on forked processes
    that share the corpus's index): the output is the same for any number of parts and any ``each``."""
    corpus = Corpus(results, claims, sources, prepared=prepared)
    clusters = Clusters(claim_id for claim_id, _, _ in corpus.statements.claim_headers)
    links: dict[str, EvidenceLink] = {}
    first_worthy = frozenset(claim_id for claim_id, _, checkworthy in corpus.statements.claim_headers if checkworthy)
    worthy = set(first_worthy)
    corpus.statements.flush()  # what a forked process reads of the store is on disk
    outcomes = itertools.chain.from_iterable(each(functools.partial(link_part, corpus, first_worthy), claim_parts(corpus, parts)))
    for n, outcome in outcomes:
        claim_id = corpus.statements.claim_headers[n][0]
        if outcome.promoted:
            worthy.add(claim_id)  # the author answers it with evidence: a matter of fact, whatever its wording
        for other in outcome.same:
            clusters.join(claim_id, other)
        for key, link in outcome.links:
            links.setdefault(key, link)
    promoted = frozenset(worthy - first_worthy)
    spread(links, clusters, corpus)
    # members of one cluster assert the same proposition: a contradiction between two of them is the weaker reading
    kept = {k: x for k, x in links.items() if x.claim_id in worthy
            and not (x.stance == "contradicts" and x.evidence_claim_id and clusters.find(x.evidence_claim_id) == clusters.find(x.claim_id))}
    return Linked([kept[k] for k in sorted(kept)], clusters.ids(), promoted)


def link_evidence(results: Sequence[ArticleResult], claims: Sequence[dict], sources: dict[str, object]) -> list[EvidenceLink]:
    """Article results, claim rows and sources by id → evidence links of the check-worthy claims, sorted by evidence_id."""
    return link_corpus(results, claims, sources).links
