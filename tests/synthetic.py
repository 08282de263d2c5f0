"""A small hand-written dataset folder that uses every label of the vocabulary (for card, Croissant, loader tests)."""
from __future__ import annotations

import hashlib
from pathlib import Path

from pipeline import vocab
from pipeline.publish.metadata import write_metadata
from pipeline.run import write
from pipeline.schema import TABLES

TEXT_A = (
    "The mayor said the bridge was closed on Monday. Engineers confirmed the bridge was closed. "
    "A union leader said the workers were paid. The ministry said the workers were not paid. "
    "The council said the budget doubled. No evidence was shown that the budget doubled. "
    "The driver said the road flooded. He later said the road had not flooded. "
    "Residents said the river rose. A hydrologist said the river rose, but the agency said it did not. "
    "The governor said the school should reopen. A trader said prices rose."
)
TEXT_B = "Officials said the port reopened. The harbour master said the port reopened."


def _span(text: str, piece: str) -> tuple[int, int]:
    start = text.index(piece)
    return start, start + len(piece)


def rows() -> dict[str, list[dict]]:
    """→ rows for the four tables: one claim per evidence status, one evidence link per stance."""
    articles = [
        {"doc_id": d, "title": f"Story {d}", "outlet": "Test Gazette", "published": "2024-03-01", "url": f"https://example.org/{d}",
         "language": "en", "event": "test-event", "provenance": "written for the tests", "rights": "test text",
         "text": t, "text_sha256": hashlib.sha256(t.encode()).hexdigest()}
        for d, t in (("doc-a", TEXT_A), ("doc-b", TEXT_B))
    ]
    sources = [
        {"source_id": f"s{i:012x}", "name": f"Source {aff}", "aliases": [f"alias {i}"] if i % 2 else [],
         "source_type": vocab.SOURCE_TYPES[i % len(vocab.SOURCE_TYPES)], "role": None if i % 3 else "spokesperson", "affiliation": aff}
        for i, aff in enumerate(vocab.AFFILIATIONS)
    ]
    contents = [
        ("doc-a", "the bridge was closed on Monday", "supported", True),
        ("doc-a", "the workers were paid", "contradicted", True),
        ("doc-a", "the budget doubled", "unsupported", True),
        ("doc-a", "the road flooded", "retracted", True),
        ("doc-a", "the river rose", "disputed", True),
        ("doc-a", "the school should reopen", "not_checkable", False),
        ("doc-a", "prices rose", "unverified", True),
        ("doc-b", "the port reopened", "supported", True),
    ]
    claims = []
    for i, (doc, content, status, checkworthy) in enumerate(contents):
        text = TEXT_A if doc == "doc-a" else TEXT_B
        start, end = _span(text, content)
        claims.append({
            "claim_id": f"c{i:012x}", "claim_cluster_id": f"c{i:012x}", "doc_id": doc, "source_id": sources[i % len(sources)]["source_id"],
            "speaker_text": "someone", "speaker_start": None, "speaker_end": None, "cue": "said", "cue_start": None, "cue_end": None,
            "content": content, "content_start": start, "content_end": end, "sentence_index": i,
            "quote_type": vocab.QUOTE_TYPES[i % 3], "checkworthy": checkworthy,
            "claim_type": vocab.CLAIM_TYPES[i % len(vocab.CLAIM_TYPES)] if checkworthy else None,
            "evidence_status": status, "rule_evidence_status": status, "label_source": vocab.LABEL_SOURCES[i % 2],
            "status_rationale": f"Test rationale for {status}.",
            "averitec_label": vocab.AVERITEC_LABELS[status], "fever_label": vocab.FEVER_LABELS[status],
        })
    links = [
        ("c000000000000", "doc-a", "Engineers confirmed the bridge was closed.", "supports", None),
        ("c000000000001", "doc-a", "The ministry said the workers were not paid.", "contradicts", sources[1]["source_id"]),
        ("c000000000002", "doc-a", "No evidence was shown that the budget doubled.", "notes_absence", None),
        ("c000000000003", "doc-a", "He later said the road had not flooded.", "retracts", sources[3]["source_id"]),
        ("c000000000000", "doc-b", "The harbour master said the port reopened.", "supports", sources[7]["source_id"]),
    ]
    evidence = []
    for i, (cid, doc, piece, stance, src) in enumerate(links):
        text = TEXT_A if doc == "doc-a" else TEXT_B
        start, end = _span(text, piece)
        evidence.append({
            "evidence_id": f"e{i:012x}", "claim_id": cid, "stance": stance, "independent": src is None,
            "evidence_doc_id": doc, "evidence_start": start, "evidence_end": end, "evidence_text": piece,
            "evidence_source_id": src, "evidence_claim_id": None, "rationale": f"test {stance}",
        })
    return {"articles": articles, "sources": sources, "claims": claims, "evidence": evidence}


def write_synthetic(folder: Path, tables: dict[str, list[dict]] | None = None) -> Path:
    """Write the synthetic tables (or the given rows) as a complete dataset folder: Parquet, card, Croissant, checksums."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tables = tables or rows()
    for name, schema in TABLES.items():
        write.write_table(write.to_table(tables[name], schema), folder / f"{name}.parquet")
    write_metadata(folder)
    return folder
