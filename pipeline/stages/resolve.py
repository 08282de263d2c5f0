"""Resolve: the claims' speaker mentions across all articles → one ``Source`` per real-world source.

Named sources (people, organisations) are shared across articles: "President
Kassym-Jomart Tokayev", "Tokayev" and a resolved "he" become one source. A surname
spelt two ways in one article ("Ruzakhunov" / "Ruzakhnunov") is one source with both
names kept as aliases. Unnamed sources (groups, anonymous sources, unresolved
pronouns) are scoped to their article: "protesters" in two stories are two groups.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz.distance import JaroWinkler, Levenshtein

from .. import ids
from ..lexicon import ADDRESS_FORMS, AFFILIATION_TERMS, NAME_PREFIX_WORDS, QUANTIFIERS, REFERRING_PRONOUNS, ROLE_NOUNS, TITLES
from ..records import ArticleResult, AttributedClaim
from ..vocab import AFFILIATIONS

ROLE_WORDS = {w.strip(".") for w in (ROLE_NOUNS | TITLES)} - ADDRESS_FORMS
# "A protester named Marat", "a protester, whose first name was Bezshan"
DESCRIBED_NAME_RE = re.compile(
    r"\b(?:named|called|whose (?:first |last |full )?name (?:is|was))\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)"
)
DEFINITE_RE = re.compile(r"^(?:the|this|that)\s+(.+)$", re.I)
WORD_RE = re.compile(r"[\w'’.-]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Source:
    """One real-world source of claims, shared across articles."""

    source_id: str
    name: str
    aliases: tuple[str, ...]
    source_type: str
    role: str | None
    affiliation: str


@dataclass(slots=True)
class _Group:
    key: str
    names: Counter
    surfaces: set
    types: Counter
    roles: list  # (doc_id, start, role)
    named: bool


def name_tokens(name: str) -> list[str]:
    """A name → its words without titles or a possessive: 'President Kassym-Jomart Tokayev's' → ['Kassym-Jomart', 'Tokayev']."""
    words = [w.strip(",") for w in WORD_RE.findall(name)]
    words = [re.sub(r"['’]s$", "", w) for w in words]
    words = [w if re.fullmatch(r"[A-Z]\.|[A-Z]\.[A-Z]\.", w) else w.strip(".") for w in words]
    words = [w for w in words if w and w not in ("'s", "’s")]
    while words and words[0].lower() in NAME_PREFIX_WORDS:
        words = words[1:]
    while len(words) > 1 and words[-1].isdigit():
        words = words[:-1]  # an age after the name: "Protasevich, 26"
    return [w for w in words if w]


def is_named(mention: str) -> bool:
    """True when a mention is a proper name ("Tokayev", "ODIHR"), not a pronoun or description."""
    words = name_tokens(mention)
    if not words or (len(words) == 1 and words[0].lower() in REFERRING_PRONOUNS):
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in {"of", "for", "and", "de", "van", "von", "al", "bin"} for w in words)


def is_spelling_variant(a: str, b: str, *, min_similarity: float = 0.88) -> bool:
    """Two surnames → True when one reads as a misspelling of the other (close, same start, long enough)."""
    if a == b:
        return True
    if min(len(a), len(b)) < 6 or a[:3].lower() != b[:3].lower():
        return False
    return Levenshtein.distance(a.lower(), b.lower()) <= 2 and JaroWinkler.normalized_similarity(a.lower(), b.lower()) >= min_similarity


def resolve_sources(results: Iterable[ArticleResult]) -> tuple[list[Source], dict[tuple[str, int], str]]:
    """Article results → (sources sorted by id, map (doc_id, claim index) → source_id)."""
    mentions: list[tuple[str, int, AttributedClaim, str]] = []  # doc_id, index, claim, mention
    events: dict[str, str | None] = {}  # doc_id -> the event its article reports, if known
    for result in results:
        events[result.article.doc_id] = result.article.event
        for i, claim in enumerate(result.claims):
            mentions.append((result.article.doc_id, i, claim, mention_of(claim)))

    # 1. Within each article: a named mention's key is its fullest name in that article (found once per distinct
    # name and article, among its distinct names in order of first mention: the same as among every mention, a repeated
    # name never replacing its first, and not quadratic in the mentions of a long article)
    doc_names: dict[str, dict[tuple[str, ...], list[str]]] = defaultdict(dict)
    for doc_id, _, _, mention in mentions:
        if is_named(mention):
            words = name_tokens(mention)
            doc_names[doc_id].setdefault(tuple(words), words)
    distinct = {doc_id: list(names.values()) for doc_id, names in doc_names.items()}
    fullest: dict[tuple[str, tuple[str, ...]], str] = {}
    key_of: dict[tuple[str, int], tuple[str, bool]] = {}
    for doc_id, i, _claim, mention in mentions:
        if is_named(mention):
            words = name_tokens(mention)
            name = fullest.get((doc_id, tuple(words)))
            if name is None:
                name = fullest[doc_id, tuple(words)] = " ".join(fullest_name(words, distinct[doc_id]))
            key_of[doc_id, i] = (name, True)
        else:
            key_of[doc_id, i] = (f"{doc_id}::{ids.normalise(mention)}", False)
    resolve_descriptions(mentions, key_of, events)
    article_key = dict(key_of)  # the name each mention has within its own article

    # 2. Across articles: names that are forms of one another join one group.
    target = merge_names(sorted({key for key, named in key_of.values() if named}))
    for k, (key, named) in list(key_of.items()):
        if named:
            key_of[k] = (target[key], True)

    groups: dict[str, _Group] = {}
    for doc_id, i, claim, mention in mentions:
        key, named = key_of[doc_id, i]
        gkey = ids.normalise(key) if named else key
        g = groups.get(gkey)
        if g is None:
            g = groups[gkey] = _Group(gkey, Counter(), set(), Counter(), [], named)
        g.names[article_key[doc_id, i][0] if named else mention] += 1
        written = " ".join(claim.source.split())
        took_entity = mention != written
        rejected_entity = bool(claim.entity) and not took_entity and ids.normalise(claim.entity) != ids.normalise(written)
        surfaces = (claim.source, claim.entity) if took_entity else (claim.source,)
        for surface in surfaces:
            if surface and is_alias(surface):
                g.surfaces.add(" ".join(surface.split()))
        if claim.source_type:
            g.types[claim.source_type] += 1
        position = claim.source_start if claim.source_start is not None else claim.start
        given = [claim.role] if claim.role and not rejected_entity else []
        for role in given + roles_in(claim.source, mention if named else ""):
            g.roles.append((doc_id, position, role))

    sources: list[Source] = []
    source_of_group: dict[str, str] = {}
    for gkey, g in groups.items():
        name = min(g.names, key=lambda n: (len(n.split()) < 2, -g.names[n], -len(n.split()), n))
        role = pick_role(g.roles)
        source_type = source_type_of(name, g)
        sid = ids.source_id(("n:" + ids.normalise(name)) if g.named else ("g:" + gkey))
        source_of_group[gkey] = sid
        aliases = tuple(sorted(s for s in g.surfaces if s != name))
        sources.append(Source(sid, name, aliases, source_type, role, affiliation_of(name, role)))
    assignment = {}
    for doc_id, i, _, _ in mentions:
        key, named = key_of[doc_id, i]
        assignment[doc_id, i] = source_of_group[ids.normalise(key) if named else key]
    return sorted(sources, key=lambda s: s.source_id), assignment


def resolve_descriptions(mentions: list[tuple[str, int, AttributedClaim, str]],
                         key_of: dict[tuple[str, int], tuple[str, bool]],
                         events: dict[str, str | None]) -> None:
    """A definite description that repeats the role one named source has ("the chief
    doctor" after "Alexander Murakhovsky, the chief doctor") is that source: first within
    its article, else across the articles of the same event, when one named source alone
    has the role there. ``key_of`` is updated in place; the description as written stays
    the claim's speaker text, and so an alias of the source."""
    doc_roles: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    event_roles: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for doc_id, i, claim, mention in mentions:
        key, named = key_of[doc_id, i]
        if named:
            for role in ([claim.role] if claim.role else []) + roles_in(claim.source, mention):
                role_key = ids.normalise(_strip_article(role))
                doc_roles[doc_id][role_key].add(key)
                if events.get(doc_id):
                    event_roles[events[doc_id]][role_key].add(key)
    for doc_id, i, _claim, mention in mentions:
        if key_of[doc_id, i][1] or not (m := DEFINITE_RE.match(mention)):
            continue
        role_key = ids.normalise(m.group(1))
        owners = doc_roles[doc_id].get(role_key, set())
        if not owners and events.get(doc_id):
            owners = event_roles[events[doc_id]].get(role_key, set())
        if len(owners) == 1:
            key_of[doc_id, i] = (next(iter(owners)), True)


def is_alias(surface: str) -> bool:
    """True for a name worth keeping as an alias: not a pronoun, holds a real word."""
    s = surface.strip()
    return s.lower() not in REFERRING_PRONOUNS and bool(re.search(r"[^\W\d_]{2,}", s)) and s.lower() not in ("'s", "’s")


def pick_role(roles: list[tuple[str, int, str]]) -> str | None:
    """(doc_id, offset, role) found for a source → the most often given role that names a
    function (holds a title or role noun, not just "Mr."), earliest first on ties."""
    valid = [(doc, pos, " ".join(r.split()).strip(" ,")) for doc, pos, r in roles if is_role(r)]
    if not valid:
        return None
    counts = Counter(r.lower() for _, _, r in valid)
    return min(valid, key=lambda v: (-counts[v[2].lower()], v[0], v[1]))[2]


def is_role(role: str) -> bool:
    """True when a role text names a function: it holds a title or role noun beyond mere address."""
    words = {w.strip(".,’'").lower() for w in role.split()}
    return bool(words & ROLE_WORDS) and len(role.split()) <= 12


def mention_of(claim: AttributedClaim) -> str:
    """A claim → the name to resolve: the in-article entity, unless the speaker is written
    as a different full name ("Ivanka Trump" is not "Donald Trump"). An entity that is
    no name is what a description resolves to and is the source too: the body whose
    document speaks ("the preliminary conclusions" → "the observation mission"), what a
    relative clause modifies ("which" → "the international arm of the broadcaster")."""
    written, entity = " ".join(claim.source.split()), " ".join((claim.entity or "").split())
    if m := DESCRIBED_NAME_RE.search(written):
        return m.group(1)
    if not entity or written.lower() in QUANTIFIERS:
        return written
    w, e = name_tokens(written), name_tokens(entity)
    if is_named(written) and len(w) >= 2 and e[-len(w):] != w and w[-len(e):] != e:
        return written
    return entity


def roles_in(surface: str, name: str) -> list[str]:
    """A speaker as written and its name → roles it states: a title before the name
    ("political scientist Dimash Alzhayev") or an apposition after it ("Alzhanov, the analyst")."""
    out = []
    surface = " ".join(surface.split())
    head, sep, tail = surface.partition(",")
    if m := DESCRIBED_NAME_RE.search(surface):
        head, tail = surface[: m.start()].strip(" ,"), ""
        if is_role(head):
            out.append(_strip_article(head))
        return out
    if sep and is_role(tail):
        out.append(_strip_article(tail.strip(" ,")))
    first = name.split()[0] if name else ""
    at = head.find(first) if first else -1
    if at > 0 and is_role(head[:at]):
        out.append(_strip_article(head[:at].strip()))
    return out


def _strip_article(text: str) -> str:
    return re.sub(r"^(the|a|an|another)\s+", "", text, flags=re.I)


def merge_names(keys: list[str]) -> dict[str, str]:
    """All article-level names of the corpus → {name: the name of its merged group}.

    Two names are one source when the shorter, of two words or more, is the tail of the
    longer ("Hillary Clinton" / "Rival Hillary Clinton"); a one-word name joins a group
    only when every longer name ending with it is in that one group ("Clinton" stays
    apart when both "Hillary Clinton" and "Bill Clinton" occur), or, where no longer name
    ends with it, every longer name starting with it (a family name written first: "Peng"
    and "Peng Shuai").
    """
    parent = {k: k for k in keys}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    lower = {tuple(w.lower() for w in k.split()): k for k in keys}
    for k in keys:
        words = tuple(w.lower() for w in k.split())
        for n in range(2, len(words)):
            tail = lower.get(words[-n:])
            if tail is not None:
                a, b = sorted((find(k), find(tail)))
                parent[b] = a
    by_last_word: dict[str, list[str]] = defaultdict(list)  # longer names by their last word: no scan of every name per name
    by_first_word: dict[str, list[str]] = defaultdict(list)
    for o in keys:
        if len(o.split()) > 1:
            by_last_word[o.split()[-1].lower()].append(o)
            by_first_word[o.split()[0].lower()].append(o)
    for k in keys:
        words = [w.lower() for w in k.split()]
        if len(words) != 1:
            continue
        # the family name last ("Clinton"), or, where no name ends with it, first ("Peng" of "Peng Shuai", "Xi" of "Xi Jinping")
        groups = {find(o) for o in by_last_word.get(words[0], ())} or {find(o) for o in by_first_word.get(words[0], ())}
        if len(groups) == 1:
            a, b = sorted((find(k), groups.pop()))
            parent[b] = a
    return {k: find(k) for k in keys}


def fullest_name(words: list[str], names_in_doc: list[list[str]]) -> list[str]:
    """A name and the other names in its article → the longest one it abbreviates or misspells."""
    best = words
    for other in names_in_doc:
        if len(other) <= len(best) or not other:
            continue
        if other[-len(words):] == words or (len(words) == 1 and is_spelling_variant(words[0], other[-1])):
            best = other
    if best is words and len(words) == 1:  # no name ends with it: the family name may come first ("Peng" of "Peng Shuai")
        firsts = {tuple(o) for o in names_in_doc if len(o) > 1 and o[0] == words[0]}
        if len(firsts) == 1:
            best = list(firsts.pop())
    return best


def source_type_of(name: str, g: _Group) -> str:
    """A group of mentions → person / organization / group / anonymous."""
    if g.types:
        best = min(g.types, key=lambda t: (-g.types[t], t))
        # a source the text names is not anonymous ("a protester named Marat")
        return "person" if best == "anonymous" and g.named else best
    if not g.named:
        return "anonymous" if name.lower() in REFERRING_PRONOUNS else "group"
    return "person"


def affiliation_of(name: str, role: str | None) -> str:
    """A source's role, else its name → one of vocab.AFFILIATIONS, by the lexicon's terms.

    Aliases are not read: a wrongly merged or descriptive alias would decide too much."""
    for text in (role, name):
        if text and (found := rightmost_affiliation(text.lower())):
            return found
    return "other"


def rightmost_affiliation(text: str) -> str | None:
    """A role or name → the affiliation of its rightmost matching term (the head of an
    English noun phrase comes last: "White House press secretary" → government)."""
    best: tuple[int, int, str] | None = None
    for rank, (affiliation, pattern) in enumerate(_AFFILIATION_RES.items()):
        for m in pattern.finditer(text):
            cand = (m.end(), -rank, affiliation)
            if best is None or cand > best:
                best = cand
    return best[2] if best else None


_AFFILIATION_RES = {
    affiliation: re.compile(r"(?<![\w])(" + "|".join(re.escape(t.strip()) for t in terms) + r")s?(?![\w])")
    for affiliation, terms in AFFILIATION_TERMS.items()
}
assert set(_AFFILIATION_RES) <= set(AFFILIATIONS)
