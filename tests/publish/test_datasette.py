"""Datasette on the SQLite export, seen in headless Chromium: a claim's page shows the claim, its source and its evidence.

Needs the test dependencies datasette and playwright (pip) and the system's Chromium
(/usr/bin/chromium; Debian: `apt-get install -y chromium chromium-driver`, which .ci/run does).
Datasette listens on 127.0.0.1 on a free port, is waited for at most 60 s and always stopped.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from synthetic import write_synthetic

from pipeline import load_dataset
from pipeline.publish.export import claim_reviews
from pipeline.publish.sqlite import write_sqlite

CHROMIUM = Path(os.environ.get("KZ_CLAIMS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
CLAIM = "c000000000000"  # synthetic: "the bridge was closed on Monday", two evidence links
pytest.importorskip("datasette", reason="Datasette is a test dependency: pip install -e '.[test]'")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is a test dependency: pip install -e '.[test]'")
pytestmark = pytest.mark.skipif(not CHROMIUM.is_file(), reason=f"no Chromium at {CHROMIUM}: install it with "
                                "`apt-get update && apt-get install -y chromium chromium-driver` (as .ci/run does)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def server(tmp_path):
    """Datasette serving the synthetic dataset's export; yields (base address, dataset, log path); always stopped."""
    ds = load_dataset(write_synthetic(tmp_path / "syn"))
    db, meta = write_sqlite(ds, tmp_path / "export")
    port = free_port()
    log = tmp_path / "datasette.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "datasette", "serve", str(db), "-m", str(meta), "-h", "127.0.0.1", "-p", str(port)],
                                stdout=out, stderr=subprocess.STDOUT, cwd=tmp_path)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/-/versions.json", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"Datasette did not start on {base}:\n{log.read_text(errors='replace')}")
                time.sleep(0.25)
        yield base, ds, log
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def ink(png: bytes, box: dict) -> float:
    """A screenshot and an element's box → the share of pixels in the box that differ from the page's white background."""
    from io import BytesIO

    from PIL import Image

    img = Image.open(BytesIO(png)).convert("L")
    crop = img.crop((int(box["x"]), int(box["y"]), int(box["x"] + box["width"]), int(box["y"] + box["height"])))
    pixels = crop.tobytes()
    return sum(1 for p in pixels if p < 200) / max(len(pixels), 1)


def test_claim_page_shows_the_claim_its_source_and_its_evidence(server, tmp_path):
    base, ds, log = server
    review = next(r for r in claim_reviews(ds, f"{base}/dataset/claim?claim_id=") if r["identifier"] == CLAIM)
    claim = ds.claims_with_sources().set_index("claim_id").loc[CLAIM]
    evidence = list(ds.evidence_for(CLAIM)["evidence_text"])
    shot = Path(os.environ.get("KZ_CLAIMS_SCREENSHOT_DIR", tmp_path)) / "datasette-claim.png"
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(review["url"], wait_until="load", timeout=30_000)  # the ClaimReview item's own url
            html = page.content()
            png = page.screenshot(path=str(shot), full_page=True)
            shown = {}
            for label, text in [("claim", claim["content"]), ("source", claim["source_name"]), *(("evidence", e) for e in evidence)]:
                cell = page.locator("td", has_text=text).first
                assert cell.is_visible(), f"{label} {text!r} is not visible on {review['url']}"
                shown[text] = cell.bounding_box()
        finally:
            browser.close()
    for text in [claim["content"], claim["source_name"], *evidence]:
        assert text in html
        assert ink(png, shown[text]) > 0.01, f"{text!r}: its cell is blank in the screenshot {shot}"
    assert "A claim, its source and its evidence" in html and str(claim["evidence_status"]) in html
    assert shot.stat().st_size > 10_000


def test_foreign_keys_are_labelled_links_and_evidence_links_back(server):
    base, ds, _ = server
    claim = ds.claims_with_sources().set_index("claim_id").loc[CLAIM]
    with urllib.request.urlopen(f"{base}/dataset/claims?claim_id={CLAIM}", timeout=10) as r:
        table = r.read().decode("utf-8")
    assert f'<a href="/dataset/sources/{claim["source_id"]}">{claim["source_name"]}</a>' in table  # foreign key as a labelled link
    with urllib.request.urlopen(f"{base}/dataset/claims/{CLAIM}", timeout=10) as r:
        row = r.read().decode("utf-8")
    assert claim["content"] in row
    assert f'href="/dataset/evidence?claim_id={CLAIM}"' in row  # the claim's evidence rows, linked from its row page
