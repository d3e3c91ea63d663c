"""Running code in a fresh interpreter: for real crashes, real write failures, clean imports.

``RLIMIT_FSIZE`` makes the kernel refuse a write past the limit (``EFBIG``), exactly as a full
disk refuses one mid-file, so the code under test meets a genuine ``OSError`` from ``write``.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import REPO


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` with this interpreter in the repository; capture its output as text."""
    return subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                          text=True, check=False)


def run_with_file_size_limit(code: str, limit: int) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter that may write files of at most ``limit`` bytes."""
    if sys.platform == "win32":
        pytest.skip("file size limits are POSIX only")
    return run_python(
        "import resource, signal\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"  # an OSError instead of a kill
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))\n" + code
    )
