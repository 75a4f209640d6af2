"""Offline language identification with lingua.

lingua ships its models inside the wheel, so nothing is downloaded. Its low-accuracy mode
(trigram models only) is accurate on article-length text and keeps memory near 45 MB for the
languages below; the high-accuracy models of all 75 languages would take ~1.3 GB.
"""

from __future__ import annotations

import re
from functools import cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

# News languages storywire identifies (ISO 639-1 names as lingua spells them).
DEFAULT_LANGUAGES = (
    "ENGLISH", "FRENCH", "GERMAN", "SPANISH", "ITALIAN", "PORTUGUESE", "DUTCH", "RUSSIAN",
    "UKRAINIAN", "POLISH", "CZECH", "SLOVAK", "SWEDISH", "DANISH", "BOKMAL", "FINNISH",
    "TURKISH", "ARABIC", "PERSIAN", "HEBREW", "HINDI", "CHINESE", "JAPANESE", "KOREAN",
    "GREEK", "ROMANIAN", "HUNGARIAN", "CROATIAN", "BULGARIAN", "CATALAN", "INDONESIAN",
    "VIETNAMESE",
)
_LETTERS = re.compile(r"[^\W\d_]")
SAMPLE_CHARS = 1000  # ample for a confident answer; time grows with the sample


class LanguageIdentifier:
    """Detects the language of a text as an ISO 639-1 code; built once, reused per article."""

    def __init__(self, languages: tuple[str, ...] = DEFAULT_LANGUAGES,
                 min_chars: int = 20) -> None:
        chosen = [getattr(Language, name) for name in languages]
        self._detector: LanguageDetector = (
            LanguageDetectorBuilder.from_languages(*chosen).with_low_accuracy_mode().build()
        )
        self.min_chars = min_chars

    def identify(self, text: str) -> str | None:
        """ISO 639-1 code, or None when the text is too short or undecidable."""
        sample = text[:SAMPLE_CHARS]
        if len(_LETTERS.findall(sample)) < self.min_chars:
            return None
        found = self._detector.detect_language_of(sample)
        return found.iso_code_639_1.name.lower() if found else None

    def confidences(self, text: str, min_chars: int = 10) -> dict[str, float]:
        """ISO 639-1 code -> lingua's confidence (0-1) for ``text``; empty when too short."""
        if len(_LETTERS.findall(text)) < min_chars:
            return {}
        return {value.language.iso_code_639_1.name.lower(): value.value
                for value in self._detector.compute_language_confidence_values(
                    text[:SAMPLE_CHARS])}


@cache
def shared_identifier() -> LanguageIdentifier:
    """One identifier for the process: lingua's models load once (about a second)."""
    return LanguageIdentifier()
