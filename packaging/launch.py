"""Entry script of the bundle: one executable, two commands, chosen by the name it is run as.

On Linux the bundle's ``reader-cli`` is a link to ``reader`` (one copy of the Python archive
instead of two); elsewhere each command is its own executable built from this script.
"""

import sys
from pathlib import Path

if Path(sys.argv[0]).name.startswith("reader-cli"):
    from reader.cli import main
else:
    from reader.app import main

sys.exit(main())
