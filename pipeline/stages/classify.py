"""Classify: a claim's content and cue → check-worthiness and AVeriTeC claim type (codebook section 3).

A claim is check-worthy when it asserts something evidence could confirm or refute:
events, numbers, quotes, causes, who did what. It is not when it is a question, a call
to action (told by its cue: "urged", "demanded", "called for"), an intention, threat or
prediction of the speaker ("We intend", "we will", "promised to give them guns"), a
hypothetical ("If the FBI wanted ..."), thanks, or an opinion, feeling or evaluation
("I think", "we are concerned", "you need a serious reason", "an excuse to"). The patterns are
data below; a modal counts only near the start of the content, where it governs the
main clause ("he would resign", not "... said that they wouldn't go").
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from .. import paths
from ..cues import plain
from ..records import Word

# Opinion, feeling and evaluation anywhere in the content.
OPINION: tuple[str, ...] = (
    r"\b(?:i|we) (?:do not |don't |did not |didn't |really |just |still )?(?:think|believe|feel|guess|suppose|hope|fear|doubt|reckon|wish|expect)\b",
    r"\bin (?:my|our) (?:view|opinion|judgment|judgement)\b",
    r"\b(?:i|we) (?:can ?not|can't|could not|couldn't) (?:understand|believe|imagine|accept)\b",
    r"\b(?:i|we)(?:'m|'re| am| are) (?:\w+ )?(?:concerned|worried|afraid|hopeful|confident|sure|convinced|proud|glad|happy|sorry)\b",
    r"\b(?:thank you|thanks to you|congratulations)\b",
    r"\bthe (?:sooner|later|more|less)\b.*\bthe (?:better|worse)\b",
    r"\b(?:obviously|clearly|surely|frankly|honestly|unfortunately|fortunately|hopefully)\b",
    r"\b(?:you|one) (?:need|needs|have to|has to|must|should|can't|cannot|can not)\b",
    r"\b(?:an|the|as an?|as the) (?:excuse|pretext)\b",
    r"\b(?:incomprehensible|unacceptable|outrageous|shameful|disgraceful|a disgrace|ridiculous|absurd|disgusting|"
    r"pathetic|horrible|terrible|wonderful|fantastic|amazing|tremendous|stupid|crazy|unbelievable|appalling|"
    r"deplorable|inexcusable|unforgivable|scandalous)\b",
    r"\b(?:had to|must have|should have|ought to have)\b",
    r"\bthis is (?:not )?(?:a|an|the) (?:\w+ )?(?:dispute|matter|question|issue|problem|story|fight|war|crisis)\b",
)

# Modals of intention, prediction and obligation: only where they govern the main clause.
MODAL: tuple[str, ...] = (
    r"\b(?:will|'ll|shall|would|should|must|ought to|won't|wouldn't|shouldn't|mustn't|might|may)\b",
    r"\b(?:am|is|are|'m|'re|'s) going to\b",
    r"\b(?:intend|intends|plan to|plans to|want|wants|hope to|hopes to|aim to|aims to|vow to|vows to|promise to|"
    r"pledge to|seek to|seeks to|will not|let's|let us|need to|needs to)\b",
)
# Content that is a plan, promise or call ("to give them guns") or a hypothetical ("If the FBI wanted ...").
UNREAL_START_RE = re.compile(r"^(?:to (?!date\b)[a-z]+\b|if\b|unless\b|suppose\b|imagine\b)", re.I)

MODAL_WINDOW = 6  # words from the start of the content in which a modal governs the main clause

# Cues that report a call to action or a demand rather than an assertion.
CALL_CUE_RE = re.compile(r"^(?:urg|demand|appeal|plead|implor|exhort|encourag|beg\b|begg|ask|request|order|instruct)", re.I)
CALL_FOR_RE = re.compile(r"^(?:for|on|upon)\b", re.I)
# A cue that already holds its preposition ("called for", "calls on Dean", "calling upon"): what follows is the call.
CALL_CUE_FOR_RE = re.compile(r"^call(?:s|ed|ing)?\s+(?:\w+\s+)*?(?:for|on|upon)\b", re.I)

OPINION_RE = re.compile("|".join(f"(?:{p})" for p in OPINION), re.I)
MODAL_RE = re.compile("|".join(f"(?:{p})" for p in MODAL), re.I)

NUMBER_RE = re.compile(r"\d|\b(percent|dozens?|hundreds?|thousands?|millions?|billions?|half|twice|tripled?|doubled?)\b", re.I)
CAUSAL_RE = re.compile(r"\b(because|blam\w*|caused?|due to|led to|leading to|result(ed)? in|responsible|thanks to|owing to)\b", re.I)
POSITION_CUE_RE = re.compile(
    r"^(?:reject|deny|denie|oppos|support|endors|back|criticiz|criticis|condemn|welcom|prais|dismiss|applaud|"
    r"denounc|slam|attack|defend|favou?r|disagree|agree)", re.I)


def is_call_to_action(content: str, cue: str | None) -> bool:
    """(content, cue) → True when the cue reports a call or demand ('urged people to'; 'called' + 'for a boycott',
    or the cue 'called for' + 'compensation to be clawed back')."""
    cue = (cue or "").strip().lower()
    return bool(CALL_CUE_RE.match(cue) or CALL_CUE_FOR_RE.match(cue)
                or (cue.startswith("call") and CALL_FOR_RE.match(content.strip())))


def is_checkworthy(content: str, cue: str | None = None) -> bool:
    """Claim content (and its cue) → True for a factual assertion evidence could confirm or refute."""
    text = plain(content).strip().strip('"').strip()
    if text.endswith("?") or is_call_to_action(text, cue):
        return False
    if OPINION_RE.search(text) or UNREAL_START_RE.match(text):
        return False
    head = " ".join(text.split()[:MODAL_WINDOW])
    return not MODAL_RE.search(head)


def claim_type(content: str, quote_type: str, cue: str | None = None) -> str:
    """Claim content, quote type and cue → one of vocab.CLAIM_TYPES."""
    if CAUSAL_RE.search(content) or (cue or "").lower().startswith("blam"):
        return "causal"
    if POSITION_CUE_RE.match((cue or "").strip()):
        return "position_statement"
    if NUMBER_RE.search(content):
        return "numerical"
    if quote_type == "direct":
        return "quote_verification"
    return "event_property"


# --- the learned check-worthiness model (trained by pipeline.stages.train_checkworthy) ---------

MODEL_PATH = paths.CHECKWORTHY_MODEL
MODALS = frozenset("will would shall should must may might can could ought".split())
FIRST_PERSON = frozenset("i we me us my our".split())
WORD_RE = re.compile(r"[a-z']+|\d+")


def claim_features(content: str, cue: str | None, words: Sequence[Word], text_of: Callable[[Word], str]) -> dict[str, float]:
    """A claim's content, cue and words (from the article's parse) → named features for the model.

    General grounds only, no topic words: the rule patterns above (question, call, opinion,
    modal near the start, hypothetical), person and mood, the main predicate's lemma, part of
    speech, auxiliaries and dependents, negation, figures and names, the cue's first word."""
    text = plain(content).strip().strip('"').strip().lower()
    tokens = WORD_RE.findall(text)
    f: dict[str, float] = {
        "question": float(text.endswith("?")), "rule": float(is_checkworthy(content, cue)),
        "call": float(is_call_to_action(content, cue)), "opinion": float(bool(OPINION_RE.search(text))),
        "modal_head": float(bool(MODAL_RE.search(" ".join(text.split()[:MODAL_WINDOW])))),
        "modal_any": float(bool(MODAL_RE.search(text))), "number": float(bool(re.search(r"\d", text))),
        "unreal": float(bool(UNREAL_START_RE.match(text))), "length": min(len(tokens), 40) / 40,
        "first_person": float(bool(FIRST_PERSON & set(tokens))), "you": float("you" in tokens),
        f"cue={(cue or '').lower().split()[0] if (cue or '').split() else ''}": 1.0,
    }
    for w in tokens[:2]:
        f[f"first={w}"] = 1.0
    starts = {w.start for w in words}
    roots = [w for w in words if w.head == w.start or w.head not in starts]
    f["roots"] = float(len(roots))
    if roots:
        r = roots[0]
        f[f"root_pos={r.pos}"] = f[f"root={r.lemma}"] = 1.0
        kids = [w for w in words if w.head == r.start and w is not r]
        f["imperative"] = float(r.pos == "VERB" and text_of(r).lower() == r.lemma and not any(k.dep in ("nsubj", "aux", "nsubjpass") for k in kids))
        for k in kids:
            if k.dep in ("aux", "auxpass"):
                f[f"aux={k.lemma}"] = 1.0
            elif k.dep == "neg":
                f["root_negated"] = 1.0
            elif k.dep in ("nsubj", "nsubjpass"):
                f[f"subject={k.lemma if k.pos == 'PRON' else k.pos}"] = 1.0
            elif k.dep in ("acomp", "attr", "xcomp", "ccomp", "advcl"):
                f[f"root_child={k.dep}_{k.pos}"] = 1.0
    n = max(1, len(words))
    f["adjectives"] = sum(w.pos == "ADJ" for w in words) / n
    f["names"] = min(sum(w.pos == "PROPN" for w in words), 5) / 5
    f["modal"] = float(any(w.lemma in MODALS and w.pos == "AUX" for w in words))
    f["past"] = float(any(w.pos in ("VERB", "AUX") and text_of(w).lower().endswith("ed") for w in words))
    return f


@dataclass(frozen=True)
class CheckworthyModel:
    """A logistic regression over named features and the content's embedding (weights as data)."""

    weights: dict[str, float]
    embedding: tuple[float, ...]
    bias: float

    def probability(self, features: dict[str, float], vector) -> float:
        """(features, the content's embedding) → P(check-worthy)."""
        return float(self.probabilities([features], np.asarray(vector, dtype=np.float32).reshape(1, -1))[0])

    def probabilities(self, features: Sequence[dict[str, float]], vectors: np.ndarray) -> np.ndarray:
        """(features of n claims, their (n, dim) embeddings) → P(check-worthy) of each: one matrix product for the
        embeddings' part, in float64, not a Python loop over 256 weights a claim."""
        z = np.array([self.bias + sum(self.weights.get(k, 0.0) * v for k, v in f.items()) for f in features], dtype=np.float64)
        if len(z):
            z += np.asarray(vectors, dtype=np.float64) @ np.asarray(self.embedding, dtype=np.float64)
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> CheckworthyModel | None:
    """The shipped model, or None when the file is absent (the rules alone decide then)."""
    if not Path(path).exists():
        return None
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return CheckworthyModel(data["weights"], tuple(data["embedding"]), data["bias"])


def checkworthy_claims(items: Sequence[tuple[str, str | None, Sequence[Word], Callable[[Word], str]]],
                       vectors: np.ndarray | None = None) -> list[bool]:
    """[(content, cue, words, text_of)] of one article's claims → check-worthy? for each (the model, else the rules).
    ``vectors``: the contents' embeddings where the caller has them already (``embed`` of the contents, in order)."""
    model = load_model()
    if model is None or not items:
        return [is_checkworthy(content, cue) for content, cue, *_ in items]
    if vectors is None:
        from .embed import embed

        vectors = embed([content for content, *_ in items])
    elif len(vectors) != len(items):
        raise ValueError(f"{len(vectors)} embeddings for {len(items)} claims")
    return [bool(p >= 0.5) for p in model.probabilities([claim_features(*item) for item in items], vectors)]
