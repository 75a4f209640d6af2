"""The shapes of an input report: where, and why; an error skips the input, a notice
says what a stored input lost."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class InputError:
    """An input that could not be read; the batch goes on without it."""

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


@dataclass(frozen=True)
class InputNotice:
    """An input that was stored but lost something on the way (a value that is not a
    date): said, so that nothing is dropped silently."""

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"
