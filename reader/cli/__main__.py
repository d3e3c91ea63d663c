"""``python -m reader.cli``: the same as ``reader-cli``."""

import sys

from reader.cli import main

if __name__ == "__main__":
    sys.exit(main())
