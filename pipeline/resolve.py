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

from . import ids
from .lexicon import AFFILIATION_TERMS
from .records import ArticleResult, AttributedClaim
from .vocab import AFFILIATIONS

TITLE_WORDS = {
    "president", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sen", "sen.", "senator", "rep", "rep.",
    "gov", "gov.", "governor", "gen", "gen.", "general", "prime", "minister", "secretary", "former", "sir",
    "lord", "judge", "mayor", "speaker", "chairman", "chairwoman", "prof", "prof.", "professor", "the", "a", "an",
}
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "who", "which", "that", "this"}
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
    words = [w.strip(".,") for w in WORD_RE.findall(name)]
    words = [re.sub(r"['’]s$", "", w) for w in words if w]
    while words and words[0].lower() in TITLE_WORDS:
        words = words[1:]
    return [w for w in words if w]


def is_named(mention: str) -> bool:
    """True when a mention is a proper name ("Tokayev", "ODIHR"), not a pronoun or description."""
    words = name_tokens(mention)
    if not words or (len(words) == 1 and words[0].lower() in PRONOUNS):
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
    for result in results:
        for i, claim in enumerate(result.claims):
            mentions.append((result.article.doc_id, i, claim, (claim.entity or claim.source).strip()))

    # 1. Within each article: a named mention's key is its fullest name in that article.
    doc_names: dict[str, list[list[str]]] = defaultdict(list)
    for doc_id, _, _, mention in mentions:
        if is_named(mention):
            doc_names[doc_id].append(name_tokens(mention))
    key_of: dict[tuple[str, int], tuple[str, bool]] = {}
    for doc_id, i, claim, mention in mentions:
        if is_named(mention):
            key_of[doc_id, i] = (" ".join(fullest_name(name_tokens(mention), doc_names[doc_id])), True)
        else:
            key_of[doc_id, i] = (f"{doc_id}::{ids.normalise(mention)}", False)

    # 2. Across articles: a single-word name joins the one full name in the corpus that ends with it.
    full_by_last: dict[str, set[str]] = defaultdict(set)
    for key, named in key_of.values():
        if named and len(key.split()) > 1:
            full_by_last[key.split()[-1].lower()].add(key)
    for k, (key, named) in list(key_of.items()):
        if named and len(key.split()) == 1 and len(full_by_last.get(key.lower(), ())) == 1:
            key_of[k] = (next(iter(full_by_last[key.lower()])), True)

    groups: dict[str, _Group] = {}
    for doc_id, i, claim, mention in mentions:
        key, named = key_of[doc_id, i]
        gkey = ids.normalise(key) if named else key
        g = groups.get(gkey)
        if g is None:
            g = groups[gkey] = _Group(gkey, Counter(), set(), Counter(), [], named)
        g.names[key if named else mention] += 1
        for surface in (claim.source, claim.entity):
            if surface and surface.strip().lower() not in PRONOUNS:
                g.surfaces.add(surface.strip())
        if claim.source_type:
            g.types[claim.source_type] += 1
        if claim.role:
            g.roles.append((doc_id, claim.source_start or claim.start, claim.role))

    sources: list[Source] = []
    source_of_group: dict[str, str] = {}
    for gkey, g in groups.items():
        name = min(g.names, key=lambda n: (-len(n.split()), -g.names[n], n))
        role = min(g.roles)[2] if g.roles else None
        source_type = source_type_of(name, g)
        sid = ids.source_id(("n:" if g.named else "g:") + gkey)
        source_of_group[gkey] = sid
        aliases = tuple(sorted(s for s in g.surfaces if s != name))
        sources.append(Source(sid, name, aliases, source_type, role, affiliation_of(name, role, aliases, source_type)))
    assignment = {}
    for doc_id, i, _, _ in mentions:
        key, named = key_of[doc_id, i]
        assignment[doc_id, i] = source_of_group[ids.normalise(key) if named else key]
    return sorted(sources, key=lambda s: s.source_id), assignment


def fullest_name(words: list[str], names_in_doc: list[list[str]]) -> list[str]:
    """A name and the other names in its article → the longest one it abbreviates or misspells."""
    best = words
    for other in names_in_doc:
        if len(other) <= len(best) or not other:
            continue
        if other[-len(words):] == words or (len(words) == 1 and is_spelling_variant(words[0], other[-1])):
            best = other
    return best


def source_type_of(name: str, g: _Group) -> str:
    """A group of mentions → person / organization / group / anonymous."""
    if g.types:
        return min(g.types, key=lambda t: (-g.types[t], t))
    if not g.named:
        return "anonymous" if name.lower() in PRONOUNS else "group"
    return "person"


def affiliation_of(name: str, role: str | None, aliases: Iterable[str], source_type: str) -> str:
    """A source's name, role and aliases → one of vocab.AFFILIATIONS, by the lexicon's terms."""
    haystack = " ".join([role or "", name, *aliases]).lower()
    for affiliation, pattern in _AFFILIATION_RES.items():
        if pattern.search(haystack):
            return affiliation
    return "other"


_AFFILIATION_RES = {
    affiliation: re.compile(r"(?<![\w])(" + "|".join(re.escape(t.strip()) for t in terms) + r")s?(?![\w])")
    for affiliation, terms in AFFILIATION_TERMS.items()
}
assert set(_AFFILIATION_RES) <= set(AFFILIATIONS)
