"""Loaded by every Python child process of the test run (the CLI, killed ingests, worker
pools), which find this directory on PYTHONPATH: the parse memo of ``tests/parse_memo.py``,
shared with the test processes through the directory they name."""

import os
import sys
from pathlib import Path

if os.environ.get("STORYWIRE_TEST_PARSE_DIR"):
    _tests = str(Path(__file__).resolve().parent.parent)
    sys.path.insert(0, _tests)
    try:
        import parse_memo

        parse_memo.install_on_import(Path(os.environ["STORYWIRE_TEST_PARSE_DIR"]))
    finally:
        sys.path.remove(_tests)
