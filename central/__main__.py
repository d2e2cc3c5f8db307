"""``python -m central``: see :mod:`central.cli`."""

import sys

from .cli import main

sys.exit(main())
