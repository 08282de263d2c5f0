"""Attributed claims from a parsed article: who said what, with exact offsets.

The extractor reads a spaCy ``Doc`` (tagger, parser, NER) and never calls the model
again. It works in three layers:

* ``quote_spans(text)`` pairs quotation marks in the raw text (straight, curly,
  guillemets, doubled apostrophes; unbalanced marks are skipped);
* small generators each yield candidates for one kind of cue: reporting verbs
  (``_verb_cands``), "according to" (``_according_cands``), a colon or a dash that
  introduces or follows a quotation (``_colon_dash_cands``), and quotations that
  continue a quoted source's words (``_continuation_cands``); each cue kind is also
  public on its own over a Doc (``reporting_verb_claims``, ``according_to_claims``,
  ``colon_and_dash_claims``). A reporting verb finds its speaker by the first rule of
  ``SUBJECT_RULES`` (then ``SUBJECT_RULES_INHERITED``) and its content by the first
  rule of ``VERB_RULES`` that applies: each rule a small function with a sentence it
  handles. To change how a cue finds its content, change or add a rule there;
* ``extract_claims`` combines them, drops nested and duplicate claims (the outer
  source wins), resolves each source to the fullest name in the document, and
  yields them ordered by content start.

Every pass is linear in the number of tokens; all look-ups are precomputed per doc.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import lexicon as lx
from ..records import AttributedClaim

if TYPE_CHECKING:  # only annotations: the corpus stages import quote_spans from here without loading spaCy
    from spacy.tokens import Doc, Span, Token

_WORD = re.compile(r"\w", re.UNICODE)
_WORDS = re.compile(r"\w+")
_CLAUSE_END = re.compile(r"[.!?…][\"”’'»)]*\s|\n|[:;—―]\s*")
# A dateline opening a story: "THE HAGUE:", "WASHINGTON (Reuters) -", "Oct. 3 (UPI) --",
# "MINSK, Belarus —": a place in capitals or a date, an optional agency, a colon or dash.
_DATELINE = re.compile(
    r"^[ \t]*(?:[A-Z][A-Z.'’-]+(?:[ ]+[A-Z][A-Z.'’-]+)*(?:,[ ]+[A-Z][a-z.]+(?:[ ]+[A-Z][a-z.]+)*)?"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[ ]+\d{1,2}(?:,[ ]+\d{4})?)"
    r"(?:[ ]*\([A-Za-z .-]+\))?[ \t]*(?::|--|—|–|-)[ \t]+",
    re.M,
)
# A colon that ends a cue's paragraph ("The governor added:"), and the blank lines after it.
_BLOCK_COLON = re.compile(r"[ \t]*:[ \t]*\n\s*")
_STRIP_LEAD = " \t\r\n,;:—–―-"
_STRIP_TRAIL = " \t\r\n,;:—–―-"

# --------------------------------------------------------------------------- quotes


@dataclass(frozen=True, slots=True)
class Quote:
    """A top-level quotation: ``start``/``end`` include the marks, ``inner_*`` exclude them."""

    start: int
    inner_start: int
    inner_end: int
    end: int


_CAN_PRECEDE_OPEN = set("([{/—–―-:") | lx.OPEN_QUOTES | lx.AMBIGUOUS_QUOTES
# the characters quote_spans stops at: a line break, a quotation mark, the first of a '' or `` pair
_MARK_OR_BREAK = re.compile("[\n`" + re.escape("".join(lx.QUOTE_FAMILIES)) + "]")


def _mark_at(text: str, i: int) -> tuple[str, int] | None:
    """The quotation mark starting at ``i`` as (character class, length), or None."""
    ch = text[i]
    if ch == "'" and text.startswith("''", i):
        return '"', 2
    if ch == "`" and text.startswith("``", i):
        return "“", 2
    if ch in lx.QUOTE_FAMILIES:
        return ch, 1
    return None


def quote_spans(text: str, *, max_chars: int = 5000) -> list[Quote]:
    """Pair quotation marks in ``text``; return the top-level quotations in order.

    Opening and closing marks are told apart by their neighbours (space before and a
    word after opens; a word or punctuation before and space after closes), so a
    closing curly mark used as an opener at a paragraph start still opens. A quotation
    left open at a paragraph end is kept only when the next paragraph opens a
    quotation again (the convention for quotes running over several paragraphs);
    other unbalanced marks are ignored. Apostrophes inside words never count.
    """
    spans: list[Quote] = []
    stack: list[tuple[str, int, int]] = []  # (family, position, mark length)
    n = len(text)
    i = 0
    while i < n:
        found = _MARK_OR_BREAK.search(text, i)  # every other character is skipped at C speed, as the loop would skip it
        if found is None:
            break
        i = found.start()
        ch = text[i]
        if ch == "\n":
            if stack:
                span = _running_quote(text, i, stack[0])
                if span is not None:
                    spans.append(span)
                stack.clear()
            i += 1
            continue
        mark = _mark_at(text, i)
        if mark is None:
            i += 1
            continue
        ch, ln = mark
        fam = lx.QUOTE_FAMILIES[ch]
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + ln] if i + ln < n else " "
        if fam == "single" and prev.isalnum() and nxt.isalnum():
            i += ln  # an apostrophe inside a word
            continue
        can_open = (prev.isspace() or prev in _CAN_PRECEDE_OPEN) and not nxt.isspace()
        can_close = not prev.isspace() or nxt.isspace() or not nxt.isalnum()
        can_close = can_close and not (nxt.isalnum() and prev.isspace())
        open_here = False
        if ch in lx.OPEN_QUOTES or ch == "„":
            open_here = True
        elif ch in lx.CLOSE_QUOTES:
            # a closing mark opens only where it cannot close (a paragraph start)
            open_here = can_open and not can_close and not any(f == fam for f, _, _ in stack)
        else:  # straight marks: close a pending opener of the family when possible
            pending = any(f == fam for f, _, _ in stack)
            open_here = not (pending and can_close) and can_open
            if not pending and not can_open:
                i += ln
                continue
        if fam == "single" and not open_here and not any(f == "single" for f, _, _ in stack):
            i += ln  # a possessive apostrophe ("protesters’") with nothing to close
            continue
        if open_here:
            if fam == "single" and prev.isalnum():
                i += ln
                continue
            stack.append((fam, i, ln))
        else:
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == fam:
                    _, pos, oln = stack[k]
                    del stack[k:]
                    if not stack and i + ln - pos <= max_chars and i > pos + oln:
                        spans.append(Quote(pos, pos + oln, i, i + ln))
                    break
        i += ln
    return _top_level(spans)


def _running_quote(text: str, i: int, opener: tuple[str, int, int]) -> Quote | None:
    """A quotation left open at the paragraph end at ``i``: kept (to the paragraph end) when
    the next paragraph opens a double quotation again, the convention for quotations
    running over several paragraphs."""
    fam, pos, ln = opener
    n = len(text)
    j = i
    while j < n and text[j].isspace():
        j += 1
    nxt = _mark_at(text, j) if j < n else None
    if fam != "double" or not nxt or lx.QUOTE_FAMILIES.get(nxt[0]) != "double":
        return None
    end = i
    while end > pos + ln and text[end - 1].isspace():
        end -= 1
    return Quote(pos, pos + ln, end, end) if end > pos + ln else None


def _top_level(spans: list[Quote]) -> list[Quote]:
    """Quotations in order, without those inside another (a paragraph-end span can contain nothing else)."""
    spans.sort(key=lambda q: q.start)
    out: list[Quote] = []
    for q in spans:
        if out and q.start < out[-1].end:
            continue
        out.append(q)
    return out


# --------------------------------------------------------------------------- context


@dataclass(slots=True)
class _Ctx:
    """What every generator needs about one doc, computed once."""

    doc: Doc
    text: str
    sents: list[Span]
    sent_starts: list[int]
    tok_starts: list[int]
    quotes: list[Quote]
    quote_starts: list[int]
    tok_quote: list[int]  # token index -> index of the quote holding it (marks included), or -1
    ent_of: list[int]  # token index -> index into doc.ents, or -1
    ents: list[Span]
    fullname: dict[str, str] = field(default_factory=dict)  # last word (lower) -> fullest name
    roles: dict[str, str] = field(default_factory=dict)  # entity name -> role text
    role_index: list[tuple[int, str, str]] = field(default_factory=list)  # (char, role lemma, name)
    cue_tokens: list[int] = field(default_factory=list)  # tokens whose lemma may be a cue verb
    according_tokens: list[int] = field(default_factory=list)  # tokens spelled "according"
    dateline: tuple[int, int] = (0, 0)  # characters of the story's dateline, if any
    gendered_pronouns: list[tuple[int, str]] = field(default_factory=list)  # (token, "m"/"f")
    claim_noun_tokens: list[int] = field(default_factory=list)  # "claim", "allegation", ...

    def in_dateline(self, t: Token) -> bool:
        return self.dateline[0] <= t.idx < self.dateline[1]

    def sent_index(self, char: int) -> int:
        return max(0, bisect_right(self.sent_starts, char) - 1)

    def token_at(self, char: int) -> int:
        return max(0, bisect_right(self.tok_starts, char) - 1)

    def quote_starting_at(self, char: int) -> Quote | None:
        k = bisect_left(self.quote_starts, char)
        if k < len(self.quotes) and self.quotes[k].start == char:
            return self.quotes[k]
        return None


_CUE_HASH_CACHE: dict = {}


def _cue_hashes(strings) -> frozenset[int]:
    """Hashes of every cue lemma in this vocabulary's string store (cached per store)."""
    key = id(strings)
    cached = _CUE_HASH_CACHE.get(key)
    if cached is None:
        words = lx.REPORTING_VERBS | lx.QUOTE_ONLY_VERBS
        cached = frozenset(strings.add(w) for w in words)
        _CUE_HASH_CACHE[key] = cached
    return cached


def _claim_noun_hashes(strings) -> frozenset[int]:
    key = ("nouns", id(strings))
    cached = _CUE_HASH_CACHE.get(key)
    if cached is None:
        cached = _CUE_HASH_CACHE[key] = frozenset(strings.add(w) for w in lx.CLAIM_NOUNS)
    return cached


def _context(doc: Doc) -> _Ctx:
    text = doc.text
    sents = list(doc.sents)
    quotes = quote_spans(text)
    # token attributes as arrays: no Token objects for the per-token passes
    arr = doc.to_array(["IDX", "LEMMA", "LOWER"]) if len(doc) else None
    tok_starts = [int(x) for x in arr[:, 0]] if arr is not None else []
    tok_quote = [-1] * len(doc)
    k = 0
    for i, idx in enumerate(tok_starts):
        while k < len(quotes) and quotes[k].end <= idx:
            k += 1
        if k < len(quotes) and quotes[k].start <= idx < quotes[k].end:
            tok_quote[i] = k
    ents = list(doc.ents)
    ent_of = [-1] * len(doc)
    for n, e in enumerate(ents):
        for i in range(e.start, e.end):
            ent_of[i] = n
    strings = doc.vocab.strings
    cue_hashes = _cue_hashes(strings)
    according = strings["according"] if "according" in strings else -1
    gendered = {strings.add(w): g for w, g in lx.PRONOUN_GENDER.items()}
    claim_nouns = _claim_noun_hashes(strings)
    cue_tokens, according_tokens, pronouns, noun_cues = [], [], [], []
    if arr is not None:
        for i, (lemma, lower) in enumerate(zip(arr[:, 1].tolist(), arr[:, 2].tolist())):
            if lemma in cue_hashes or lower in cue_hashes:
                cue_tokens.append(i)
            if lower == according:
                according_tokens.append(i)
            if lower in gendered:
                pronouns.append((i, gendered[lower]))
            if lower in claim_nouns:
                noun_cues.append(i)
    ctx = _Ctx(doc, text, sents, [s.start_char for s in sents], tok_starts, quotes,
               [q.start for q in quotes], tok_quote, ent_of, ents,
               cue_tokens=cue_tokens, according_tokens=according_tokens, gendered_pronouns=pronouns,
               claim_noun_tokens=noun_cues)
    ctx.dateline = _find_dateline(ctx)
    _index_names(ctx)
    return ctx


def _find_dateline(ctx: _Ctx, *, reach: int = 2000, min_words: int = 8) -> tuple[int, int]:
    """The story's dateline ("THE HAGUE:", "Oct. 3 (UPI) --"): near the text's beginning,
    a line opening with a date, an agency in brackets or a place the tagger knows as
    one, then a sentence; (0, 0) when there is none. A place, a date or an agency there
    is never a speaker (a transcript's "HOLT:" is a speaker label, not a dateline)."""
    text = ctx.text
    for m in _DATELINE.finditer(text, 0, min(len(text), reach)):
        line_end = text.find("\n", m.end())
        rest = text[m.end(): line_end if line_end >= 0 else len(text)]
        if _word_count(rest) < min_words:
            continue
        label = m.group(0).strip(" \t:-—–")
        words = ctx.doc[ctx.token_at(m.start()): ctx.token_at(m.end() - 1) + 1]
        if "(" in label or any(t.ent_type_ in lx.DATELINE_LABELS for t in words):
            return m.start(), m.end()
        # a place in capitals: a dateline when its line reports someone else's words with
        # a cue of its own, and the label never comes back as a transcript's speaker
        end = line_end if line_end >= 0 else len(text)
        k = bisect_left(ctx.cue_tokens, ctx.token_at(m.end()))
        has_cue = False
        while k < len(ctx.cue_tokens) and ctx.tok_starts[ctx.cue_tokens[k]] < end and not has_cue:
            has_cue = ctx.doc[ctx.cue_tokens[k]].lemma_.lower() in lx.REPORTING_VERBS
            k += 1
        if has_cue and not re.search(r"^[ \t]*" + re.escape(label) + r"[ \t]*:", text[end:], re.M):
            return m.start(), m.end()
    return 0, 0


def _strip_titles(words: list[Token]) -> list[Token]:
    i = 0
    while i < len(words) - 1 and (words[i].lower_ in lx.TITLES or words[i].lower_.rstrip(".") in lx.TITLES
                                  or words[i].is_punct or words[i].is_space):
        i += 1
    j = len(words)
    while j > i + 1 and (words[j - 1].is_punct or words[j - 1].lower_ in lx.POSSESSIVE_MARKS):
        j -= 1
    return words[i:j]


def _name_of(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    # a Span's text costs its length; Doc.text would cost the whole document
    return tokens[0].doc[tokens[0].i: tokens[-1].i + 1].text


def _in_headline(ctx: _Ctx, span: Span) -> bool:
    """True for a mention in a title-case line with no sentence end (a headline)."""
    text = ctx.text
    a = text.rfind("\n", 0, span.start_char) + 1
    b = text.find("\n", span.end_char)
    b = len(text) if b < 0 else b
    line = text[a:b].strip()
    words = line.split()
    if not words or len(words) > 25 or line[-1] in ".!?\"”’'":
        return False
    caps = sum(1 for w in words if w[:1].isupper())
    return caps >= 0.6 * len(words)


def _index_names(ctx: _Ctx) -> None:
    """Fullest name per surname, and the roles the text gives each named source.

    A role is what the text calls a name: nouns before it in its phrase ("political
    scientist X"), its apposition ("X, a well-known jazz pianist"), or the noun a
    "named X" hangs on ("a protester named X"). Each role's head noun is indexed so a
    later description ("the pianist", "the analyst") finds the name.
    """
    doc = ctx.doc
    quoted_names: dict[str, str] = {}  # names met only inside quotations ("Crooked Hillary")
    for e in ctx.ents:
        if e.label_ not in lx.NAME_LABELS:
            continue
        words = _strip_titles(list(e))
        if not words:
            continue
        name = _name_of(words)
        person = e.label_ == "PERSON"
        if person:
            last = words[-1].lower_
            quoted = ctx.tok_quote[e.start] >= 0 or ctx.tok_quote[e.end - 1] >= 0
            if quoted:
                quoted_names.setdefault(last, name)
            elif len(name) > len(ctx.fullname.get(last, "")) and not _in_headline(ctx, e):
                ctx.fullname[last] = name
        root = e.root
        role_tokens: list[Token] = []
        role_head: Token | None = None
        left = [t for t in doc[root.left_edge.i: e.start] if t.dep_ != "det" and not t.is_punct]
        if left and left[-1].pos_ in lx.NOMINAL_POS and left[-1].lower_ not in lx.TITLES:
            role_tokens, role_head = left, left[-1]
        elif left and left[-1].lower_ in lx.TITLES:
            role_tokens, role_head = left, left[-1]
        for c in root.children:
            if c.dep_ == "appos" and c.pos_ == "NOUN" and c.i > root.i:
                role_tokens = [t for t in doc[c.left_edge.i: c.right_edge.i + 1]
                               if not (t.dep_ == "det" and t.head == c) and (not t.is_punct or t.text == "-")]
                role_head = c
                break
        if root.dep_ == "appos" and root.head.pos_ == "NOUN":
            h = root.head
            role_tokens, role_head = [t for t in doc[h.left_edge.i: h.i + 1] if t.dep_ != "det"], h
        if root.dep_ in lx.NAMED_DEPS and root.head.lemma_ == "name" and root.head.head.pos_ == "NOUN":
            h = root.head.head
            role_tokens, role_head = [t for t in doc[h.left_edge.i: h.i + 1] if t.dep_ != "det"], h
        if role_head is not None and (person or role_head.lemma_.lower() in lx.ROLE_NOUNS):
            ctx.roles.setdefault(name, _name_of(role_tokens))
            title = role_head.lower_.rstrip(".")
            title = lx.TITLE_ROLES.get(title, title)
            if role_head.pos_ == "NOUN" or title in lx.ROLE_NOUNS or title in lx.TITLES:
                # "President Obama" ... "the president", "Sen. Risch" ... "the senator"
                ctx.role_index.append((e.start_char, title if role_head.pos_ != "NOUN"
                                       else role_head.lemma_.lower(), name))
        if person and left and left[0].lower_ in lx.TITLES:
            ctx.roles.setdefault(name, _name_of(left))
    for last, name in quoted_names.items():
        ctx.fullname.setdefault(last, name)


# --------------------------------------------------------------------------- helpers


def _trim(text: str, start: int, end: int, *, strip_that: bool = False,
          keep_quotes: bool = True) -> tuple[int, int]:
    """Trim whitespace and stray punctuation at both ends of text[start:end]."""
    while start < end and (text[start] in _STRIP_LEAD or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _STRIP_TRAIL or text[end - 1].isspace()):
        end -= 1
    if strip_that:
        low = text[start:start + 5].lower()
        if low.startswith("that ") or low.startswith("that\n"):
            start += 5
            while start < end and text[start].isspace():
                start += 1
    return start, end


def _span_chars(doc: Doc, a: int, b: int) -> tuple[int, int]:
    """Character offsets of tokens a..b (inclusive)."""
    return doc[a].idx, doc[b].idx + len(doc[b].text)


def _has_word(s: str) -> bool:
    return bool(_WORD.search(s))


def _word_count(s: str) -> int:
    return sum(1 for _ in _WORDS.finditer(s))


def _is_quote_tok(t: Token) -> bool:
    return t.text in lx.QUOTE_FAMILIES or t.text in lx.QUOTE_TAGS or t.tag_ in lx.QUOTE_TAGS


_STOP = object()  # a rule's verdict: nothing here, and no later rule may try


def _final(found: Token | None):
    """A rule that applies decides, even when it finds nothing."""
    return _STOP if found is None else found


def _nominal_subject(v: Token, depth: int) -> Token | None:
    """The verb's own subject: `The mayor said ...` → "mayor"."""
    return next((c for c in v.children if c.dep_ in lx.SUBJECT_DEPS_ACTIVE), None)


def _name_apposed_to_subject(v: Token, depth: int) -> Token | None:
    """A parser slip: `With 50 days until the election, Mia Cole, an adviser, said ...`
    with "election" taken for the subject and the name for its apposition: a noun that
    cannot speak yields to the person named beside it."""
    s = _nominal_subject(v, depth)
    if s is None or s.pos_ != "NOUN" or _can_speak(s):
        return None
    return next((c for c in s.rights if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)


def _passive_agent(v: Token, depth: int) -> Token | None:
    """The agent of a passive cue: `..., as was reported by the agency` → "agency"."""
    for c in v.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def _subject_of_coordinated_verb(v: Token, depth: int) -> Token | None:
    """A verb joined to an earlier one shares its subject: `She paused and said ...`."""
    if v.dep_ == "conj" and v.head.pos_ in lx.VERBAL_POS:
        return _final(_subject(v.head, depth + 1))
    return None


def _subject_of_governing_verb(v: Token, depth: int):
    """A participle or infinitive cue takes the subject of the verb it hangs on
    (`He left, saying ...`, `She went on to say ...`), except after a refusal
    (`He declined to say ...`: nobody said anything) and for a passive participle
    (`Asked about the remark, the spokesman said ...`: he was asked, the reporter asked)."""
    if v.dep_ in lx.GOVERNED_VERB_DEPS and v.tag_ in lx.NONFINITE_TAGS and v.head.pos_ in lx.VERBAL_POS:
        if v.head.lemma_ in lx.REFUSAL_VERBS and v.dep_ == "xcomp":
            return _STOP  # `declined to say`; but `declined to comment, saying ...` is a claim
        if v.tag_ == "VBN" and v.dep_ == "advcl" and not any(c.dep_ in lx.AUX_DEPS for c in v.children):
            return _STOP  # `Asked about the post, she said ...`: a passive participle's subject is its patient
        return _final(_subject(v.head, depth + 1))
    return None


def _speech_continued_in_clause(v: Token, depth: int) -> Token | None:
    """A participle that carries on a speaker's words (`adding`, `stressing`, `noting`)
    after a comma, hung by the parser on a verb inside that speaker's reported clause,
    is the speaker's: `Bennett said he hoped the US would listen, stressing that ...`
    (not "the US"), `The report found that the guards used force, adding that ...`."""
    if v.tag_ != "VBG" or v.dep_ not in lx.GOVERNED_VERB_DEPS or v.lemma_.lower() not in lx.SPEECH_GOING_ON_VERBS:
        return None
    if v.left_edge.i == 0 or v.doc[v.left_edge.i - 1].text != ",":
        return None
    clause = v.head
    for _ in range(4):  # up the reported clause to the cue that reports it
        if clause.dep_ not in lx.REPORTED_CLAUSE_DEPS or clause.head.i == clause.i:
            return None
        clause = clause.head
        if clause.pos_ in lx.VERBAL_POS and clause.lemma_.lower() in lx.REPORTING_VERBS:
            return _final(_subject(clause, depth + 1))
    return None


def _subject_through_preposition(v: Token, depth: int) -> Token | None:
    """`She began by saying ...`, `Aside from saying ..., he ...`: the subject of the verb
    the preposition hangs on."""
    if v.dep_ == "pcomp" and v.head.dep_ == "prep" and v.head.head.pos_ in lx.VERBAL_POS:
        return _final(_subject(v.head.head, depth + 1))
    return None


def _relative_clause_head(v: Token, depth: int) -> Token | None:
    """`the minister, who said ...` and `a witness saying ...`: the noun the clause modifies.
    A participle on a thing speaks for whoever issued it: `The council issued a statement
    calling the test a violation` and `She held a news conference announcing ...` are the
    council's and hers."""
    if v.dep_ == "relcl":
        return v.head
    if v.dep_ == "acl" and v.tag_ == "VBG" and v.head.pos_ in lx.NOMINAL_POS:
        noun = v.head
        if noun.pos_ == "NOUN" and not _can_speak(noun):
            verb = noun.head.head if noun.dep_ == "pobj" else noun.head
            if noun.dep_ in lx.ISSUED_THING_DEPS and verb.pos_ in lx.VERBAL_POS and verb.i != v.i:
                issuer = _subject(verb, depth + 1)
                if issuer is not None:
                    return issuer
        return noun
    return None


def _can_speak(noun: Token) -> bool:
    """A common noun that may name who speaks: a role, a group, a body, a person."""
    lemma = noun.lemma_.lower()
    return (noun.ent_type_ in lx.NAME_LABELS or lemma in lx.ROLE_NOUNS or noun.lower_ in lx.GROUP_NOUNS
            or lemma in lx.ANONYMOUS_HEADS or lemma in lx.ORGANIZATION_KINDS or lemma in lx.ORGANIZATION_NOUNS
            or lemma in lx.PERSON_NOUNS)


def _subject_of_misattached_clause(v: Token, depth: int) -> Token | None:
    """A parser slip: `He was released and, upon returning, said ...` with the first clause
    attached under the cue; its subject is the cue's."""
    for c in v.lefts:
        if c.dep_ in lx.MISATTACHED_CLAUSE_DEPS and c.pos_ in lx.VERBAL_POS and any(
                k.dep_ == "cc" for k in c.children):
            for k in c.children:
                if k.dep_ in lx.SUBJECT_DEPS:
                    return k
            return _final(_subject(c, depth + 1))
    return None


def _name_parsed_as_modifier(v: Token, depth: int) -> Token | None:
    """A parser slip: a name before the cue on its line parsed as a modifier
    (`Tokayev on Tuesday said ...` with "Tokayev" as npadvmod)."""
    for c in v.lefts:
        if c.dep_ in lx.MODIFIER_DEPS and c.tag_ in lx.PROPER_NOUN_TAGS and c.ent_type_ in lx.NAME_LABELS \
                and "\n" not in v.doc[c.i: v.i].text:
            return c
    return None


# How a cue finds who performs it, tried in order; the first token found is the subject.
SUBJECT_RULES = (_name_apposed_to_subject, _nominal_subject, _passive_agent)
SUBJECT_RULES_INHERITED = (
    _subject_of_coordinated_verb, _speech_continued_in_clause, _subject_of_governing_verb, _subject_through_preposition,
    _relative_clause_head, _subject_of_misattached_clause, _name_parsed_as_modifier,
)


def _subject(v: Token, depth: int = 0) -> Token | None:
    """The token naming who performs ``v``, by ``SUBJECT_RULES`` (then, at most three
    verbs up, ``SUBJECT_RULES_INHERITED``)."""
    rules = SUBJECT_RULES if depth > 3 else SUBJECT_RULES + SUBJECT_RULES_INHERITED
    for rule in rules:
        found = rule(v, depth)
        if found is _STOP:
            return None
        if found is not None:
            return found
    return None


def _line_subject(ctx: _Ctx, v: Token) -> Token | None:
    """The parser took a subject from an earlier line (a time stamp, a headline) or from
    the dateline: take the last noun on the cue's own line, after the dateline, that
    hangs on something after it (`THE HAGUE: The watchdog OPCW said ...` → "OPCW")."""
    doc = ctx.doc
    line_start = ctx.text.rfind("\n", 0, v.idx) + 1
    i = v.i - 1
    best = None
    while i >= 0 and doc[i].idx >= line_start and not ctx.in_dateline(doc[i]):
        t = doc[i]
        if t.pos_ in lx.SPEAKER_POS and t.head.i > t.i and t.dep_ not in lx.NOUN_MODIFIER_DEPS:
            best = t
            break
        i -= 1
    return best


def _before_comment_on_modifier(s: Token, a: int, b: int) -> int:
    """The last token of a source's words before a clause, after a comma, on a thing
    named in its modifiers rather than on the source or its apposition (`Ana Ruiz, head
    of the Teachers Union, which represents 9,000 staff, said`). A "who" clause there
    is the person's own, whatever noun the parser hangs it on (`Tim Ory, a lawyer for
    the club, who has fought the mine for years, said`)."""
    doc = s.doc
    for k in doc[a: b + 1]:
        if (k.dep_ in lx.RELATIVE_CLAUSE_DEPS and k.head.i != s.i and k.head.dep_ != "appos"
                and k.left_edge.lower_ not in lx.PERSONAL_RELATIVES
                and k.left_edge.i > a + 1 and doc[k.left_edge.i - 1].text == ","):
            return min(b, k.left_edge.i - 2)
    return b


def _before_time_phrase(s: Token, b: int) -> int:
    """A phrase of time on the source's head is when it spoke, not who it is:
    `A group of doctors in 2015 sent a letter ...` → "A group of doctors"."""
    for c in s.rights:
        if c.dep_ == "prep" and c.i <= b and any(
                k.dep_ == "pobj" and k.ent_type_ in lx.TIME_LABELS for k in c.children):
            return min(b, c.i - 1)
    return b


def _sibling_subject_end(s: Token, b: int) -> int:
    """Parser slips that split one subject into two: a hyphenated word (`His ex-wife
    said`, "ex", "-", "wife" all subjects) and a name with its title between commas
    (`Ban Ki-moon, the secretary general of the United Nations, vowed`, with the title a
    second subject): the source runs to the end of the second part."""
    doc = s.doc
    siblings = [c for c in s.head.children if c.dep_ == s.dep_ and c.i > s.i] if s.dep_ in lx.SUBJECT_DEPS else []
    for c in siblings:
        end = c.right_edge.i - (doc[c.right_edge.i].text == ",")  # the closing comma may hang on it
        if c.left_edge.i == b + 1 and not doc[b].whitespace_:
            b = end  # `ex-wife`
        elif (s.pos_ == "PROPN" and c.pos_ == "NOUN" and c.left_edge.i == b + 2 and doc[b + 1].text == ","
              and end + 1 < len(doc) and doc[end + 1].text == ","):
            b = end  # `Ban Ki-moon, the secretary general of the United Nations,`
        else:
            break
    return b


def _source_span(ctx: _Ctx, s: Token, avoid: tuple[int, int], cue: int,
                 *, max_tokens: int = 40) -> tuple[int, int] | None:
    """Token range (inclusive) naming the source headed by ``s`` as written, with its
    apposition or relative clause, clear of the content and of the cue."""
    if s.lower_ in lx.PRONOUNS or s.pos_ == "PRON" and s.right_edge.i == s.i:
        return s.i, s.i  # "he", "they"; but "Those close to him" keeps its words
    a, b = s.left_edge.i, s.right_edge.i
    if s.pos_ == "PROPN":
        # "..., the election, Minyon Moore, a senior adviser": the name starts after the comma
        for i in range(s.i - 1, a - 1, -1):
            if s.doc[i].text == ",":
                a = i + 1
                break
    # an apposition's own comment after a comma ("X, president of Y, which runs Z") is
    # not part of the name as the text gives it
    for c in s.rights:
        if c.dep_ == "appos":
            for k in c.rights:
                if k.dep_ in lx.SOURCE_COMMENT_DEPS and k.left_edge.i > 0 and s.doc[k.left_edge.i - 1].text == ",":
                    b = min(b, k.left_edge.i - 2)
                    break
    b = _before_comment_on_modifier(s, a, b)
    b = _before_time_phrase(s, b)
    b = _sibling_subject_end(s, b)
    if s.i < cue:
        b = min(b, cue - 1)
    elif s.i > cue:
        a = max(a, cue + 1)
    if b - a > max_tokens:
        b = s.i
        for c in s.rights:
            if c.dep_ in lx.NAME_EXTENSION_DEPS and c.right_edge.i - a <= max_tokens:
                b = c.right_edge.i
            else:
                break
    ca, cb = avoid
    doc = ctx.doc
    # contiguous run holding s, outside the content, on one line
    lo = hi = s.i
    while lo - 1 >= a and not (ca <= doc[lo - 1].idx < cb) and "\n" not in doc[lo - 1].text:
        lo -= 1
    while hi + 1 <= b and not (ca <= doc[hi + 1].idx < cb) and "\n" not in doc[hi + 1].text:
        hi += 1
    if ca <= doc[s.i].idx < cb:
        return None
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space or doc[lo].dep_ == "cc" or _is_quote_tok(doc[lo])):
        lo += 1
    while hi > lo and (doc[hi].is_space or doc[hi].is_punct and doc[hi].text != ")" or _is_quote_tok(doc[hi])):
        hi -= 1
    if doc[hi].text == ")" and "(" not in doc[lo:hi + 1].text:
        hi -= 1
    return lo, hi


# --------------------------------------------------------------------------- candidates


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    cue_start: int
    cue_end: int
    src: tuple[int, int] | None  # token range of the source, inclusive
    head: Token | None  # the source's head token
    kind: str  # "verb", "according", "noun", "colon", "dash", "cont"
    direct_quote: Quote | None = None


def _quote_type(ctx: _Ctx, start: int, end: int) -> str:
    k = bisect_right(ctx.quote_starts, end) - 1
    inside = False
    partial = False
    while k >= 0 and ctx.quotes[k].end > start:
        q = ctx.quotes[k]
        if q.start <= start + 1 and q.end >= end - 1:
            inside = True
        else:
            partial = True
        k -= 1
    if inside:
        return "direct"
    # content equal to the inner text of a quote
    return "mixed" if partial else "indirect"


def _multiword_tail(doc: Doc, t: Token) -> Token:
    """The last token of a multiword cue right after ``t`` ("said in a statement")."""
    for words in lx.MULTIWORD_CUES:
        if words[0] == "according":
            continue
        n = len(words)
        if t.i + n < len(doc) and all(doc[t.i + 1 + k].lower_ == w for k, w in enumerate(words)):
            return doc[t.i + n]
    return t


def _quote_is_name(ctx: _Ctx, quote: Quote) -> bool:
    """True when the quoted words are the object of a preposition (a title, a name)."""
    doc = ctx.doc
    a = ctx.token_at(quote.inner_start)
    b = ctx.token_at(max(quote.inner_start, quote.inner_end - 1))
    for t in doc[a: b + 1]:
        if not (a <= t.head.i <= b) and not t.is_punct:
            return t.dep_ in lx.NAME_LIKE_DEPS
    return False


def _clause_start(text: str, pos: int, *, reach: int = 600) -> int:
    """Where the sentence holding ``pos`` starts, by the text (the parser's sentence
    ends are unreliable around quotation marks)."""
    lo = max(0, pos - reach)
    start = lo
    for m in _CLAUSE_END.finditer(text, lo, pos):
        start = m.end()
    while start < pos and text[start].isspace():
        start += 1
    return start


def _adjacent_quote_after(ctx: _Ctx, v: Token, *, window: int = 10) -> Quote | None:
    """A quotation opening right after the cue: `said: “...”`, `told reporters, “...”`.

    Between the cue and the opening mark there may be only punctuation, "that", a
    particle, adverbials ("on Friday", "in an interview") and, for verbs of telling,
    the hearer ("told reporters"): an object of "blamed" or "called" is content.
    """
    doc = ctx.doc
    lemma = v.lemma_.lower()
    i = v.i + 1
    steps = 0
    while i < len(doc) and steps < window:
        t = doc[i]
        q = ctx.tok_quote[i]
        if q >= 0:
            quote = ctx.quotes[q]
            if quote.start < doc[v.i].idx:
                return None
            prev = doc[i - 1] if not doc[i - 1].is_space else doc[i - 2]
            if t.is_sent_start and i > v.i + 1 and prev.text not in (":", ","):
                return None
            return quote
        if t.is_space:
            i += 1
            continue
        if t.is_sent_start and i > v.i + 1 or t.text in (".", "!", "?"):
            return None  # the quotation is in the next sentence
        if t.is_punct or (t.lower_ in lx.DEMONSTRATIVE_LEADS and t.dep_ in lx.DEMONSTRATIVE_LEAD_DEPS) and (
                i + 1 < len(doc) and (doc[i + 1].is_punct or ctx.tok_quote[i + 1] >= 0)):
            pass
        elif t.dep_ == "mark" and t.lower_ == "that":
            pass
        else:
            anc = t
            while anc.head.i != v.i and anc.head.i != anc.i and anc.head.i in range(v.i + 1, i + 1):
                anc = anc.head
            if anc.head.i != v.i:
                return None
            d = anc.dep_
            if d in lx.CUE_TO_QUOTE_DEPS:
                pass
            elif d in lx.HEARER_DEPS and (lemma in lx.TELL_VERBS or anc.pos_ == "PRON" and lemma != "call"):
                pass
            else:
                return None
        i += 1
        steps += 1
    return None


def _adjacent_quote_before(ctx: _Ctx, v: Token, subj: Token | None, *, window: int = 14) -> Quote | None:
    """A quotation ending right before the cue: `“...,” he said`, `“...,” said Smith`."""
    doc = ctx.doc
    i = v.i - 1
    steps = 0
    subj_lo = subj.left_edge.i if subj is not None else -1
    subj_hi = subj.right_edge.i if subj is not None else -1
    while i >= 0 and steps < window:
        t = doc[i]
        q = ctx.tok_quote[i]
        if subj_lo <= i <= subj_hi:
            i -= 1
            steps += 1
            continue
        if q >= 0:
            quote = ctx.quotes[q]
            return quote if quote.end <= v.idx else None
        ok = (t.is_punct or subj_lo <= i <= subj_hi or t.head == v and t.dep_ in lx.QUOTE_TO_CUE_DEPS
              or t.dep_ in lx.AUX_ADVERB_DEPS)
        if not ok:
            return None
        i -= 1
        steps += 1
    return None


def _right_object_span(v: Token, excluded: set[int]) -> tuple[int, int] | None:
    """Tokens after the verb that carry an object claim: `blamed X on Y`, `called X Y`."""
    first = last = None
    for c in v.rights:
        if c.i in excluded:
            break
        if c.dep_ in lx.OBJECT_CLAIM_DEPS:
            if first is None:
                first = c.left_edge.i
            last = c.right_edge.i
        elif c.dep_ in lx.OBJECT_LEAD_DEPS and first is None:
            continue
        elif c.dep_ == "punct" and _is_quote_tok(c):
            if first is not None:
                last = c.i
            continue
        else:
            break
    if first is None:
        return None
    doc = v.doc
    while last > first and (doc[last].dep_ == "cc" or doc[last].is_punct and not _is_quote_tok(doc[last])):
        last -= 1  # `denied any link to the threat and [the leaders accused ...]`
    return first, last


def _object_claim_span(v: Token, lemma: str, excluded: set[int]) -> tuple[int, int] | None:
    """Token range of an object claim (`blamed X on Y`, `called X Y`, `urged X to Z`),
    or None when the verb's object makes no claim (`called a meeting`)."""
    span = _right_object_span(v, excluded)
    if span is None:
        return None
    if v.dep_ == "pcomp" and v.head.lower_ == "by":
        return None  # `calmed the crowds by announcing a cap`: the means of an action
    a, b = span
    kids = {c.dep_ for c in v.rights if c.i <= b}
    preps = {c.lower_ for c in v.rights if c.dep_ == "prep" and c.i <= b}
    if lemma == "call" and not (preps & lx.CALL_PREPOSITIONS or kids & lx.CALL_COMPLEMENT_DEPS):
        return None
    if lemma in lx.CLAUSE_NEEDING_SAY_VERBS and not kids & lx.CLAUSAL_COMPLEMENT_DEPS:
        return None
    if lemma in lx.DISCLOSURE_VERBS and "dobj" not in kids:
        return None
    if lemma in lx.AS_VERBS and not (preps & {"as"} or kids & {"oprd"}):
        return None
    if lemma in lx.INFINITIVE_OBJECT_VERBS and "xcomp" not in kids:
        return None  # `warned the public`, but `warned the North to refrain from tests`
    if lemma == "point" and "to" not in preps:
        return None  # `pointed to a medical condition`, not `pointed a gun`
    return a, _before_time_clause(v, a, b)


def _before_time_clause(v: Token, a: int, b: int) -> int:
    """An object claim ends before a clause of time the author adds to the cue or to its
    infinitive: `warned officials to boost their security after hackers targeted two
    states` → "officials to boost their security" (a clause inside the object's own
    words, `comments he made after she gained weight`, stays)."""
    for t in v.doc[a + 1: b + 1]:
        if t.dep_ == "mark" and t.lower_ in lx.TIME_MARKS and t.head.dep_ == "advcl" and (
                t.head.head.i == v.i or t.head.head.dep_ == "xcomp" and t.head.head.head.i == v.i):
            return max(a, t.i - 1)
    return b


def _cue_ok(v: Token, ctx: _Ctx) -> bool:
    lemma = v.lemma_.lower()
    if lemma not in lx.REPORTING_VERBS and lemma not in lx.QUOTE_ONLY_VERBS or lemma in lx.PERCEPTION_VERBS:
        return False
    if lemma in lx.CHANT_VERBS:
        return False  # slogans and chants are no claims
    if v.pos_ not in lx.VERBAL_POS and not (v.pos_ == "NOUN" and v.tag_.startswith("VB")):
        return False
    if ctx.tok_quote[v.i] >= 0:
        return False
    if any(c.dep_ == "auxpass" for c in v.children) and not any(c.dep_ == "agent" for c in v.children):
        return False
    if lemma == "hold" and not any(t.lemma_.lower() in lx.RESPONSIBILITY_WORDS for t in v.rights):
        return False  # `holds police responsible`, not `holds $10 billion offshore`
    if lemma == "find" and not any(c.dep_ == "ccomp" and c.pos_ in lx.VERBAL_POS and any(
            k.dep_ in lx.SUBJECT_DEPS for k in c.children) for c in v.rights):
        return False  # `found that Iran had employed ...`, not `find it difficult`
    for c in v.children:
        if c.dep_ == "prt" and c.lower_ in lx.NON_CUE_PARTICLES and (lemma, c.lower_) not in lx.PHRASAL_CUES:
            return False
        if c.dep_ in lx.ARGUMENT_DEPS and c.lemma_.lower() in lx.SLOGAN_NOUNS:
            return False
    return True


@dataclass(slots=True)
class _Cue:
    """A reporting verb that passed the cue checks, and what the rules of ``VERB_RULES`` read."""

    verb: Token
    lemma: str
    subject: Token
    clause: Token | None  # the complement clause holding the content, if any
    start: int  # the cue in characters: the verb, its particle, a multiword tail
    end: int
    verb_end: int  # the end of the verb and its particle only
    quote: Quote | None  # a quotation right after or right before the cue
    quote_clause_start: int | None  # a quotation before the cue is the end of this clause
    object_claims: bool
    inherit: dict[int, Token]  # later cues that share this cue's subject ("said X and lamented Y")


def _is_negated(ctx: _Ctx, v: Token) -> bool:
    return any(c.dep_ == "neg" and c.i < v.i and v.i - c.i <= 3 and ctx.tok_quote[c.i] < 0 for c in v.children)


def _negation_carried_over(ctx: _Ctx, v: Token) -> bool:
    """`He did not give a figure or say where it came from`: a verb joined by "or"/"nor"
    to a negated verb is negated too."""
    if v.dep_ != "conj" or v.head.pos_ not in lx.VERBAL_POS or not _is_negated(ctx, v.head):
        return False
    return any(c.dep_ == "cc" and c.lower_ in lx.NEGATION_CARRYING_CC and v.head.i < c.i < v.i
               for c in v.head.children)


def _under_negating_preposition(v: Token) -> bool:
    """`without blaming anyone`, `stops short of blaming anyone`: the cue did not happen."""
    if v.dep_ != "pcomp":
        return False
    prep = v.head
    short_of = prep.lower_ == "of" and (prep.head.lower_ in lx.SHORT_OF_HEADS or any(
        c.lower_ in lx.SHORT_OF_HEADS for c in prep.head.children if c.i < prep.i))
    return prep.lower_ in lx.NEGATING_PREPOSITIONS or short_of


def _negated_or_hypothetical(ctx: _Ctx, v: Token, lemma: str) -> bool:
    """`did not explain`, `could say`, `without blaming`: the cue reports no assertion."""
    negated = _is_negated(ctx, v) or _negation_carried_over(ctx, v) or _under_negating_preposition(v)
    modal = any(c.dep_ == "aux" and c.lower_ in lx.HYPOTHETICAL_MODALS for c in v.children)
    return negated or modal and lemma != "say"


def _quote_after_cue(ctx: _Ctx, v: Token, clause: Token | None, window: int) -> Quote | None:
    """The quotation right after the cue, unless it is only part of the cue's clause
    (`said the film was “a love letter” to the city` is one mixed claim)."""
    quote = _adjacent_quote_after(ctx, v, window=window)
    if quote is None or clause is None or clause.i < v.i:
        return quote
    _, clause_end = _span_chars(ctx.doc, clause.left_edge.i, clause.right_edge.i)
    if _word_count(ctx.text[quote.end:clause_end]) >= 2:
        return None  # the quotation is only part of the clause: mixed
    if clause.left_edge.i > v.i and clause.left_edge.idx < quote.start:
        # words of the clause between the cue and the quotation (other than "that")
        between = ctx.text[v.idx + len(v.text):quote.start]
        if _has_word(re.sub(r"\bthat\b", "", between)) and ctx.text[clause.left_edge.idx:quote.start].strip(" ,:"):
            return None
    return quote


def _quote_before_cue(ctx: _Ctx, v: Token, subj: Token, has_right_clause: bool) -> tuple[Quote | None, int | None]:
    """The quotation right before the cue, and where its clause starts when words of
    that clause precede it (`The attackers “made no demands,” she told`)."""
    quote = _adjacent_quote_before(ctx, v, subj)
    if quote is not None and has_right_clause and ctx.text[quote.inner_end - 1] in ".!?":
        quote = None  # `“... .” He said X`: the verb has its own content after it
    if quote is not None and _quote_is_name(ctx, quote):
        quote = None  # `In an interview on “Face the Nation,” X said ...`
    if quote is None:
        return None, None
    clause_start = _clause_start(ctx.text, quote.start)
    before = ctx.doc[ctx.token_at(clause_start): ctx.token_at(quote.start)]
    if any(t.lemma_.lower() in lx.REPORTING_VERBS and t.pos_ == "VERB" for t in before):
        return None, None  # `footage of X saying “...,” Y blasted`: the quotation is X's
    if _word_count(ctx.text[clause_start:quote.start]) >= 2:
        return quote, clause_start
    return quote, None


def _subject_outside_quote(ctx: _Ctx, v: Token) -> Token | None:
    """A parser slip: `“... Full panic mode,” said Leslie Wimes` with a quoted noun taken
    as a second subject; the subject after the cue, outside the quotation, is the speaker."""
    return next((c for c in v.rights if c.dep_ in lx.SUBJECT_DEPS_ACTIVE and ctx.tok_quote[c.i] < 0), None)


def _clause_under_setting(v: Token) -> list[Token]:
    """A parser slip: the cue's that-clause attached to the noun of the occasion before it
    (`said at a daily briefing that his government was opposed ...`, with the clause a
    relative clause of "briefing"). A clause with a subject of its own opened by "that"
    as a conjunction is the cue's content; a real relative clause ("a briefing that
    lasted an hour") has "that" as its subject and is left alone."""
    for p in v.rights:
        if p.dep_ != "prep" or p.lower_ not in lx.SETTING_PREPOSITIONS:
            continue
        for n in p.children:
            if n.dep_ != "pobj":
                continue
            for c in n.rights:
                if (c.dep_ in lx.RELATIVE_CLAUSE_DEPS and c.left_edge.lower_ == "that"
                        and c.left_edge.dep_ == "mark"
                        and any(k.dep_ in lx.SUBJECT_DEPS and k.i > c.left_edge.i for k in c.children)):
                    return [c]
    return []


def _coordinated_report(clause: Token, v: Token) -> bool:
    """A parser slip: a second report joined by "and"/"but", with a source of its own,
    taken for the cue's complement (`Hamas denied any link to the threat and European
    leaders accused Minsk of piracy`): the leaders' words, not what Hamas denied."""
    doc = v.doc
    return (clause.i > v.i and clause.left_edge.i > v.i + 1 and doc[clause.left_edge.i - 1].dep_ == "cc"
            and doc[clause.left_edge.i - 1].lower_ in lx.CLAUSE_JOINING_CC
            and clause.lemma_.lower() in lx.REPORTING_VERBS
            and any(k.dep_ in lx.SUBJECT_DEPS_ACTIVE for k in clause.children))


def _read_cue(ctx: _Ctx, v: Token, inherit: dict[int, Token], *, object_claims: bool,
              window: int) -> _Cue | None:
    """A candidate cue verb → its ``_Cue``, or None when it reports no assertion
    (no subject, negated, hypothetical, an indirect question)."""
    if not _cue_ok(v, ctx):
        return None
    lemma = v.lemma_.lower()
    subj = inherit[v.i] if v.i in inherit else _subject(v)
    if subj is not None and ctx.tok_quote[subj.i] >= 0:
        subj = _subject_outside_quote(ctx, v) or subj
    if subj is not None and subj.i < v.i and ("\n" in ctx.text[subj.idx:v.idx] or ctx.in_dateline(subj)):
        subj = _line_subject(ctx, v)
    if subj is None or subj.dep_ == "expl" or subj.lower_ == "it" and v.dep_ == "ROOT" and any(
            c.dep_ == "auxpass" for c in v.children):
        return None
    if _negated_or_hypothetical(ctx, v, lemma):
        return None
    comps = [c for c in v.children if (c.dep_ == "ccomp" and not _coordinated_report(c, v)) or c.dep_ == "parataxis" and c.i < v.i
             or c.dep_ == "advcl" and c.i > v.i and c.left_edge.lower_ == "that"]  # parser slip
    right = [c for c in comps if c.i > v.i] or _clause_under_setting(v)
    clause = right[0] if right else (comps[-1] if comps else None)
    if clause is not None and any(c.dep_ == "mark" and c.lower_ in lx.QUESTION_MARKS for c in clause.children):
        return None  # an indirect question reports no assertion
    quote, clause_start = _quote_after_cue(ctx, v, clause, window), None
    if quote is None:
        quote, clause_start = _quote_before_cue(ctx, v, subj, bool(right))
    verb_end = v
    for c in v.children:
        if c.dep_ == "prt" and c.i == v.i + 1:
            verb_end = c
    tail = _multiword_tail(ctx.doc, verb_end)
    return _Cue(v, lemma, subj, clause, v.idx, tail.idx + len(tail.text), verb_end.idx + len(verb_end.text),
                quote, clause_start, object_claims, inherit)


def _quotation_in_clause(ctx: _Ctx, cue: _Cue):
    """A quotation ending right before the cue, after words of its own clause: the
    clause to the closing mark is the content (mixed).
    `The attackers “made no demands,” she told reporters.`"""
    if cue.quote_clause_start is None:
        return None
    return _Cand(cue.quote_clause_start, cue.quote.end, cue.start, cue.verb_end, None, cue.subject, "verb")


def _block_after_colon(ctx: _Ctx, cue: _Cue):
    """A cue that ends its paragraph with a colon introduces the next paragraph, quoted
    or not, as the source's words (a block quotation):
    `The governor added:` / `It is typical of her. She knows nothing about the case.`"""
    if cue.quote is not None or cue.clause is not None:
        return None
    text = ctx.text
    m = _BLOCK_COLON.match(text, cue.verb_end)
    if m is None:
        return None
    start = m.end()
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    if not _has_word(text[start:end]):
        return None
    q = ctx.quote_starting_at(start)
    if q is not None and q.end >= end - 1:
        return _Cand(q.inner_start, q.inner_end, cue.start, m.start() + 1, None, cue.subject, "verb", q)
    return _Cand(start, end, cue.start, m.start() + 1, None, cue.subject, "verb")


def _adjacent_quotation(ctx: _Ctx, cue: _Cue):
    """A quotation right after or right before the cue is the content (direct).
    `The minister said: “We have enough grain.”`, `“Prices are falling,” said Lopez.`
    Verbs of belief never cue a bare quotation; "continued", "began" cue nothing else. Of those, a verb that also
    reports a clause (``CLAUSE_ONLY_VERBS``) cues the that-clause after it: `The panel concluded that the dam was safe.`
    (not "began driving so fast that I had to stop")."""
    if cue.quote is None:
        return _STOP if cue.lemma in lx.QUOTE_ONLY_VERBS and not (cue.lemma in lx.CLAUSE_ONLY_VERBS and _that_complement(cue)) else None
    if cue.lemma in lx.BELIEF_VERBS:
        return _STOP
    q = cue.quote
    return _Cand(q.inner_start, q.inner_end, cue.start, cue.end, None, cue.subject, "verb", q)


def _that_complement(cue: _Cue) -> bool:
    """Does the cue govern a clause after it opened by "that" ("concluded that the dam was safe")?"""
    clause = cue.clause
    return clause is not None and clause.i > cue.verb.i and any(
        c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def _cut_at_inner_cue(doc: Doc, cue: _Cue, a: int, b: int) -> int:
    """The clause ends before a cue of its own inside it: a participle ("..., adding
    that") or a second verb sharing the subject ("said X and lamented Y"), which then
    inherits the subject. A noun spelt like a cue ("and his remark was ...") is none."""
    clause = cue.clause
    for t in doc[a:b + 1]:
        if t.i <= clause.i or t.head.i < a:
            continue
        if t.lemma_ in lx.REPORTING_VERBS and t.pos_ in lx.VERBAL_POS and (
                t.dep_ == "advcl" and t.tag_ == "VBG"
                or t.dep_ == "conj" and not any(k.dep_ in lx.SUBJECT_DEPS for k in t.children)):
            cut = t.left_edge.i - 1
            while cut > a and (doc[cut].dep_ == "cc" or doc[cut].is_punct):
                cut -= 1
            if t.dep_ == "conj":
                cue.inherit[t.i] = cue.subject
            return min(b, cut)
    return b


def _cut_at_comment(doc: Doc, clause: Token, a: int, b: int) -> int:
    """The clause ends before the author's comment after a comma ("..., although he
    again refused to ...", "..., in contrast with ..."); a list of what it covers
    ("..., including how people are treated in schools") is the source's own."""
    for c in clause.rights:
        if (c.dep_ == "advcl" and c.i <= b and doc[c.left_edge.i - 1].text == ","
                and c.left_edge.lower_ in lx.CONCESSIVE_MARKS):
            b = min(b, c.left_edge.i - 2)
            break
    for c in clause.rights:
        if (c.dep_ in lx.TRAILING_COMMENT_DEPS and c.i > a and doc[c.left_edge.i - 1].text == "," and c.i <= b
                and c.lower_ not in lx.ELABORATING_PREPOSITIONS):
            return min(b, c.left_edge.i - 2)
    return b


def _conjoined_clause_end(doc: Doc, v: Token, b: int) -> int:
    """A second clause joined to the cue by "and" with a subject of its own is content
    too (`said the road was closed and the bridge had collapsed`, parsed under the cue);
    so is a second complement of the cue right after the first, the parser having split
    one clause in two (`said Ross had respect for the army and his remark was an
    expression of frustration`, "was" a second complement of "said")."""
    for c in v.rights:
        if c.dep_ == "ccomp" and c.left_edge.i == b + 1 and c.lemma_.lower() not in lx.REPORTING_VERBS:
            b = c.right_edge.i
    for c in v.rights:
        if (c.dep_ == "conj" and c.i > b and c.lemma_.lower() not in lx.REPORTING_VERBS
                and any(k.dep_ in lx.SUBJECT_DEPS for k in c.children)
                and doc[c.left_edge.i - 1].lower_ == "and"):
            return c.right_edge.i
    return b


def _complement_clause(ctx: _Ctx, cue: _Cue):
    """The cue's clausal complement is the content (indirect or mixed), before or after it.
    `The governor said the factory would close.`, `The river rose, the agency said.`"""
    clause, v, doc = cue.clause, cue.verb, ctx.doc
    if clause is None:
        return None
    a, b = clause.left_edge.i, clause.right_edge.i
    if clause.i < v.i:
        b = min(b, v.i - 1)
        if cue.subject.i < v.i:
            b = min(b, cue.subject.left_edge.i - 1)
    else:
        a = max(a, v.i + 1)
        a = _subject_taken_as_object(v, clause, a)
    b = _cut_at_inner_cue(doc, cue, a, b)
    b = _cut_at_comment(doc, clause, a, b)
    if clause.i > v.i and b == clause.right_edge.i:
        b = _conjoined_clause_end(doc, v, b)
        b = _elaboration_after_colon(doc, v, b)
    if b < a:
        return _STOP
    parts = _split_at_second_that(clause, a, b)
    return [_Cand(*_span_chars(doc, pa, pb), cue.start, cue.end, None, cue.subject, "verb") for pa, pb in parts]


def _subject_taken_as_object(v: Token, clause: Token, a: int) -> int:
    """A parser slip: the complement's subject hung on the cue as its object, the complement left with no subject
    (`claimed the findings of the mission over Saturday's elections were overall "positive"`, "findings" the object of
    "claimed", "were" its complement): the content starts at the object nearest the complement, with what the parser
    hung on the cue between the two. The first object of a verb of telling is its hearer, never the content's ("told
    POLITICO Florida the state's standards are not perfect": "standards", the second); a complement with a subject or
    a "that" of its own keeps them ("told reporters the road was closed"); a bare infinitive ("urged Obama make a
    pledge") has no subject to take."""
    if any(k.dep_ in lx.OWN_START_DEPS for k in clause.children):
        return a
    if not (clause.tag_ in lx.FINITE_TAGS or any(k.dep_ in lx.AUX_DEPS and k.tag_ in lx.FINITE_TAGS for k in clause.children)):
        return a
    objects = [c for c in v.children if c.dep_ == "dobj" and v.i < c.i < clause.i and c.pos_ in lx.NOMINAL_POS]
    if v.lemma_.lower() in lx.TELL_VERBS:
        objects = objects[1:]
    if not objects:
        return a
    subject = objects[-1]
    if any(t.head.i != v.i and not (subject.i <= t.head.i < clause.left_edge.i)
           for t in v.doc[subject.right_edge.i + 1 : clause.left_edge.i] if t.dep_ != "punct"):
        return a
    return min(a, subject.left_edge.i)


def _elaboration_after_colon(doc: Doc, v: Token, b: int) -> int:
    """A parser slip: reported speech that goes on after a colon (`notes that three things
    are happening at once: home values are rising, rates are low ...`), with the cue hung
    on the verb after the colon: the content runs to the sentence end."""
    if b + 1 >= len(doc) or doc[b + 1].text != ":" or v.dep_ not in lx.CLAUSAL_COMPLEMENT_DEPS | {"parataxis"}:
        return b
    if not (v.head.i > b + 1 and v.head.sent.start == v.sent.start):
        return b
    end = v.sent.end - 1
    while end > b and (doc[end].is_punct and not _is_quote_tok(doc[end]) or doc[end].is_space):
        end -= 1
    return end


def _split_at_second_that(clause: Token, a: int, b: int) -> list[tuple[int, int]]:
    """A complement of two that-clauses is two claims: `said both that the trauma
    contributed to her death and that force was used` → "the trauma contributed to her
    death", "force was used" (token ranges, inclusive). The second clause may hang lower, the parser having misread
    the first (`both that physical trauma suffered in detention contributed to her death and that ...`, "suffered" its
    verb, "contributed" under it), and its "that" may be read as a determiner ("that force"): in a content that opens
    with "(both) that", "and that" opening a conjoined clause cuts it all the same."""
    doc = clause.doc
    seconds = [c for c in clause.rights if c.dep_ == "conj" and c.left_edge.dep_ == "mark"]
    opens = a + 1 if doc[a].lower_ == "both" and a < b else a
    if doc[opens].lower_ == "that":
        seconds += [c for c in doc[opens + 1 : b + 1] if c.dep_ == "conj" and c.pos_ in lx.VERBAL_POS
                    and c.left_edge.lower_ == "that" and c.left_edge.dep_ in lx.THAT_OPENER_DEPS and doc[c.left_edge.i - 1].lower_ == "and"]
    for c in seconds:
        if a < c.left_edge.i <= b and c.left_edge.lower_ == "that" and c.right_edge.i <= b:
            cut = c.left_edge.i - 1
            while cut > a and (doc[cut].dep_ == "cc" or doc[cut].is_punct):
                cut -= 1
            if cut >= opens:
                return [(opens, cut), (c.left_edge.i, b)]
    return [(a, b)]


def _that_clause(noun: Token) -> Token | None:
    """The that-clause a noun governs ("the claim that the protests were fomented")."""
    for c in noun.rights:
        if c.dep_ in lx.NOUN_CLAUSE_DEPS and c.left_edge.lower_ == "that" and c.pos_ in lx.VERBAL_POS:
            return c
    return None


def _claim_noun_object(ctx: _Ctx, cue: _Cue):
    """The cue's object is a noun carrying a claim; its that-clause is the content.
    `Hajizadeh reiterated the official claim that the protests were fomented abroad.`"""
    if cue.lemma in lx.REJECTING_VERBS:
        return None  # `rejected the claim that ...`: not the subject's claim
    obj = next((c for c in cue.verb.rights if c.dep_ == "dobj"), None)
    if obj is None or obj.lemma_.lower() not in lx.CLAIM_NOUNS and obj.lower_ not in lx.CLAIM_NOUNS:
        return None
    if any(c.dep_ == "poss" and c.pos_ != "PRON" for c in obj.children):
        return None  # `repeated Moscow's claim that ...`: the owner's claim
    clause = _that_clause(obj)
    if clause is None:
        return None
    s, e = _span_chars(ctx.doc, clause.left_edge.i, clause.right_edge.i)
    return _Cand(s, e, cue.start, cue.end, None, cue.subject, "verb")


def _infinitive_claim(ctx: _Ctx, cue: _Cue):
    """A verb of claiming with an infinitive: the infinitive is the content.
    `The IOC claimed to have had a second video chat with the player.`"""
    if cue.lemma not in lx.INFINITIVE_CLAIM_VERBS:
        return None
    comp = next((c for c in cue.verb.rights if c.dep_ == "xcomp" and any(
        k.dep_ == "aux" and k.lower_ == "to" for k in c.children)), None)
    if comp is None:
        return None
    s, e = _span_chars(ctx.doc, comp.left_edge.i, comp.right_edge.i)
    return _Cand(s, e, cue.start, cue.end, None, cue.subject, "verb")


def _question_put(ctx: _Ctx, cue: _Cue):
    """A question put to a source by the reporter (a passive participle of asking with a
    wh-clause) asserts nothing: `Asked by the paper what happened to the post, she said ...`
    (her answer is the claim). A source's own question (`someone asked how ...`) passes."""
    if cue.lemma not in lx.QUESTION_VERBS or cue.quote is not None or cue.verb.tag_ != "VBN":
        return None
    clause = cue.clause
    if clause is not None and clause.i > cue.verb.i and clause.left_edge.tag_ in lx.WH_TAGS:
        return _STOP
    return None


def _rallying_call(ctx: _Ctx, cue: _Cue):
    """A call or demand for a collective action or a rallying word is an action, not a
    claim: `She called for street protests.`, `The father demanded justice.` (A call for
    a policy, `called for a moratorium on evictions`, is a claim and passes.)"""
    if cue.lemma not in lx.RALLYING_VERBS or cue.clause is not None or cue.quote is not None:
        return None
    v = cue.verb
    objs = [c for c in v.rights if c.dep_ == "dobj"]
    for p in v.rights:
        if p.dep_ in ("prep", "prt") and p.lower_ == "for":
            objs += [c for c in p.children if c.dep_ == "pobj"]
    obj = objs[0] if objs else None
    if obj is None or obj.lemma_.lower() not in lx.RALLYING_NOUNS and obj.lower_ not in lx.RALLYING_NOUNS:
        return None
    if any(c.dep_ in ("det", "poss", "prep", "relcl", "acl", "conj") for c in obj.children):
        return None  # `demanded justice for the victims`: a claim about whom it is owed to
    return _STOP


def _object_claim(ctx: _Ctx, cue: _Cue):
    """The cue's object and what follows is the content: `blamed the unrest on foreign
    agents`, `called the attack a real fight`, `urged people to stay home`. Verbs that
    need a clause ("believed", "added") make no claim without one."""
    lemma = cue.lemma
    if lemma in lx.CLAUSE_ONLY_VERBS:
        return _STOP
    if not cue.object_claims or lemma not in lx.OBJECT_CLAIM_VERBS and lemma not in lx.CLAUSE_NEEDING_SAY_VERBS:
        return None
    excluded = {c.i for c in cue.verb.children if c.i > cue.verb.i and (
        c.dep_ in lx.FOLLOWING_CLAUSE_DEPS or c.dep_ == "ccomp" and _coordinated_report(c, cue.verb))}
    span = _object_claim_span(cue.verb, lemma, excluded)
    if span is not None:
        s, e = _span_chars(ctx.doc, span[0], span[1])
        return _Cand(s, e, cue.start, cue.end, None, cue.subject, "verb")
    return None if lemma in lx.CLAUSE_NEEDING_SAY_VERBS else _STOP


def _trailing_cue(ctx: _Ctx, cue: _Cue):
    """A cue after a comma at the end of its sentence, the clause unattached to it by the
    parser: `The river rose by two meters overnight, the agency said.`"""
    v, subj, doc = cue.verb, cue.subject, ctx.doc
    sent = v.sent
    if not (v.i > sent.start and subj.i < v.i):
        return None
    lo = subj.left_edge.i - 1
    after_ok = all(t.is_punct or t.dep_ in lx.CUE_TAIL_DEPS for t in doc[v.i + 1: sent.end])
    if lo > sent.start and doc[lo].text == "," and after_ok:
        s, e = _span_chars(doc, sent.start, lo - 1)
        return _Cand(s, e, cue.start, cue.end, None, subj, "verb")
    return None


def _parenthetical_cue(ctx: _Ctx, cue: _Cue):
    """A cue between commas inside its sentence: what follows it is the content.
    `But to prevent problems, he said, local officials should be vigilant.`"""
    v, subj, doc = cue.verb, cue.subject, ctx.doc
    sent = v.sent
    if not (v.i > sent.start and subj.i < v.i):
        return None
    lo = subj.left_edge.i - 1
    if lo >= sent.start and doc[lo].text == "," and v.i + 2 < sent.end and doc[v.i + 1].text == ",":
        end = sent.end - 1
        while end > v.i + 2 and doc[end].is_punct:
            end -= 1
        if sum(1 for t in doc[v.i + 2: end + 1] if not t.is_punct) >= 3:
            s, e = _span_chars(doc, v.i + 2, end)
            return _Cand(s, e, cue.start, cue.end, None, subj, "verb")
    return None


# How a reporting verb finds its content, tried in order: the first rule that returns a
# candidate (or a list of them) wins; ``_STOP`` means the cue makes no claim.
VERB_RULES = (
    _block_after_colon,
    _quotation_in_clause,
    _adjacent_quotation,
    _question_put,
    _complement_clause,
    _claim_noun_object,
    _infinitive_claim,
    _rallying_call,
    _object_claim,
    _trailing_cue,
    _parenthetical_cue,
)


def _verb_cands(ctx: _Ctx, *, object_claims: bool = True, window: int = 10) -> Iterator[_Cand]:
    """Claims cued by a reporting verb with a subject, by the first of ``VERB_RULES`` that applies."""
    inherit: dict[int, Token] = {}
    for vi in ctx.cue_tokens:
        cue = _read_cue(ctx, ctx.doc[vi], inherit, object_claims=object_claims, window=window)
        if cue is None:
            continue
        for rule in VERB_RULES:
            found = rule(ctx, cue)
            if found is _STOP:
                break
            if found is not None:
                yield from found if isinstance(found, list) else (found,)
                break


def _name_before_verb_taken_for_noun(noun: Token) -> Token | None:
    """A parser slip: `Trump claims that he should be the exception.` with "claims" a
    plural noun and the name the sentence's root: in a sentence with no verb outside the
    that-clause, the word before "claims" is who claims."""
    if noun.tag_ not in lx.PLURAL_NOUN_TAGS or noun.i == 0:
        return None
    before = noun.doc[noun.i - 1]
    if before.pos_ not in lx.SPEAKER_POS or not (before.i == noun.head.i or noun.i == before.head.i):
        return None
    clause = _that_clause(noun)
    sent = noun.sent
    if clause is None or any(t.pos_ in lx.VERBAL_POS and not clause.left_edge.i <= t.i <= clause.right_edge.i
                             for t in sent):
        return None
    return before


def _claim_noun_cands(ctx: _Ctx) -> Iterator[_Cand]:
    """A noun carrying a claim, with its owner and a that-clause: the owner is the source,
    the clause the content. `his claim that the vote was rigged`, `Moscow's allegation
    that ...`. (As a cue verb's object, `_claim_noun_object` takes it.)"""
    doc = ctx.doc
    for ti in ctx.claim_noun_tokens:
        noun = doc[ti]
        if noun.pos_ != "NOUN" or ctx.tok_quote[ti] >= 0:
            continue
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        named = _name_before_verb_taken_for_noun(noun) if owner is None else None
        owner = owner or named
        clause = _that_clause(noun)
        if owner is None or clause is None:
            continue
        if owner.pos_ == "PRON" and owner.lower_ not in lx.POSSESSIVE_PRONOUNS:
            continue
        s, e = _span_chars(doc, clause.left_edge.i, clause.right_edge.i)
        src = (owner.left_edge.i, owner.i if named is not None else owner.right_edge.i)  # with its "'s", as written
        yield _Cand(s, e, noun.idx, noun.idx + len(noun.text), src, owner, "noun")


def _relays_a_speaker(ctx: _Ctx, according: Token) -> bool:
    """`“...,” said Khamenei, according to Al Jazeera`: "according to" on a verb of saying
    that quotes its own subject names the outlet relaying the quotation, not its source.
    (Reported speech stays the outer source's: `X said Y, according to Z` is Z's.)"""
    verb = according.head
    if not (verb.pos_ in lx.VERBAL_POS and verb.lemma_.lower() in lx.REPORTING_VERBS
            and any(c.dep_ in lx.SUBJECT_DEPS_ACTIVE for c in verb.children)):
        return False
    subject = _subject(verb)
    return (_adjacent_quote_before(ctx, verb, subject) is not None
            or _adjacent_quote_after(ctx, verb) is not None)


def _according_source_end(doc: Doc, according: Token, pobj: Token) -> int:
    """The last token of the source after "according to". A parser slip may hang the whole
    rest of the sentence on the source (`According to the host, the move reeks of fear`,
    "reeks" parsed as an apposition of "host"): when nothing of the sentence is left
    outside it, the source ends at the first comma after its name."""
    end = pobj.right_edge.i
    sent = according.sent
    last = sent.end - 1
    while last > according.i and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    if according.i == sent.start and end >= last:
        comma = next((t.i for t in doc[pobj.i + 1: end + 1] if t.text == ","), None)
        if comma is not None and comma + 2 <= last:
            return comma - 1
    return end


def _quotation_run_on(ctx: _Ctx, s: int, e: int) -> int:
    """A content that opens a quotation running past its sentence ends with the quotation:
    `According to the host, “If it were up to her, she would say nothing. Because ...”`."""
    q = ctx.quote_starting_at(s)
    if q is not None and e < q.end and "\n" not in ctx.text[e:q.end]:
        return q.end
    return e


def _according_cands(ctx: _Ctx) -> Iterator[_Cand]:
    """`according to X, ...` and `..., according to X.`"""
    doc = ctx.doc
    for ti in ctx.according_tokens:
        t = doc[ti]
        if t.lower_ not in lx.ACCORDING_CUES or t.i + 1 >= len(doc) or doc[t.i + 1].lower_ != "to":
            continue
        if ctx.tok_quote[t.i] >= 0:
            continue
        to = doc[t.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None or _relays_a_speaker(ctx, t):
            continue
        sent = t.sent
        a_lo, a_hi = t.i, _according_source_end(doc, t, pobj)
        # the clause it modifies: the sentence, minus the according phrase
        left = (sent.start, a_lo - 1)
        right = (a_hi + 1, sent.end - 1)
        nl = left[1] - left[0] + 1
        nr = right[1] - right[0] + 1
        a, b = left if nl >= nr else right
        if b < a:
            continue
        s, e = _span_chars(doc, a, b)
        s, e = _trim(ctx.text, s, e)
        if e - s < 2:
            continue
        e = _quotation_run_on(ctx, s, e)
        cs, ce = t.idx, to.idx + len(to.text)
        src = (pobj.left_edge.i, a_hi)
        yield _Cand(s, e, cs, ce, src, pobj, "according")


def _line_start_of(text: str, pos: int) -> int:
    """First non-space character of the line holding ``pos``."""
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos


def _speaker_label_cands(ctx: _Ctx) -> Iterator[_Cand]:
    """Transcript lines `PENCE: Well, look, ...`: a short name at a line start, a colon, words."""
    doc = ctx.doc
    text = ctx.text
    pos = 0
    n = len(text)
    while pos < n:
        line_end = text.find("\n", pos)
        line_end = n if line_end < 0 else line_end
        colon = text.find(":", pos, min(line_end, pos + 40))
        if colon > pos:
            a = ctx.token_at(pos)
            while a < len(doc) and (doc[a].is_space or _is_quote_tok(doc[a]) and doc[a].idx < colon):
                a += 1
            b = ctx.token_at(colon)
            toks = doc[a:b]
            rest_start, rest_end = colon + 1, line_end
            if (0 < len(toks) <= 4 and doc[b].text == ":" and toks[0].idx >= pos
                    and all(t.pos_ in lx.NOMINAL_POS or t.is_title or t.is_upper for t in toks)
                    and not any(t.pos_ in lx.LABEL_BREAKING_POS and not t.is_upper for t in toks)
                    and (ctx.tok_quote[a] < 0 or ctx.quotes[ctx.tok_quote[a]].start == _line_start_of(text, pos))
                    and not any(t.lower_ in lx.FURNITURE_LABELS for t in toks)
                    and not ctx.in_dateline(toks[0])
                    and len(re.findall(r"\w+", text[rest_start:rest_end])) >= 3):
                q = ctx.quote_starting_at(len(text[:rest_start]) + (len(text[rest_start:rest_end]) - len(text[rest_start:rest_end].lstrip())))
                if q is None:
                    head = toks[-1]
                    yield _Cand(rest_start, rest_end, colon, colon + 1, (toks[0].i, toks[-1].i), head, "colon")
        pos = line_end + 1


def _clause_speaker_before_colon(ctx: _Ctx, toks: Span) -> Token | None:
    """`Yet her father has refused to be silent: “I will not let this go.”`: a clause about
    a named person (or he/she) before a colon that opens a quotation makes the quotation
    that person's. A reporting verb there has its own rules; a chant or slogan is no claim."""
    root = next((t for t in toks if t.head.i == t.i or not toks.start <= t.head.i < toks.end), None)
    if root is None or root.pos_ not in lx.VERBAL_POS or root.lemma_.lower() in lx.REPORTING_VERBS:
        return None
    if any(t.lemma_.lower() in lx.SLOGAN_NOUNS or t.lemma_.lower() in lx.CHANT_VERBS for t in toks):
        return None
    subj = next((c for c in root.children if c.dep_ in lx.SUBJECT_DEPS_ACTIVE), None)
    if subj is None or ctx.tok_quote[subj.i] >= 0:
        return None
    person = ctx.ent_of[subj.i] >= 0 and ctx.ents[ctx.ent_of[subj.i]].label_ == "PERSON"
    return subj if person or subj.lower_ in lx.PRONOUN_GENDER else None


def _colon_dash_cands(ctx: _Ctx) -> Iterator[_Cand]:
    """`Name: “...”` (a colon with no verb before it), `NAME: words` and `“...” ― Name`."""
    doc = ctx.doc
    text = ctx.text
    yield from _speaker_label_cands(ctx)
    for q in ctx.quotes:
        # colon before the quotation
        j = q.start - 1
        while j >= 0 and text[j] in " \t":
            j -= 1
        if j >= 0 and text[j] == ":":
            ti = ctx.token_at(j)
            sent_start = doc[ti].sent.start
            toks = doc[sent_start:ti]
            if 0 < len(toks) <= 8 and not any(t.pos_ in lx.VERBAL_POS for t in toks) and any(
                    t.pos_ in lx.SPEAKER_POS for t in toks) and ctx.tok_quote[sent_start] < 0:
                head = next((t for t in reversed(toks) if t.pos_ in lx.SPEAKER_POS), None)
                yield _Cand(q.inner_start, q.inner_end, j, j + 1, (toks[0].i, toks[-1].i), head, "colon", q)
                continue
            subject = _clause_speaker_before_colon(ctx, toks)
            if subject is not None:
                src = (subject.left_edge.i, subject.i)  # the name, not the clause it heads
                yield _Cand(q.inner_start, q.inner_end, j, j + 1, src, subject, "colon", q)
                continue
        # dash after the quotation, then a name to the end of the line
        k = q.end
        while k < len(text) and text[k].isspace() and text[k] != "\n":
            k += 1
        dash = next((d for d in lx.DASHES if text.startswith(d, k)), None)
        if dash is None:
            continue
        m = k + len(dash)
        line_end = text.find("\n", m)
        line_end = len(text) if line_end < 0 else line_end
        name = text[m:line_end].strip()
        if not name or len(name.split()) > 6:
            continue
        a = ctx.token_at(m + (len(text[m:line_end]) - len(text[m:line_end].lstrip())))
        b = ctx.token_at(line_end - 1)
        while a < b and doc[a].is_space:
            a += 1
        while b > a and (doc[b].is_punct or doc[b].is_space):
            b -= 1
        if not any(t.pos_ == "PROPN" for t in doc[a:b + 1]):
            continue
        head = next((t for t in reversed(doc[a:b + 1]) if t.pos_ == "PROPN"), doc[b])
        yield _Cand(q.inner_start, q.inner_end, k, k + len(dash), (a, b), head, "dash", q)


# --------------------------------------------------------------------------- resolution


def _organization_kinds(toks: list[Token], name: str) -> frozenset[str]:
    """The kinds of body ("company", "group", "media") an organisation source's words say it is."""
    words = [t.lemma_.lower() for t in toks if t.pos_ in lx.NOMINAL_POS] + name.lower().split()
    return frozenset(lx.ORGANIZATION_KINDS[w] for w in words if w in lx.ORGANIZATION_KINDS)


def _described_as_body(head: Token, span_tokens: list[Token]) -> bool:
    """A name that its apposition or the noun before it describes as an organisation:
    `Oyan, a new civic movement, said ...`, `the research group Dossier Centre said ...`
    (the tagger may take either name for a person)."""
    for c in head.children:
        if c.dep_ == "appos" and c.pos_ == "NOUN" and c.lemma_.lower() in lx.ORGANIZATION_DESCRIPTION_NOUNS:
            return True
    before = [t for t in span_tokens if t.i < head.i and t.pos_ == "NOUN" and t.head.i == head.i]
    return bool(before) and before[-1].lemma_.lower() in lx.ORGANIZATION_DESCRIPTION_NOUNS


def _source_type(ctx: _Ctx, head: Token | None, span_tokens: list[Token]) -> str:
    if head is None:
        return "person"
    low = head.lower_
    text = " ".join(t.lower_ for t in span_tokens)
    if any(m in text for m in lx.ANONYMOUS_MARKERS):
        return "anonymous"
    if head.pos_ == "PRON":
        kind = lx.PRONOUNS.get(lx.POSSESSIVE_PRONOUNS.get(low, low), "person")
        return {"plural": "group", "organization": "organization"}.get(kind, "person")
    if head.pos_ == "PROPN" and _described_as_body(head, span_tokens):
        return "organization"
    e = ctx.ent_of[head.i]
    if e >= 0:
        label = ctx.ents[e].label_
        if label == "PERSON":
            return "person"
        if label in lx.ORGANIZATION_LABELS:
            return "group" if label == "NORP" and head.tag_ in lx.PLURAL_NOUN_TAGS else "organization"
    lemma = head.lemma_.lower()
    has_name = any(ctx.ent_of[t.i] >= 0 and ctx.ents[ctx.ent_of[t.i]].label_ == "PERSON" for t in span_tokens)
    dets = {c.lower_ for c in head.children if c.dep_ == "det"}
    if not has_name and lemma in lx.ANONYMOUS_HEADS and (
            dets & lx.ANONYMOUS_DETERMINERS or not dets and head.tag_ == "NNS" and lemma in lx.ANONYMOUS_PLURAL_HEADS):
        return "anonymous"
    if not has_name and dets & lx.INDEFINITE_DETERMINERS and lemma in lx.ROLE_NOUNS and head.pos_ == "NOUN":
        return "anonymous"
    body = lemma in lx.ORGANIZATION_NOUNS or lemma in lx.ORGANIZATION_DESCRIPTION_NOUNS
    members = any(p.dep_ == "prep" and p.lower_ == "of" and any(
        k.dep_ == "pobj" and k.tag_ in lx.PLURAL_NOUN_TAGS for k in p.children) for p in head.rights)
    if members:
        return "group"  # "a group of doctors", "a coalition of parents"
    if body and head.tag_ not in lx.PLURAL_NOUN_TAGS and (head.pos_ == "NOUN" or not has_name):
        return "organization"  # "the German government", "Belarusian state TV" (codebook section 1)
    if head.tag_ in lx.PLURAL_NOUN_TAGS or low in lx.GROUP_NOUNS:
        return "group"
    if head.pos_ == "PROPN":
        acronym = _is_acronym(head.text) and low not in ctx.fullname and low not in lx.TITLES
        return "organization" if acronym else "person"  # "CGTN", "FFIT"; not "PENCE:" nor "the PM"
    if lemma in lx.DOCUMENT_NOUNS:
        return "organization"
    return "person"


def _is_acronym(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _names_the_head(ent: Span, head: Token) -> bool:
    """A person named in a source's words names the source itself when attached to its
    head or in apposition (`his lawyer, Ana Ruiz`, `spokeswoman Kira Yarmysh`), not as the
    object of a phrase of its own (`the father of Mahsa Amini`, `a spokeswoman for X`)."""
    root = ent.root
    if root.i != head.i and _is_body_noun(head):
        return False  # `the Obama administration`, `the Trump campaign` are not the person
    return root.i == head.i or root.head.i == head.i or root.dep_ in lx.NAMING_DEPS or head.head.i == root.i


def _is_body_noun(t: Token) -> bool:
    lemma = t.lemma_.lower()
    return t.pos_ == "NOUN" and (lemma in lx.ORGANIZATION_NOUNS or lemma in lx.ORGANIZATION_DESCRIPTION_NOUNS
                                 or lemma in lx.DOCUMENT_NOUNS)


def _fullest_name(ctx: _Ctx, words: list[Token]) -> str:
    """A person's name as written → the fullest name the article gives that surname, unless
    the name as written is a different full name ("Amjad Amini" is not "Mahsa Amini")."""
    name = _name_of(words)
    full = ctx.fullname.get(words[-1].lower_, name)
    if len(words) >= 2 and not full.endswith(name):
        return name
    return full


def _entity_for(ctx: _Ctx, head: Token, span_tokens: list[Token]) -> str | None:
    """The fullest in-document name of a named source, titles stripped."""
    e = ctx.ent_of[head.i]
    chosen = ctx.ents[e] if e >= 0 and ctx.ents[e].label_ in lx.NAME_LABELS else None
    if chosen is None:
        for t in span_tokens:
            k = ctx.ent_of[t.i]
            if k >= 0 and ctx.ents[k].label_ == "PERSON" and _names_the_head(ctx.ents[k], head):
                chosen = ctx.ents[k]
                break
    if chosen is not None:
        words = _strip_titles([t for t in chosen if t.lower_ not in lx.POSSESSIVE_MARKS])
        if not words:
            return None
        if chosen.label_ == "PERSON":
            return _fullest_name(ctx, words)
        return _name_of(words)
    if head.pos_ == "PROPN" and head.text[:1].isupper():  # "prosecutor-general" tagged PROPN is no name
        words = [t for t in head.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [head]
        words = _strip_titles(words)
        return _fullest_name(ctx, words) if words else None
    return None




def _last_word(name: str) -> str:
    words = name.split()
    return words[-1].strip(".,").lower() if words else ""


def _genders(ctx: _Ctx, person_ents: list[tuple[int, Span]]) -> dict[str, str]:
    """Surname (lower case) → "m"/"f", from the article's own words: a title before the
    name ("Mr Protasevich", "Ms Peng"), and a he/she heading what a named person says
    ("Hale said he would ..."; not "Warren told Stumpf he ...", where it may be the
    hearer), by majority; names without a clear majority are left out."""
    votes: dict[str, list[int]] = {}  # surname -> [male, female]
    doc = ctx.doc
    last_of: dict[int, str] = {}  # root token of a person entity -> surname
    for _, e in person_ents:
        end = e[-1] if e[-1].lower_ not in lx.POSSESSIVE_MARKS or len(e) < 2 else e[-2]
        last = end.lower_
        last_of[e.root.i] = last
        title = e[0].lower_.rstrip(".") if len(e) > 1 else ""
        if e.start > 0 and title not in lx.TITLE_GENDER:
            title = doc[e.start - 1].lower_.rstrip(".")
        if title in lx.TITLE_GENDER and last:
            votes.setdefault(last, [0, 0])[lx.TITLE_GENDER[title] == "f"] += 3
    for i, g in ctx.gendered_pronouns:
        p = doc[i]
        if p.dep_ not in lx.SUBJECT_DEPS or p.head.dep_ != "ccomp" or ctx.tok_quote[i] >= 0:
            continue
        matrix = p.head.head
        if any(c.dep_ in lx.HEARER_OBJECT_DEPS for c in matrix.children):
            continue
        speaker = next((c for c in matrix.children if c.dep_ in lx.SUBJECT_DEPS), None)
        if speaker is not None and last_of.get(speaker.i):
            votes.setdefault(last_of[speaker.i], [0, 0])[g == "f"] += 1
    return {last: ("m" if m > f else "f") for last, (m, f) in votes.items() if m != f}


@dataclass(slots=True)
class _Antecedents:
    """What a pronoun may refer to, as resolution goes through the document."""

    ctx: _Ctx
    persons: list[tuple[int, str]] = field(default_factory=list)  # (char, name) of person sources so far
    groups: list[tuple[int, str]] = field(default_factory=list)
    organizations: list[tuple[int, str]] = field(default_factory=list)
    person_ents: list[tuple[int, Span]] = field(default_factory=list)
    person_starts: list[int] = field(default_factory=list)
    # people the text makes the subject of a clause: "Ivanka Trump noted ... She said ..."
    subject_ents: list[tuple[int, Span]] = field(default_factory=list)
    subject_starts: list[int] = field(default_factory=list)
    org_kinds: list[frozenset[str]] = field(default_factory=list)  # kinds of each of ``organizations``
    gender: dict[str, str] | None = None  # computed when a pronoun first needs it
    org_ents: list[Span] | None = None  # organisations named, when "it" first needs them
    org_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.person_ents = [(e.start_char, e) for e in self.ctx.ents if e.label_ == "PERSON"]
        self.person_starts = [p for p, _ in self.person_ents]
        # a subject inside a quotation is the quoted speaker's topic, not the narrative's
        # ("Simon said ... “when Peng is not allowed to ...”. He said: ..." → Simon)
        self.subject_ents = [(p, e) for p, e in self.person_ents
                             if e.root.dep_ in lx.SUBJECT_DEPS and self.ctx.tok_quote[e.root.i] < 0]
        self.subject_starts = [p for p, _ in self.subject_ents]

    def agrees(self, name: str | None, gender: str | None) -> bool:
        if not name or gender is None:
            return True
        if self.gender is None:
            self.gender = _genders(self.ctx, self.person_ents)
        return self.gender.get(_last_word(name), gender) == gender

    def _latest_ent(self, ents, starts, pos, gender, *, reach: int = 12) -> int:
        k = bisect_left(starts, pos) - 1
        if gender is None:
            return k
        for j in range(k, max(-1, k - reach), -1):
            words = _strip_titles(list(ents[j][1]))
            if words and self.agrees(words[-1].text, gender):
                return j
        return -1

    def person_before(self, pos: int, gender: str | None = None) -> str | None:
        """A third-person pronoun at ``pos`` → the latest subject named before it, else the
        latest person source, else the latest person named; each agreeing in gender with
        the pronoun where the article shows the person's gender."""
        ctx = self.ctx
        last_source = next((p for p in reversed(self.persons[-12:]) if self.agrees(p[1], gender)), None)
        j = self._latest_ent(self.subject_ents, self.subject_starts, pos, gender)
        if j >= 0 and (last_source is None or self.subject_starts[j] > last_source[0]):
            ent = self.subject_ents[j][1]
            return _entity_for(ctx, ent.root, list(ent))
        if last_source is not None:
            return last_source[1]
        k = self._latest_ent(self.person_ents, self.person_starts, pos, gender)
        if k >= 0:
            ent = self.person_ents[k][1]
            return _entity_for(ctx, ent.root, list(ent))
        return None

    def organization_of_kind(self, kind: str | None) -> str | None:
        """"the Swiss company", "the watchdog" → the latest organisation source named or
        described as one of that kind ("privacy-focused e-mail provider Proton")."""
        if kind is None:
            return None
        for (_, name), kinds in zip(reversed(self.organizations), reversed(self.org_kinds)):
            if kind in kinds:
                return name
        return None

    def organization_before(self, pos: int) -> str | None:
        """"it", "its statement" → the latest organisation source, else the latest
        organisation named before ``pos`` (never a country)."""
        if self.organizations:
            return self.organizations[-1][1]
        if self.org_ents is None:
            self.org_ents = [e for e in self.ctx.ents if e.label_ == "ORG"]
            self.org_starts = [e.start_char for e in self.org_ents]
        k = bisect_left(self.org_starts, pos) - 1
        if k >= 0:
            words = _strip_titles([t for t in self.org_ents[k] if t.lower_ not in lx.POSSESSIVE_MARKS])
            return _name_of(words) if words else None
        return None


def _is_place(ctx: _Ctx, head: Token) -> bool:
    """A country, city or nationality ("China", "Russians"): never what "it" refers to."""
    e = ctx.ent_of[head.i]
    return e >= 0 and ctx.ents[e].label_ in lx.PLACE_LABELS


def _pronoun_entity(ante: _Antecedents, head: Token) -> str | None:
    """"he", "she" → the person they refer to; "they" → the latest group source; "it" →
    the latest organisation."""
    word = lx.POSSESSIVE_PRONOUNS.get(head.lower_, head.lower_)
    kind = lx.PRONOUNS[word]
    if kind == "person" and word not in lx.FIRST_SECOND_PERSON:
        return ante.person_before(head.idx, lx.PRONOUN_GENDER.get(word))
    if kind == "plural" and ante.groups:
        return ante.groups[-1][1]
    if kind == "organization":
        return ante.organization_before(head.idx)
    return None


def _document_author(ctx: _Ctx, ante: _Antecedents, head: Token) -> str | None:
    """A document or finding as the source → the organisation or person that wrote it
    (codebook section 1): its possessor ("ODIHR's report", "its statement"), a name
    before it ("the IMF report") or after "by"/"from" ("the findings by the OPCW"); with
    none, the findings or the report of "the" are those of the latest organisation
    ("The observers ... The preliminary conclusions stated ...")."""
    lemma = head.lemma_.lower()
    finding = lemma in lx.FINDING_NOUNS or head.lower_ in lx.FINDING_NOUNS
    if lemma not in lx.DOCUMENT_NOUNS and not finding:
        return None
    for c in head.children:
        if c.dep_ == "poss":
            if c.lower_ in lx.ORGANIZATION_POSSESSIVES:
                return ante.organization_before(head.idx)
            if c.lower_ in lx.PRONOUN_GENDER:
                return ante.person_before(head.idx, lx.PRONOUN_GENDER[c.lower_])
            return _entity_for(ctx, c, [c])
        if c.dep_ == "compound" and c.i < head.i and ctx.ent_of[c.i] >= 0 and ctx.ents[ctx.ent_of[c.i]].label_ in (
                "ORG", "PERSON"):
            return _entity_for(ctx, c, [c])
        if c.dep_ == "prep" and c.i > head.i and c.lower_ in lx.AUTHOR_PREPOSITIONS:
            pobj = next((k for k in c.children if k.dep_ == "pobj"), None)
            if pobj is not None and ctx.ent_of[pobj.i] >= 0:
                return _entity_for(ctx, pobj, [pobj])
    if (finding or lemma in lx.INSTITUTIONAL_DOCUMENTS) and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        return ante.organization_before(head.idx)  # `the preliminary conclusions stated ...`: the body whose work it reports
    return None


def _description_entity(ctx: _Ctx, head: Token) -> str | None:
    """"the analyst" → the latest name given that role (or a narrower one) before it."""
    lemma = head.lemma_.lower()
    targets = lx.ROLE_HYPERNYMS.get(lemma, frozenset({lemma}))
    for char, rl, name in reversed(ctx.role_index):
        if char < head.idx and rl in targets:
            return name
    return None


def _named_entity(ctx: _Ctx, head: Token, toks: list[Token]) -> tuple[str | None, bool]:
    """A named source → (its fullest name, True when a description names a person:
    "A protester named Marat", "a protester, whose first name was Bezshan")."""
    entity = _entity_for(ctx, head, toks)
    if entity is not None or head.pos_ != "NOUN":
        return entity, False
    name = next((t for t in toks if t.pos_ == "PROPN" and t.i > head.i and t.ent_type_ not in lx.TIME_LABELS
                 and t.dep_ in lx.DESCRIBED_NAME_DEPS and head.i in (t.head.i, t.head.head.i)), None)
    if name is not None:
        return _entity_for(ctx, name, [name]), True
    if head.tag_ == "NNS":
        # a group as named, without what follows its head ("Demonstrators at the rally")
        words = [t for t in ctx.doc[head.left_edge.i: head.i + 1] if t.dep_ != "det" and not t.is_punct]
        return (_name_of(words) if words else None), False
    return None, False


def _relative_antecedent(ctx: _Ctx, pron: Token) -> Token | None:
    """A relative pronoun whose clause the parser did not attach as one (`Biden phoned
    Putin who then said ...`, `CCTV -- which said ...`) → the name right before it."""
    if pron.tag_ not in lx.RELATIVE_TAGS or pron.lower_ not in lx.RELATIVE_PRONOUNS:
        return None
    i = pron.i - 1
    while i >= 0 and pron.doc[i].is_punct and pron.doc[i].text in lx.RELATIVE_LEAD_PUNCT:
        i -= 1
    if i < 0 or pron.doc[i].pos_ not in lx.NOMINAL_POS or "\n" in pron.doc[i: pron.i].text:
        return None
    return pron.doc[i]


def _described_type(head: Token) -> str:
    """The type of a source a description names: `a protester named Marat` is a person,
    `the research group Delta Watch` an organisation."""
    return "organization" if head.lemma_.lower() in lx.ORGANIZATION_DESCRIPTION_NOUNS else "person"


def _described_body(ctx: _Ctx, ante: _Antecedents, head: Token, toks: list[Token],
                    stype: str) -> tuple[str | None, str]:
    """A definite description with no role antecedent → the name it gives (`the research
    group Delta Watch`, `the chairman, Tom Reyes`), else, for a body (`the Swiss company`), the latest organisation
    source of its kind; (entity, source type)."""
    entity, described = _named_entity(ctx, head, toks)
    if entity is not None:  # `the chairman, Tom Reyes`, `the research group Delta Watch`
        return entity, _described_type(head) if described else stype
    if head.tag_ == "NN":
        entity = ante.organization_of_kind(lx.ORGANIZATION_KINDS.get(head.lemma_.lower()))
        if entity is not None:
            return entity, "organization"
    return None, stype


def _source_tokens(ctx: _Ctx, cand: _Cand) -> tuple[Token, list[Token]]:
    """A candidate → the head of its source and the source's tokens ("X, who said": X)."""
    head = cand.head
    if head.lower_ in lx.RELATIVE_PRONOUNS and head.head.dep_ in lx.RELATIVE_CLAUSE_DEPS or head.dep_ == "relcl":
        head = head.head.head if head.dep_ != "relcl" else head.head
        return head, list(ctx.doc[head.left_edge.i: head.i + 1])
    antecedent = _relative_antecedent(ctx, head)
    if antecedent is not None:
        return antecedent, list(ctx.doc[antecedent.left_edge.i: antecedent.i + 1])
    return head, list(ctx.doc[cand.src[0]: cand.src[1] + 1]) if cand.src else [head]


def _antecedent_phrase(head: Token) -> str | None:
    """The noun phrase a relative clause modifies, as written, without the clause:
    `a post that claimed ...` → "a post", `the international arm of the broadcaster --
    which said ...` → "the international arm of the broadcaster"."""
    doc = head.doc
    end = head.right_edge.i
    for c in head.rights:
        if c.dep_ in lx.RELATIVE_CLAUSE_DEPS or c.dep_ == "punct" and c.text in lx.RELATIVE_LEAD_PUNCT:
            end = min(end, c.left_edge.i - 1)
            break
    a = head.left_edge.i
    while end > head.i and (doc[end].is_punct or doc[end].is_space):
        end -= 1
    return _name_of(list(doc[a: end + 1])) if end >= a else None


def _resolve_one(ctx: _Ctx, ante: _Antecedents, cand: _Cand) -> dict:
    """One candidate's source → its entity, role and source type. A relative pronoun
    ("which", "that", "who") stays the source as written; its entity is what the clause
    modifies, by name where it has one, else as written (`a post that claimed ...`)."""
    head, toks = _source_tokens(ctx, cand)
    relative = head is not cand.head and cand.head.lower_ in lx.RELATIVE_PRONOUNS
    stype = _source_type(ctx, head, toks)
    entity = None
    role = None
    author = _document_author(ctx, ante, head)
    if author is not None:
        entity = author
    elif head.pos_ == "PRON" and head.lower_ not in lx.PRONOUNS and head.lower_ not in lx.POSSESSIVE_PRONOUNS:
        stype = "group" if head.lower_ in lx.INDEFINITE_PRONOUNS else stype
    elif head.lower_ in lx.PRONOUNS or head.lower_ in lx.POSSESSIVE_PRONOUNS:
        entity = _pronoun_entity(ante, head)
    elif head.pos_ == "NOUN" and any(c.lower_ in lx.DEFINITE_DETERMINERS for c in head.children if c.dep_ == "det"):
        entity = _description_entity(ctx, head)
        stype = "person" if entity is not None else stype
        if entity is None:
            entity, stype = _described_body(ctx, ante, head, toks, stype)
    else:
        entity, described = _named_entity(ctx, head, toks)
        stype = _described_type(head) if described else stype
    if entity is None and head.pos_ == "NOUN" and (relative or stype != "anonymous" and any(
            c.dep_ in lx.RELATIVE_CLAUSE_DEPS and c.i <= toks[-1].i for c in head.rights)):
        # `which` → "a post"; `A UN mission looking at the deaths said` → "A UN mission"
        entity = _antecedent_phrase(head)
    if entity is not None and stype in ("organization", "group", "anonymous") and " " not in entity:
        full = ctx.fullname.get(entity.lower())
        if full is not None:  # a surname the tagger took for an organization
            entity, stype = full, "person"
    if entity is not None:
        role = ctx.roles.get(entity)
        if stype == "anonymous" and any(ctx.ent_of[t.i] >= 0 for t in toks):
            stype = "person"
    if role is None and cand.src:
        # the words before the name in the source span ("political scientist")
        pre = [t for t in toks if t.i < head.i and t.dep_ != "det" and not t.is_punct
               and ctx.ent_of[t.i] != ctx.ent_of[head.i]]
        if pre and head.pos_ == "PROPN":
            role = _name_of(pre)
    name = entity or (None if head.pos_ == "PRON" else _name_of(toks))
    if name and stype == "person":
        ante.persons.append((head.idx, name))
    elif name and stype in ("group", "organization"):
        ante.groups.append((head.idx, name))
        if stype == "organization" and head.pos_ != "PRON" and author is None and not _is_place(ctx, head):
            ante.organizations.append((head.idx, entity or _name_of(list(ctx.doc[head.left_edge.i: head.i + 1]))))
            ante.org_kinds.append(_organization_kinds(toks, ante.organizations[-1][1]))
    return dict(entity=entity, role=role, source_type=stype)


def _resolve(ctx: _Ctx, cands: list[tuple[_Cand, dict]]) -> None:
    """Fill entity, role and type; pronouns and descriptions resolve to earlier sources."""
    ante = _Antecedents(ctx)
    for cand, info in cands:
        if cand.head is not None:
            info.update(_resolve_one(ctx, ante, cand))


# --------------------------------------------------------------------------- combine


def _opens_sentence(text: str, pos: int) -> bool:
    """True when only a sentence end (or a paragraph start) precedes ``pos``."""
    j = pos - 1
    while j >= 0 and text[j] in " \t\xa0":
        j -= 1
    if j < 0 or text[j] == "\n":
        return True
    if text[j] in ".!?…":
        return True
    if text[j] in lx.CLOSE_QUOTES or text[j] in lx.AMBIGUOUS_QUOTES:
        k = j - 1
        while k >= 0 and text[k] in lx.CLOSE_QUOTES | lx.AMBIGUOUS_QUOTES:
            k -= 1
        return k >= 0 and text[k] in ".!?,…"
    return False


def _is_paragraph(text: str, q: Quote) -> bool:
    """True when the quotation is a whole paragraph: nothing but spaces before it on its
    line, and no word after it (`“...,” said X` has a cue of its own)."""
    j = q.start - 1
    while j >= 0 and text[j] in " \t\xa0":
        j -= 1
    if j >= 0 and text[j] != "\n":
        return False
    line_end = text.find("\n", q.end)
    return not _has_word(text[q.end: line_end if line_end >= 0 else len(text)])


def _continuation_cands(ctx: _Ctx, accepted: list[_Cand], *, max_gap_sentences: int = 2) -> Iterator[_Cand]:
    """Quotations with no cue of their own that follow a quoted source's words."""
    if not accepted:
        return
    by_start = sorted(accepted, key=lambda c: c.start)
    starts = [c.start for c in by_start]
    covered = [(c.start, c.end) for c in by_start]
    cov_starts = [c[0] for c in covered]
    for q in ctx.quotes:
        k = bisect_right(cov_starts, q.inner_start) - 1
        if k >= 0 and covered[k][1] > q.inner_start:
            continue  # already inside a claim
        if k + 1 < len(covered) and covered[k + 1][0] < q.end:
            continue
        si = ctx.sent_index(q.start)
        if not _opens_sentence(ctx.text, q.start):
            continue  # the quotation does not open its sentence
        inner = ctx.text[q.inner_start:q.inner_end]
        if len(re.findall(r"\w+", inner)) < 3:
            continue
        p = bisect_right(starts, q.start) - 1
        if p < 0:
            continue
        prev = by_start[p]
        # past the same source's indirect claims ("..., X said, emphasizing that ...")
        while (p > 0 and prev.head is not None and _quote_type(ctx, prev.start, prev.end) == "indirect"
               and by_start[p - 1].head is not None and by_start[p - 1].head.i == prev.head.i):
            p -= 1
            prev = by_start[p]
        if prev.head is None or _quote_type(ctx, prev.start, prev.end) == "indirect" and not (
                _is_paragraph(ctx.text, q) and si - ctx.sent_index(prev.end - 1) <= 1):
            continue  # after reported speech, only a quotation that is a paragraph of its own
        if si - ctx.sent_index(prev.end - 1) > max_gap_sentences:
            continue
        # nothing attributed to anyone else between the two
        yield _Cand(q.inner_start, q.inner_end, prev.cue_start, prev.cue_end, prev.src, prev.head, "cont", q)


def _settle(ctx: _Ctx, cand: _Cand) -> bool:
    """Trim the content, keep reported speech within its paragraph, find the source
    span as written. False when nothing worth a claim is left."""
    text = ctx.text
    s, e = cand.start, cand.end
    direct = cand.direct_quote is not None
    if not direct and "\n" in text[s:e]:
        if cand.cue_start >= e:  # `..., X said.`: keep the paragraph of the cue
            s = text.rfind("\n", s, e) + 1
        else:
            e = text.find("\n", s, e)
    s, e = _trim(text, s, e, strip_that=not direct)
    if direct:
        while e > s and (text[e - 1] == "," or text[e - 1].isspace()):
            e -= 1
    else:
        k = bisect_right(ctx.quote_starts, e) - 1
        if k >= 0 and s <= ctx.quotes[k].start < e < ctx.quotes[k].end and ctx.quotes[k].end - e <= 3:
            e = ctx.quotes[k].end  # `called them “pure fiction.”`: the mark belongs to it
        elif e - s > 1 and text[e - 1] == "." and (text[e - 2].islower() or text[e - 2].isdigit()):
            e -= 1
    if e <= s or not _has_word(text[s:e]):
        return False
    cand.start, cand.end = s, e
    if cand.src is None:
        if cand.head is None:
            return False
        span = _source_span(ctx, cand.head, (s, e), ctx.token_at(cand.cue_start))
        if span is None:
            return False
        cand.src = span
    return True


def _finish(ctx: _Ctx, cand: _Cand, info: dict) -> AttributedClaim | None:
    text = ctx.text
    s, e = cand.start, cand.end
    qt = "direct" if cand.direct_quote is not None else _quote_type(ctx, s, e)
    ss, se = _span_chars(ctx.doc, cand.src[0], cand.src[1])
    src_text = text[ss:se]
    if not src_text.strip():
        return None
    return AttributedClaim(
        source=src_text, cue=text[cand.cue_start:cand.cue_end], content=text[s:e], start=s, end=e,
        quote_type=qt, sentence_index=ctx.sent_index(s), source_start=ss, source_end=se,
        cue_start=cand.cue_start, cue_end=cand.cue_end, entity=info.get("entity"),
        source_type=info.get("source_type"), role=info.get("role"),
    )


def _is_relative_aside(c: _Cand) -> bool:
    """A cue in a relative clause set off by a comma is the author's aside on someone
    named inside another claim, not part of that claim: `The watchdog said samples taken
    from Navalny, who claims he was poisoned by the Kremlin, held a nerve agent` gives
    Navalny's claim as well."""
    head = c.head
    if c.kind != "verb" or head is None or head.lower_ not in lx.RELATIVE_PRONOUNS or head.dep_ not in lx.SUBJECT_DEPS:
        return False
    verb = head.head
    return verb.dep_ == "relcl" and head.i > 0 and head.doc[head.i - 1].text == ","


def _dedupe(cands: list[_Cand]) -> list[_Cand]:
    """Drop claims nested in another's content (the outer source wins) and duplicates."""
    cands = sorted(cands, key=lambda c: (c.start, -(c.end - c.start)))
    out: list[_Cand] = []
    # a cue inside another claim's content is reported speech within it: drop it
    spans = sorted((c.start, c.end) for c in cands)
    starts = [s for s, _ in spans]
    max_end = []
    m = -1
    for _, e in spans:
        m = max(m, e)
        max_end.append(m)
    for c in cands:
        k = bisect_right(starts, c.cue_start) - 1
        if k >= 0 and max_end[k] > c.cue_start and not (c.start <= c.cue_start < c.end):
            # is the covering span another claim's? (max_end may come from c itself only if c covers its cue)
            inner = True
            if c.kind in ("colon", "dash") or _is_relative_aside(c):
                inner = False
            if inner:
                continue
        out.append(c)
    final: list[_Cand] = []
    for c in out:
        if final:
            p = final[-1]
            if c.start < p.end and not (_is_relative_aside(c) and p.start <= c.cue_start < p.end):
                overlap = min(c.end, p.end) - c.start
                if overlap >= 0.5 * min(c.end - c.start, p.end - p.start):
                    # keep the one whose cue is closer to the content / the longer one
                    if c.kind == "cont" or (p.end - p.start) >= (c.end - c.start):
                        continue
                    final[-1] = c
                    continue
        final.append(c)
    return final


def _records(ctx: _Ctx, cands: list[_Cand], *, continuations: bool = False,
             max_gap_sentences: int = 2) -> Iterator[AttributedClaim]:
    """Settle, de-duplicate, resolve and freeze candidates, in content order."""
    cands = _dedupe([c for c in cands if _settle(ctx, c)])
    if continuations:
        more = [c for c in _continuation_cands(ctx, cands, max_gap_sentences=max_gap_sentences) if _settle(ctx, c)]
        cands = _dedupe(cands + more)
    # resolve in order of the source mention so "he" finds the speaker before it
    infos = [(c, {}) for c in cands]
    order = sorted(infos, key=lambda ci: ci[0].head.idx if ci[0].head is not None else ci[0].start)
    _resolve(ctx, order)
    seen: set[tuple[int, int, int]] = set()
    for c, info in infos:
        claim = _finish(ctx, c, info)
        if claim is None:
            continue
        key = (claim.start, claim.end, claim.cue_start or -1)
        if key in seen:
            continue
        seen.add(key)
        yield claim


def reporting_verb_claims(doc: Doc, *, object_claims: bool = True, window: int = 10) -> Iterator[AttributedClaim]:
    """Claims cued by a verb of saying with its subject: `X said (that) ...`, `..., X said`,
    `“...,” said X`, `X said: “...”`, `blamed ... on “...”`, `..., saying “...”`."""
    ctx = _context(doc)
    yield from _records(ctx, list(_verb_cands(ctx, object_claims=object_claims, window=window)))


def according_to_claims(doc: Doc) -> Iterator[AttributedClaim]:
    """Claims cued by `according to X`."""
    ctx = _context(doc)
    yield from _records(ctx, list(_according_cands(ctx)))


def colon_and_dash_claims(doc: Doc) -> Iterator[AttributedClaim]:
    """Claims cued by a colon or a dash with no verb: `X: “...”`, `NAME: ...`, `“...” ― X`."""
    ctx = _context(doc)
    yield from _records(ctx, list(_colon_dash_cands(ctx)))


def extract_claims(doc: Doc, *, object_claims: bool = True, according: bool = True,
                   colon_dash: bool = True, continuations: bool = True,
                   max_gap_sentences: int = 2, window: int = 10) -> Iterator[AttributedClaim]:
    """Yield the attributed claims of ``doc``, ordered by content start.

    Combines the cue kinds of ``reporting_verb_claims``, ``according_to_claims`` and
    ``colon_and_dash_claims`` over one shared per-doc index, keeps the outer source
    of nested attributions, drops overlapping duplicates, and adds continuations.

    ``object_claims``: verbs like "blamed", "called", "urged" whose object is the claim;
    ``according``: "according to X"; ``colon_dash``: `X: “...”` and `“...” ― X`;
    ``continuations``: an uncued quotation after a quoted source's words is theirs too
    (at most ``max_gap_sentences`` later); ``window``: tokens between a cue and an
    adjacent quotation.
    """
    ctx = _context(doc)
    cands: list[_Cand] = list(_verb_cands(ctx, object_claims=object_claims, window=window))
    if according:
        cands.extend(_according_cands(ctx))
    cands.extend(_claim_noun_cands(ctx))
    if colon_dash:
        cands.extend(_colon_dash_cands(ctx))
    yield from _records(ctx, cands, continuations=continuations, max_gap_sentences=max_gap_sentences)
