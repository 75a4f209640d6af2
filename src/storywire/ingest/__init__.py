"""Ingest stage: inputs (files, folders, archives) to captures, or precise input errors."""

from storywire.ingest.errors import InputError, InputNotice
from storywire.ingest.files import DEFAULT_MAX_BYTES, InputFile, discover, file_format, read_file

__all__ = ["DEFAULT_MAX_BYTES", "InputError", "InputFile", "InputNotice", "discover",
           "file_format", "read_file"]
