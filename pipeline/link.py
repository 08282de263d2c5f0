"""Link: claims and the corpus's statements → evidence links (codebook section 4).

**Statements.** Every attributed claim is a statement of its source; every sentence that
holds no claim is a statement of the author, and so is the part of a claim's sentence
after the claim when it says something of its own ("..., in stark contrast with
independent reports"). A claim is never evidence for itself.

**Blocking.** A claim is compared with the statements of its own article, and with
statements of other articles found through an inverted index of word stems: articles of
the same ``event`` when the article names one, else articles sharing a proper name
with the claim; at most ``MAX_CROSS`` of them, best first. Never all pairs.

**Stances.** For each (claim, statement) pair the first rule that applies gives the
stance; every rule pairs a cue (``pipeline/cues.py``) with what it points at:

- ``retracts``: the claim's own source, later, with a retraction cue ("was false",
  "took back"), pointing at the claim (an anaphor such as "what he said" resolved to
  it, or a shared topic);
- ``notes_absence``: an absence cue ("no evidence", "haven't shown") whose actor is
  the claim's source, by name or by kind ("the government" for a government source),
  pointing at the claim (anaphor "its claims" resolved to it, or a shared topic word);
- ``contradicts``: a contrast cue attached to the claim ("in stark contrast with"),
  or a claim of the source that cue names; a denial or falsity cue pointing at the
  claim; the author's next sentence opening with "But"/"Yet" with opposite polarity;
  another instance of what the claim says is the only one; opposite polarity on a
  shared topic;
- ``supports``: the same polarity on a strongly shared topic, the claim's verb included.

Links come only from the author or from another source; a statement of the same
affiliation is kept with ``independent = False`` (codebook section 4).
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from . import cues
from .records import ArticleResult, EvidenceLink, Sentence, Word

WINDOW = 3  # how many sentences back an anaphor may point
MAX_CROSS = 25  # statements of other articles considered per claim
MIN_SUPPORT_SHARED = 3  # shared topic stems for a support
MIN_SUPPORT_COVERAGE = 0.5  # ... and the share of the claim's stems they make up
MIN_POLARITY_SHARED = 2  # shared topic stems for a contradiction by opposite polarity
MIN_POLARITY_COVERAGE = 0.4
MIN_TAIL_WORDS = 3  # content words an author's tail after a claim needs to be a statement
DENY_CUES = frozenset({"deny", "denied", "denies", "denying", "reject", "rejected", "rejects", "dispute", "disputed",
                       "refute", "refuted", "dismiss", "dismissed", "contest", "contested"})
PLURAL_MARKERS_RE = re.compile(r"\b(?:various|other|another|several|many|rival|second|new|numerous|multiple)\b", re.I)
CONTRAST_RE = cues.compile_all(cues.CONTRADICTION[:6])  # the contrast cues, without denial and falsity


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
    stems: frozenset[str]  # stems of its content words, generic words left out
    context: frozenset[str]  # stems of its whole sentence
    names: frozenset[str]  # stems of its proper nouns
    predicates: frozenset[str]  # stems of its verbs
    negated: bool
    cue: str = ""  # the claim's reporting cue, lower case
    checkworthy: bool = True
    last_in_sentence: bool = True  # no later check-worthy claim starts in the same sentence
    whole_sentence: bool = False  # an author statement that is a whole sentence


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """What linking needs to know about a source: its affiliation and the names it goes by."""

    source_id: str
    affiliation: str
    names: tuple[str, ...]  # lower case, the words a mention may use


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def stem(word: str) -> str:
    """A lower-case lemma → its Snowball stem ('demonstrators' and 'demonstration' → 'demonstr')."""
    return _stemmer().stemWord(word)


def span_words(words: Sequence[Word], start: int, end: int) -> list[Word]:
    """A sentence's words and a character span → the words inside the span."""
    return [w for w in words if w.start >= start and w.end <= end]


def topic_stems(words: Sequence[Word]) -> frozenset[str]:
    """Words → the stems of their content words, generic words left out."""
    return frozenset(s for w in words if w.content and (s := stem(w.lemma)) not in cues.GENERIC_STEMS and len(s) > 1)


def is_negated(words: Sequence[Word]) -> bool:
    """A span's words → True when its main predicate is negated ('did not use', 'cannot be deemed', 'never saw').

    A negation counts when it hangs on a root of the span (a word whose head lies outside
    it), or is the 'no' of the root's subject or object ('made no demands'); a negation
    deep in a side clause ('albeit not officially') does not."""
    starts = {w.start for w in words}
    roots = {w.start for w in words if w.head == w.start or w.head not in starts}
    args = {w.start for w in words if w.head in roots and w.dep in ("nsubj", "nsubjpass", "dobj", "attr", "expl")}
    return any(
        (w.dep == "neg" or w.lemma in cues.NEGATION_LEMMAS) and (w.head in roots or (w.lemma == "no" and w.head in args))
        for w in words
    )


def source_info(row: dict) -> SourceInfo:
    """A sources-table row → its SourceInfo (names: name, aliases and a person's surname)."""
    from .resolve import PRONOUNS, name_tokens

    names = set()
    for n in [row.get("name") or "", *(row.get("aliases") or [])]:
        words = name_tokens(n)
        if not words or (len(words) == 1 and words[0].lower() in PRONOUNS):
            continue
        names.add(" ".join(words).lower())
        if row.get("source_type") in ("person", "organization") and len(words[-1]) > 2 and words[-1][:1].isupper():
            names.add(words[-1].lower())
    return SourceInfo(row["source_id"], row.get("affiliation") or "other", tuple(sorted(names)))


def mentions(text: str, terms: Sequence[str]) -> str | None:
    """(text, lower-case terms) → the first term the text mentions as whole words, or None."""
    low = cues.plain(text).lower()
    for term in terms:
        if re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", low):
            return term
    return None


def refers_to(text: str, source: SourceInfo) -> str | None:
    """(text, source) → how the text names the source (a name, or a word for its kind of actor), or None."""
    return mentions(text, source.names) or mentions(text, cues.ACTOR_TERMS.get(source.affiliation, ()))


class Corpus:
    """The statements of a corpus, indexed for blocking and anaphora."""

    def __init__(self, results: Sequence[ArticleResult], claims: Sequence[dict], sources: dict[str, object]):
        self.sources = {sid: source_info(dict(row) if not isinstance(row, dict) else row) for sid, row in sources.items()}
        self.event = {r.article.doc_id: r.article.event for r in results}
        self.published = {r.article.doc_id: r.article.published for r in results}
        self.statements: list[Statement] = []
        by_doc: dict[str, list[dict]] = defaultdict(list)
        for row in claims:
            by_doc[row["doc_id"]].append(row)
        for result in results:
            self._add_article(result, sorted(by_doc.get(result.article.doc_id, []), key=lambda r: (r["content_start"], r["content_end"])))
        self.by_doc: dict[str, list[Statement]] = defaultdict(list)
        self.claims_in_doc: dict[str, list[Statement]] = defaultdict(list)
        self.index: dict[str, list[int]] = defaultdict(list)
        for s in self.statements:
            self.by_doc[s.doc_id].append(s)
            if s.claim_id:
                self.claims_in_doc[s.doc_id].append(s)
            for t in s.stems:
                self.index[t].append(s.key)
        self.max_df = max(50, len(self.statements) // 20)
        self._named: dict[int, dict[str, str]] = {}

    def _add_article(self, result: ArticleResult, rows: list[dict]) -> None:
        """One article's sentences and claim rows → its statements (claims, author sentences and tails)."""
        doc_id = result.article.doc_id
        sentences = sorted(result.sentences, key=lambda s: s.start)
        starts = [s.start for s in sentences]

        def sentence_at(offset: int) -> Sentence | None:
            import bisect

            i = bisect.bisect_right(starts, offset) - 1
            return sentences[i] if i >= 0 and offset < sentences[i].end else None

        in_sentence: dict[int, list[dict]] = defaultdict(list)
        for row in rows:
            sent = sentence_at(row["content_start"])
            if sent is None:
                continue
            in_sentence[sent.index].append(row)
        for sent in sentences:
            context = topic_stems(sent.words)
            here = in_sentence.get(sent.index, [])
            worthy = [n for n, row in enumerate(here) if row.get("checkworthy", True)]
            for n, row in enumerate(here):
                words = [w for s in sentences if s.start < row["content_end"] and s.end > row["content_start"]
                         for w in span_words(s.words, row["content_start"], row["content_end"])]
                self._append(doc_id, row["content_start"], row["content_end"], row["content"], sent.index, row["source_id"],
                             row["claim_id"], words, context, cue=(row.get("cue") or "").lower(),
                             checkworthy=bool(row.get("checkworthy", True)), last=bool(worthy) and n == worthy[-1])
            spans = [(r["content_start"], r["content_end"]) for r in here]
            spans += [(r[a], r[b]) for r in here for a, b in (("speaker_start", "speaker_end"), ("cue_start", "cue_end"))
                      if r.get(a) is not None and sent.start <= r[a] < sent.end]
            if not spans:
                self._append(doc_id, sent.start, sent.end, sent.text, sent.index, None, None, sent.words, context, whole=True)
                continue
            tail = author_tail(sent, max(e for _, e in spans))
            if tail:
                start, end = tail
                self._append(doc_id, start, end, sent.text[start - sent.start : end - sent.start], sent.index, None, None,
                             span_words(sent.words, start, end), context)

    def _append(self, doc_id, start, end, text, index, source_id, claim_id, words, context, *, cue="", checkworthy=True, last=True, whole=False):
        words = list(words)
        self.statements.append(Statement(
            key=len(self.statements), doc_id=doc_id, start=start, end=end, text=text, sentence_index=index,
            source_id=source_id, claim_id=claim_id, stems=topic_stems(words), context=context,
            names=frozenset(stem(w.lemma) for w in words if w.pos == "PROPN"), negated=is_negated(words),
            predicates=topic_stems([w for w in words if w.pos == "VERB"]),
            cue=cue, checkworthy=checkworthy, last_in_sentence=last, whole_sentence=whole,
        ))

    # --- blocking -------------------------------------------------------------------------

    def candidates(self, claim: Statement) -> list[Statement]:
        """A claim → the statements it is compared with: its article's, and the best of other articles in its block."""
        own = [s for s in self.by_doc[claim.doc_id] if s.key != claim.key and not overlaps(s, claim)]
        event = self.event.get(claim.doc_id)
        shared: dict[int, int] = defaultdict(int)
        for t in claim.stems:
            postings = self.index.get(t, ())
            if len(postings) > self.max_df:
                continue
            for k in postings:
                s = self.statements[k]
                if s.doc_id != claim.doc_id:
                    shared[k] += 1
        cross = []
        for k, n in shared.items():
            s = self.statements[k]
            same_block = (event is not None and self.event.get(s.doc_id) == event) or (
                event is None and bool(s.names & claim.names))
            if n >= 2 and same_block:
                cross.append((-n, k))
        return own + [self.statements[k] for _, k in sorted(cross)[:MAX_CROSS]]

    # --- anaphora -------------------------------------------------------------------------

    def antecedent(self, e: Statement, accept: Callable[[Statement], bool]) -> Statement | None:
        """A statement with an anaphor → the earlier claim of its article it points at, within WINDOW sentences.

        Among the claims ``accept`` admits, the one whose sentence shares most topic words
        with the statement's, then the nearest."""
        found = [c for c in self.claims_in_doc[e.doc_id]
                 if c.start < e.start and c.claim_id != e.claim_id and 0 <= e.sentence_index - c.sentence_index <= WINDOW
                 and accept(c)]
        if not found:
            return None
        return max(found, key=lambda c: (len(c.context & (e.context | e.stems)), c.start))

    def independent(self, claim: Statement, e: Statement) -> bool:
        """(claim, evidence) → True when the evidence is the author's, or from another source of another affiliation.

        ``other`` is no affiliation: two unrelated sources both marked ``other`` are independent."""
        if e.source_id is None:
            return True
        if e.source_id == claim.source_id:
            return False
        a = self.sources.get(claim.source_id)
        b = self.sources.get(e.source_id)
        return a is None or b is None or a.affiliation != b.affiliation or a.affiliation == "other"

    def later(self, e: Statement, claim: Statement) -> bool:
        """True when e comes after the claim: later in its article, or in an article published later."""
        if e.doc_id == claim.doc_id:
            return e.start >= claim.end
        a, b = self.published.get(claim.doc_id), self.published.get(e.doc_id)
        return bool(a and b and b > a)

    def contrast_targets(self, e: Statement) -> tuple[str, list[Statement]]:
        """An author statement with a contrast cue → (the cue, the claims it is attached to).

        Attached: the claims of the same sentence before it (a tail), or, for a sentence of
        its own with an anaphor, the claim the anaphor points at."""
        cue = cues.find(CONTRAST_RE, e.text)
        if not cue or e.source_id is not None:
            return "", []
        same = [c for c in self.claims_in_doc[e.doc_id] if c.sentence_index == e.sentence_index and c.end <= e.start]
        if same:
            return cue, same[-1:]
        if cues.find(cues.ANAPHORA_RE, e.text):
            ante = self.antecedent(e, lambda c: True)
            return cue, [ante] if ante else []
        return cue, []

    def named_against(self, claim: Statement) -> dict[str, str]:
        """A claim → {claim_id: source name} of the claims the author sets against it by naming their source."""
        if claim.key not in self._named:
            out: dict[str, str] = {}
            for x in self.by_doc[claim.doc_id]:
                if x.source_id is None and abs(x.sentence_index - claim.sentence_index) <= WINDOW:
                    cue, targets = self.contrast_targets(x)
                    if claim in targets:
                        out.update((c.claim_id, name) for c, name in self.contrast_claims(x))
            self._named[claim.key] = out
        return self._named[claim.key]

    def contrast_claims(self, e: Statement) -> list[tuple[Statement, str]]:
        """A contrast statement → the claims of the sources it names after its cue, near it: (claim, source name)."""
        cue, targets = self.contrast_targets(e)
        if not targets:
            return []
        after = e.text[e.text.lower().find(cue.lower()) + len(cue):]
        out = []
        for c in self.claims_in_doc[e.doc_id]:
            src = self.sources.get(c.source_id)
            if src is None or c in targets or abs(c.sentence_index - e.sentence_index) > WINDOW:
                continue
            if any(src.source_id == t.source_id for t in targets):
                continue
            if name := mentions(after, src.names):
                out.append((c, name))
        return out


def overlaps(a: Statement, b: Statement) -> bool:
    """True when two statements of one article share characters."""
    return a.doc_id == b.doc_id and a.start < b.end and b.start < a.end


def author_tail(sent: Sentence, after: int) -> tuple[int, int] | None:
    """(sentence, end of its last claim part) → the span of what follows, when it is a statement of its own."""
    if after >= sent.end:
        return None
    rest = sent.text[after - sent.start :]
    lead = len(rest) - len(rest.lstrip(" ,;:–—-\u201d\u2019\"'"))
    start = after + lead
    end = sent.end
    while end > start and sent.text[end - 1 - sent.start] in ".!?\u201d\"' ":
        end -= 1
    if end - start < 10 or sum(w.content for w in span_words(sent.words, start, end)) < MIN_TAIL_WORDS:
        return None
    return start, end


# --- the stance rules: (claim, statement, corpus) → (stance, rationale) or None ----------------


def retraction(c: Statement, e: Statement, corpus: Corpus) -> tuple[str, str] | None:
    """The claim's own source takes it back later, pointing at it."""
    if e.source_id is None or e.source_id != c.source_id or not corpus.later(e, c):
        return None
    cue = cues.find(cues.RETRACTION_RE, e.text)
    if not cue or cues.find(cues.RETRACTION_RE, c.text):
        return None
    if e.doc_id == c.doc_id and corpus.antecedent(
        e, lambda x: x.source_id == e.source_id and not cues.find(cues.RETRACTION_RE, x.text)
    ) == c:
        return "retracts", f"its own source later says {cue!r}, pointing back at this claim"
    if len((c.stems & e.stems)) >= 2:
        return "retracts", f"its own source later says {cue!r} about the same topic ({', '.join(sorted(c.stems & e.stems)[:4])})"
    return None


def absence(c: Statement, e: Statement, corpus: Corpus) -> tuple[str, str] | None:
    """A statement that no evidence has been shown, by the claim's source, pointing at the claim."""
    if e.source_id is not None and e.source_id == c.source_id:
        return None
    cue = cues.find(cues.ABSENCE_RE, e.text)
    src = corpus.sources.get(c.source_id)
    if not cue or src is None or not (actor := refers_to(e.text, src)):
        return None
    if e.doc_id == c.doc_id and cues.find(cues.ANAPHORA_RE, e.text):
        if corpus.antecedent(e, lambda x: (s := corpus.sources.get(x.source_id)) is not None and bool(refers_to(e.text, s))) == c:
            return "notes_absence", f"{cue!r} said of {actor!r}, whose claim this is, pointing back at it"
    actor_stems = {stem(w) for w in actor.split()}
    topic = (c.stems & e.stems) - actor_stems
    if topic:
        return "notes_absence", f"{cue!r} said of {actor!r}, whose claim this is, on the same topic ({', '.join(sorted(topic)[:4])})"
    return None


def contradiction(c: Statement, e: Statement, corpus: Corpus) -> tuple[str, str] | None:
    """A statement incompatible with the claim (contrast cue, denial, rebuttal, another instance, polarity)."""
    if e.source_id is not None and e.source_id == c.source_id:
        return None
    cue, targets = corpus.contrast_targets(e)
    if c in targets:
        return "contradicts", f"the author sets the claim against other evidence ({cue!r})"
    named = corpus.named_against(c)
    if e.claim_id and e.claim_id in named:
        return "contradicts", f"the author contrasts the claim with {named[e.claim_id]!r}, whose claim this is"
    deny = cues.find(cues.CONTRADICTION_RE, e.text) or (e.cue if e.cue in DENY_CUES else None)
    own_retraction = e.source_id is not None and cues.find(cues.RETRACTION_RE, e.text) and corpus.antecedent(
        e, lambda x: x.source_id == e.source_id)
    if deny and not CONTRAST_RE.search(cues.plain(e.text)) and not own_retraction:
        points = e.doc_id == c.doc_id and cues.find(cues.ANAPHORA_RE, e.text) and corpus.antecedent(
            e, lambda x: x.source_id != e.source_id) == c
        shared = c.stems & e.stems
        if points or (len(shared) >= 2 and len(shared) >= MIN_POLARITY_COVERAGE * min(len(c.stems), len(e.stems))):
            how = "pointing back at it" if points else f"on the same topic ({', '.join(sorted(shared)[:4])})"
            return "contradicts", f"denies or calls false ({deny!r}), {how}"
    if (e.whole_sentence and e.doc_id == c.doc_id and c.last_in_sentence
            and e.sentence_index == c.sentence_index + 1 and e.start > c.end and e.negated != c.negated
            and (opener := cues.find(cues.OPENER_RE, e.text)) and not cues.find(cues.ABSENCE_RE, e.text)):
        return "contradicts", f"the author's next sentence answers it ({opener!r}) with the opposite polarity"
    if (m := cues.EXCLUSIVE_RE.search(cues.plain(c.text))) and e.doc_id == c.doc_id and corpus.independent(c, e):
        head = {stem(w.lower()) for w in m.group("head").split()} - cues.GENERIC_STEMS
        if (head & e.stems) and (marker := PLURAL_MARKERS_RE.search(e.text)):
            return "contradicts", f"the claim says it is the only one; the evidence names {marker.group(0)!r} others ({', '.join(sorted(head & e.stems))})"
    shared = c.stems & e.stems
    if (c.negated != e.negated and corpus.independent(c, e) and len(shared) >= MIN_POLARITY_SHARED
            and len(shared) >= MIN_POLARITY_COVERAGE * min(len(c.stems), len(e.stems))):
        return "contradicts", f"the same topic ({', '.join(sorted(shared)[:4])}) with the opposite polarity"
    return None


def support(c: Statement, e: Statement, corpus: Corpus) -> tuple[str, str] | None:
    """A statement asserting the same: most of the claim's topic words, the same polarity."""
    if e.source_id is not None and e.source_id == c.source_id or (e.claim_id and not e.checkworthy):
        return None
    shared = c.stems & e.stems
    if (c.negated == e.negated and len(shared) >= MIN_SUPPORT_SHARED and len(shared) >= MIN_SUPPORT_COVERAGE * len(c.stems)
            and (c.predicates & e.stems or not c.predicates)):
        return "supports", f"asserts the same with the same polarity ({', '.join(sorted(shared)[:5])})"
    return None


RULES: tuple[Callable[[Statement, Statement, Corpus], tuple[str, str] | None], ...] = (retraction, absence, contradiction, support)


def stance(c: Statement, e: Statement, corpus: Corpus) -> tuple[str, str] | None:
    """(claim, statement, corpus) → (stance, rationale) of the first rule that applies, or None."""
    for rule in RULES:
        if found := rule(c, e, corpus):
            return found
    return None


def link_evidence(results: Sequence[ArticleResult], claims: Sequence[dict], sources: dict[str, object]) -> list[EvidenceLink]:
    """Article results, claim rows and sources by id → evidence links of the check-worthy claims, in a stable order."""
    from . import ids

    corpus = Corpus(results, claims, sources)
    links: dict[str, EvidenceLink] = {}
    for c in corpus.statements:
        if not c.claim_id or not c.checkworthy:
            continue
        for e in corpus.candidates(c):
            found = stance(c, e, corpus)
            if not found:
                continue
            kind, why = found
            link = EvidenceLink(
                claim_id=c.claim_id, stance=kind, independent=corpus.independent(c, e), evidence_doc_id=e.doc_id,
                evidence_start=e.start, evidence_end=e.end, evidence_text=e.text, evidence_source_id=e.source_id,
                evidence_claim_id=e.claim_id, rationale=why,
            )
            links.setdefault(ids.evidence_id(c.claim_id, e.doc_id, e.text, kind), link)
    return [links[k] for k in sorted(links)]
