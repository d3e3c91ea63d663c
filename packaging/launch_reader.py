"""Entry script of the bundled desktop app (PyInstaller needs a file, not an entry point)."""

import sys

from reader.app import main

sys.exit(main())
