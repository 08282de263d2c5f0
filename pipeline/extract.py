"""Extract: a parsed Doc → attributed claims (minimal rule set; superseded by the full extractor)."""
from __future__ import annotations

from collections.abc import Iterator

from .records import AttributedClaim

SAY = {"say", "tell", "insist", "note", "claim", "add", "announce", "deny", "argue", "warn"}


def extract_claims(doc) -> Iterator[AttributedClaim]:
    """Doc → claims: a verb of saying with a subject and a clausal complement."""
    sent_index = {s.start: i for i, s in enumerate(doc.sents)}
    for tok in doc:
        if tok.lemma_ not in SAY:
            continue
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        comp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
        if subj is None or comp is None:
            continue
        span = doc[comp.left_edge.i : comp.right_edge.i + 1]
        text = span.text.strip(" ,.\"“”")
        if not text:
            continue
        start = doc.text.index(text, span.start_char)
        subj_span = doc[subj.left_edge.i : subj.right_edge.i + 1]
        yield AttributedClaim(
            source=subj_span.text, cue=tok.text, content=text, start=start, end=start + len(text),
            quote_type="indirect", sentence_index=sent_index[tok.sent.start],
            source_start=subj_span.start_char, source_end=subj_span.end_char,
            cue_start=tok.idx, cue_end=tok.idx + len(tok.text), entity=None,
        )
