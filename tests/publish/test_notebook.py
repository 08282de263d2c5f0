"""The example notebook runs top to bottom in a fresh kernel of this interpreter (.venv), with no network."""
from __future__ import annotations

import sys

import nbformat
import pytest
from conftest import ROOT
from nbclient import NotebookClient

pytestmark = pytest.mark.slow  # whole builds with the model, or subprocesses (make test-fast skips them)

NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"
KERNEL = "kz-claims-test"


@pytest.fixture()
def venv_kernel(tmp_path, monkeypatch) -> str:
    """A kernelspec for this very interpreter, found first on JUPYTER_PATH (no user or system kernel can shadow it)."""
    from ipykernel.kernelspec import install

    install(kernel_name=KERNEL, prefix=str(tmp_path))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "share" / "jupyter"))
    from jupyter_client.kernelspec import KernelSpecManager

    assert KernelSpecManager().get_kernel_spec(KERNEL).argv[0] == sys.executable
    return KERNEL


def test_example_notebook_runs_top_to_bottom(venv_kernel):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(nb, timeout=180, kernel_name=venv_kernel, resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any("image/png" in o.get("data", {}) for o in outputs), "the chart was not drawn"


def test_committed_notebook_has_its_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.execution_count for c in code)
    assert all(c.outputs for c in code)
    assert any("image/png" in o.get("data", {}) for c in code for o in c.outputs)
