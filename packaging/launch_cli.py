"""Entry script of the bundled command line (PyInstaller needs a file, not an entry point)."""

import sys

from reader.cli import main

sys.exit(main())
