"""The dataset's name, version and release date, and nowhere else.

pyproject.toml, the dataset card, the Croissant file, CITATION.cff (checked by a test)
and the release archives' names all read them from here.
"""
__version__ = "0.2.0"
RELEASE_DATE = "2026-12-01"  # ISO 8601 date of the release of __version__
DATASET_NAME = "kz-claims"
# Where the dataset is published (its Hugging Face Hub page, the format of its card): the
# Croissant file's url and the citation's. Change it here if the dataset moves.
DATASET_URL = "https://huggingface.co/datasets/kz-claims/kz-claims"
