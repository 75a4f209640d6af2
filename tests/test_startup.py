"""The CLI starts without loading the heavy stages: `--help` and `--version` stay instant.

Time is measured in `make bench`; here the test checks the cause, which cannot flake: which
modules a bare CLI start imports.
"""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("trafilatura", "sklearn", "scipy", "spacy", "numpy", "httpx", "lingua", "rensa",
         "fastapi", "dateparser", "courlan", "storywire.pipeline", "storywire.stories",
         "storywire.copies")


def _loaded_after(code: str) -> set[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True).stdout.splitlines()[-1]
    return set(json.loads(out))


def test_cli_start_imports_no_heavy_module():
    loaded = _loaded_after("import storywire.cli")
    assert not [name for name in HEAVY if name in loaded]


def test_version_and_help_run_without_heavy_modules():
    code = ("import sys\nfrom storywire.cli import main\n"
            "for args in (['--version'], ['--help'], ['ingest', '--help']):\n"
            "    try:\n        main(args, standalone_mode=False)\n"
            "    except SystemExit:\n        pass")
    loaded = _loaded_after(code)
    assert not [name for name in HEAVY if name in loaded]


def test_version_lives_apart_from_the_package():
    from storywire import __version__
    from storywire._version import __version__ as alone

    assert __version__ == alone
    assert not [name for name in HEAVY if name in _loaded_after("import storywire")]
