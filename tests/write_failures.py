"""A real write failure for tests: a child process whose files may not grow past a limit.

``RLIMIT_FSIZE`` makes the kernel refuse a write past the limit (``EFBIG``), exactly as a full
disk refuses one mid-file, so the code under test meets a genuine ``OSError`` from ``write``.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import REPO


def run_with_file_size_limit(code: str, limit: int) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter that may write files of at most ``limit`` bytes."""
    if sys.platform == "win32":
        pytest.skip("file size limits are POSIX only")
    prelude = (
        "import resource, signal\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"  # an OSError instead of a kill
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))\n"
    )
    return subprocess.run([sys.executable, "-c", prelude + code], cwd=REPO,
                          capture_output=True, text=True, check=False)
