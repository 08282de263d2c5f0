"""The seed articles carry what is known of their provenance; their texts are the seeds byte for byte."""
from __future__ import annotations

import re

import pyarrow.parquet as pq
import pytest
import yaml
from conftest import ROOT

DIPLOMAT, COPY = "001_0ec9f294b2e533db", "000_3924efaae52b3c14"


def front_matter(doc_id: str) -> tuple[str, dict, bytes]:
    data = (ROOT / "raw" / "articles" / f"{doc_id}.txt").read_bytes()
    m = re.match(rb"---\n(.*?\n)---\n", data, re.S)
    assert m, doc_id
    return m.group(1).decode("utf-8"), yaml.safe_load(m.group(1)), data[m.end():]


def test_the_diplomat_article_has_its_address_date_and_outlet():
    block, meta, _ = front_matter(DIPLOMAT)
    assert meta["url"] == "https://thediplomat.com/2019/06/kazakhstan-turns-a-blind-eye-to-the-opposition-riddle"
    assert meta["published"] == "2019-06" and meta["outlet"] == "The Diplomat"
    assert "searching the web for its opening sentences" in meta["source"] and "# Provenance:" in block


def test_the_reworded_copy_names_the_ap_story_not_its_address():
    block, meta, _ = front_matter(COPY)
    assert meta["url"] is None and meta["published"] is None  # the copy's own page and date are not known
    assert "Kazakhstan activists recall path from protest to bloodshed" in meta["source"]
    assert "Kirill Zarubin and Dasha Litvinova" in meta["source"] and "15 January 2022" in meta["source"]
    assert "not known" in meta["source"] and "apnews.com" not in block
    assert meta["outlet"] == "Ledes from the Land of Enchantment"


def test_the_dataset_carries_the_provenance():
    rows = {r["doc_id"]: r for r in pq.read_table(ROOT / "dataset" / "articles.parquet").to_pylist()}
    assert rows[DIPLOMAT]["url"].startswith("https://thediplomat.com/") and rows[DIPLOMAT]["published"] == "2019-06"
    assert rows[COPY]["url"] is None and "Associated Press" in rows[COPY]["provenance"]


@pytest.mark.parametrize("doc_id", [DIPLOMAT, COPY])
def test_texts_are_the_seeds_byte_for_byte(doc_id, shared_dir):
    _, _, body = front_matter(doc_id)
    assert body == (shared_dir / "seeds" / f"{doc_id}.txt").read_bytes()
