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
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

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


def name_tokens(name: str) -> list[str]:
    """A name → its words without titles or a possessive: 'President Kassym-Jomart Tokayev's' → ['Kassym-Jomart', 'Tokayev']."""
    return list(_name_tokens(name))


@lru_cache(maxsize=1 << 16)
def _name_tokens(name: str) -> tuple[str, ...]:
    """A name → its words without titles or a possessive (cached: a corpus names its sources again and again)."""
    words = [w.strip(",") for w in WORD_RE.findall(name)]
    words = [re.sub(r"['’]s$", "", w) for w in words]
    words = [w if re.fullmatch(r"[A-Z]\.|[A-Z]\.[A-Z]\.", w) else w.strip(".") for w in words]
    words = [w for w in words if w and w not in ("'s", "’s")]
    while words and words[0].lower() in NAME_PREFIX_WORDS:
        words = words[1:]
    while len(words) > 1 and words[-1].isdigit():
        words = words[:-1]  # an age after the name: "Protasevich, 26"
    return tuple(w for w in words if w)


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


def resolve_sources(results: Iterable[ArticleResult]) -> tuple[list[Source], Assignment]:
    """Article results → (sources sorted by id, map (doc_id, claim index) → source_id)."""
    resolver = Resolver()
    for result in results:
        resolver.add(result)
    return resolver.finish()


class Assignment(Mapping):
    """{(doc_id, claim index): source_id}, held as one tuple of source ids per article (the ids themselves shared)."""

    def __init__(self, by_doc: dict[str, tuple[str, ...]]):
        self.by_doc = by_doc

    def __getitem__(self, key: tuple[str, int]) -> str:
        doc_id, i = key
        return self.by_doc[doc_id][i]

    def __iter__(self) -> Iterator[tuple[str, int]]:
        return ((doc_id, i) for doc_id, sids in self.by_doc.items() for i in range(len(sids)))

    def __len__(self) -> int:
        return sum(len(sids) for sids in self.by_doc.values())


@dataclass(slots=True)
class _Tally:
    """What the mentions of one name (or one article's unnamed mention) tell of their source, summed as they stream past."""

    names: Counter = field(default_factory=Counter)
    surfaces: set = field(default_factory=set)
    types: Counter = field(default_factory=Counter)
    roles: dict = field(default_factory=dict)  # role, lower case → [times given, (doc_id, offset, n, role) of its first]

    def add(self, name: str, claim: AttributedClaim, mention: str, named: bool, doc_id: str, n: int) -> None:
        """One mention, the n-th of the corpus, named ``name`` in its article (its roles come n-th on equal offsets)."""
        self.names[name] += 1
        written = " ".join(claim.source.split())
        took_entity = mention != written
        rejected_entity = bool(claim.entity) and not took_entity and ids.normalise(claim.entity) != ids.normalise(written)
        for surface in ((claim.source, claim.entity) if took_entity else (claim.source,)):
            if surface and is_alias(surface):
                self.surfaces.add(" ".join(surface.split()))
        if claim.source_type:
            self.types[claim.source_type] += 1
        position = claim.source_start if claim.source_start is not None else claim.start
        given = [claim.role] if claim.role and not rejected_entity else []
        for k, role in enumerate(given + roles_in(claim.source, mention if named else "")):
            self.add_role(role, doc_id, position, (n, k))

    def add_role(self, role: str, doc_id: str, position: int, n: tuple[int, int]) -> None:
        """A role found at an offset of an article, in the corpus's order ``n`` (mention, then role within it); one that
        names no function is left out."""
        if not is_role(role):
            return
        role = " ".join(role.split()).strip(" ,")
        self._count_role(role.lower(), 1, (doc_id, position, n, role))

    def _count_role(self, lower: str, times: int, first: tuple) -> None:
        seen = self.roles.setdefault(lower, [0, first])
        seen[0] += times
        seen[1] = min(seen[1], first)

    def merge(self, other: _Tally) -> None:
        self.names.update(other.names)
        self.surfaces |= other.surfaces
        self.types.update(other.types)
        for lower, (times, first) in other.roles.items():
            self._count_role(lower, times, first)

    def role(self) -> str | None:
        """The most often given role that names a function (holds a title or role noun, not just "Mr."), earliest first on ties."""
        if not self.roles:
            return None
        return min(self.roles.values(), key=lambda v: (-v[0], v[1][:3]))[1][3]


class Resolver:
    """Speaker mentions, one article at a time → sources, holding per article only its source ids.

    Within an article, a named mention's key is its fullest name in that article, and a definite
    description ("the chief doctor") is the one named source with that role there; what each key's
    mentions tell is tallied as they come. Across articles, at the end, names that are forms of one another
    (``merge_names``) join one source, and a description no name of its article owns may take the one
    of its event. Memory grows with the distinct names and unnamed sources, not with the mentions."""

    def __init__(self):
        self.tallies: dict[tuple[str, bool], _Tally] = {}  # (article-level key, named) → its mentions' tally
        self.keys: dict[tuple[str, bool], int] = {}  # the same keys, numbered in order of first mention
        self.by_doc: dict[str, tuple[int, ...]] = {}  # doc_id → each claim's key number
        self.event_roles: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self.pending: list[tuple[str, int, str, str, AttributedClaim, str]] = []  # descriptions the event's names may own
        self.mentions_seen = 0

    def _number(self, key: tuple[str, bool]) -> int:
        return self.keys.setdefault(key, len(self.keys))

    def _tally(self, key: tuple[str, bool], claim: AttributedClaim, mention: str, doc_id: str) -> None:
        name = key[0] if key[1] else mention
        self.tallies.setdefault(key, _Tally()).add(name, claim, mention, key[1], doc_id, self.mentions_seen)
        self.mentions_seen += 1

    def add(self, result: ArticleResult) -> None:
        """One article's claims → their article-level keys, tallied; the article's key numbers kept."""
        doc_id, event = result.article.doc_id, result.article.event
        mentions = [(i, claim, mention_of(claim)) for i, claim in enumerate(result.claims)]
        # a named mention's key is its fullest name in the article (found once per distinct name, among the
        # distinct names in order of first mention: a repeated name never replaces its first)
        distinct: dict[tuple[str, ...], list[str]] = {}
        for _, _, mention in mentions:
            if is_named(mention):
                words = name_tokens(mention)
                distinct.setdefault(tuple(words), words)
        names = list(distinct.values())
        fullest: dict[tuple[str, ...], str] = {}
        keys: list[tuple[str, bool]] = []
        for _, _, mention in mentions:
            if is_named(mention):
                words = tuple(name_tokens(mention))
                if words not in fullest:
                    fullest[words] = " ".join(fullest_name(list(words), names))
                keys.append((fullest[words], True))
            else:
                keys.append((f"{doc_id}::{ids.normalise(mention)}", False))
        doc_roles: dict[str, set[str]] = defaultdict(set)
        for (_, claim, mention), (key, named) in zip(mentions, keys):
            if named:
                for role in ([claim.role] if claim.role else []) + roles_in(claim.source, mention):
                    role_key = ids.normalise(_strip_article(role))
                    doc_roles[role_key].add(key)
                    if event:
                        self.event_roles[event][role_key].add(key)
        numbers = []
        for (i, claim, mention), key in zip(mentions, keys):
            if not key[1] and (m := DEFINITE_RE.match(mention)):
                role_key = ids.normalise(m.group(1))
                owners = doc_roles.get(role_key, set())
                if len(owners) == 1:
                    key = (next(iter(owners)), True)
                elif not owners and event:  # the event's named sources decide, once every article is in
                    self.pending.append((doc_id, self.mentions_seen, role_key, event, claim, mention))
                    self.mentions_seen += 1
                    numbers.append(-len(self.pending))
                    continue
            numbers.append(self._number(key))
            self._tally(key, claim, mention, doc_id)
        self.by_doc[doc_id] = tuple(numbers)

    def finish(self) -> tuple[list[Source], Assignment]:
        """Every article added → (sources sorted by id, the assignment of each claim to its source)."""
        settled: list[int] = []
        for doc_id, n, role_key, event, claim, mention in self.pending:
            owners = self.event_roles[event].get(role_key, set())
            key = (next(iter(owners)), True) if len(owners) == 1 else (f"{doc_id}::{ids.normalise(mention)}", False)
            settled.append(self._number(key))
            name = key[0] if key[1] else mention
            self.tallies.setdefault(key, _Tally()).add(name, claim, mention, key[1], doc_id, n)
        self.pending.clear()
        target = merge_names(sorted({key for key, named in self.tallies if named}))
        groups: dict[str, _Tally] = {}
        group_named: dict[str, bool] = {}
        group_of: dict[int, str] = {}
        for (key, named), number in self.keys.items():
            gkey = ids.normalise(target[key]) if named else key
            group_of[number] = gkey
            group_named[gkey] = named
            tally = self.tallies.get((key, named))
            if tally is not None:
                groups.setdefault(gkey, _Tally()).merge(tally)
        sources: list[Source] = []
        source_of_group: dict[str, str] = {}
        for gkey, g in groups.items():
            named = group_named[gkey]
            name = min(g.names, key=lambda n: (len(n.split()) < 2, -g.names[n], -len(n.split()), n))
            role = g.role()
            sid = ids.source_id(("n:" + ids.normalise(name)) if named else ("g:" + gkey))
            source_of_group[gkey] = sid
            aliases = tuple(sorted(s for s in g.surfaces if s != name))
            sources.append(Source(sid, name, aliases, source_type_of(name, g.types, named), role, affiliation_of(name, role)))
        sid_of = {number: source_of_group[gkey] for number, gkey in group_of.items()}
        by_doc = {doc_id: tuple(sid_of[n if n >= 0 else settled[-n - 1]] for n in numbers) for doc_id, numbers in self.by_doc.items()}
        self.tallies.clear()
        self.by_doc.clear()
        return sorted(sources, key=lambda s: s.source_id), Assignment(by_doc)


def is_alias(surface: str) -> bool:
    """True for a name worth keeping as an alias: not a pronoun, holds a real word."""
    s = surface.strip()
    return s.lower() not in REFERRING_PRONOUNS and bool(re.search(r"[^\W\d_]{2,}", s)) and s.lower() not in ("'s", "’s")


def pick_role(roles: list[tuple[str, int, str]]) -> str | None:
    """(doc_id, offset, role) found for a source, in the order found → the most often given role that names a
    function (holds a title or role noun, not just "Mr."), earliest first on ties."""
    tally = _Tally()
    for n, (doc_id, position, role) in enumerate(roles):
        tally.add_role(role, doc_id, position, (n, 0))
    return tally.role()


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


def source_type_of(name: str, types: Counter, named: bool) -> str:
    """A source's name, the types its mentions were given and whether it is named → person / organization / group / anonymous."""
    if types:
        best = min(types, key=lambda t: (-types[t], t))
        # a source the text names is not anonymous ("a protester named Marat")
        return "person" if best == "anonymous" and named else best
    if not named:
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
