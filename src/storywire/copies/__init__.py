"""Copy detection: fold exact, near, excerpt and reworded copies under their original.

``CopyLinker.link`` runs inside the ingest pipeline for each new article; ``detect.compare``
is the pure verdict for two articles; ``copy_trees``/``render`` show the result.
docs/copies.md explains the design and gives the measured figures.
"""

from __future__ import annotations

from storywire.copies.align import AlignedPair, Alignment, align
from storywire.copies.detect import KINDS, DetectOptions, TextFeatures, Verdict, compare, features
from storywire.copies.fingerprint import (
    Banding,
    Fingerprint,
    FingerprintOptions,
    fingerprint,
)
from storywire.copies.link import CopyIndex, CopyLinker, CopyOptions, CopySchemeError
from storywire.copies.origin import Claim, claimed_origin, claims, original_of
from storywire.copies.tree import CopyTree, build_tree, copy_trees, render

__all__ = [
    "KINDS",
    "AlignedPair",
    "Alignment",
    "Banding",
    "Claim",
    "CopyIndex",
    "CopyLinker",
    "CopyOptions",
    "CopySchemeError",
    "CopyTree",
    "DetectOptions",
    "Fingerprint",
    "FingerprintOptions",
    "TextFeatures",
    "Verdict",
    "align",
    "build_tree",
    "claimed_origin",
    "claims",
    "compare",
    "copy_trees",
    "features",
    "fingerprint",
    "original_of",
    "render",
]
