"""The bundled demo corpus (original fiction written for storywire; see README.md here)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def corpus_path() -> Path:
    """Folder of the demo corpus inside the installed package."""
    return Path(str(resources.files("storywire.demo") / "corpus"))


def truth_path() -> Path:
    """The demo's ground truth: which article copies which, which belong to one story."""
    return Path(str(resources.files("storywire.demo") / "truth.json"))
