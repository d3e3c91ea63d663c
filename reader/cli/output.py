"""Helpers shared by command modules: JSON on stdout, progress on stderr."""

from __future__ import annotations

import json
import sys
from typing import Any


def print_json(value: Any) -> None:
    """Print ``value`` as UTF-8 JSON (Chinese kept readable) on stdout."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2))
    sys.stdout.write("\n")


def progress(message: str) -> None:
    """Report progress of long work on stderr, leaving stdout for results."""
    print(message, file=sys.stderr, flush=True)
