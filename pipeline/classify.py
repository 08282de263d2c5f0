"""Classify: a claim's content → check-worthiness and AVeriTeC claim type (codebook section 3)."""
from __future__ import annotations

import re

NOT_CHECKWORTHY_RE = re.compile(
    r"\b(will|would|shall|should|must|ought to|intend|intends|plan to|going to|let's|let us|"
    r"i think|i believe|i feel|we believe|in my (view|opinion)|can not understand|cannot understand)\b",
    re.I,
)
NUMBER_RE = re.compile(r"\d|\b(percent|dozens?|hundreds?|thousands?|millions?|billions?|half|twice)\b", re.I)
CAUSAL_RE = re.compile(r"\b(because|blam\w*|caused?|due to|led to|leading to|result(ed)? in|responsible)\b", re.I)


def is_checkworthy(content: str) -> bool:
    """Claim content → True for a factual assertion evidence could confirm or refute."""
    text = content.strip()
    if text.endswith("?"):
        return False
    return not NOT_CHECKWORTHY_RE.search(text)


def claim_type(content: str, quote_type: str) -> str:
    """Claim content and quote type → one of vocab.CLAIM_TYPES."""
    if CAUSAL_RE.search(content):
        return "causal"
    if NUMBER_RE.search(content):
        return "numerical"
    if quote_type == "direct":
        return "quote_verification"
    return "event_property"
