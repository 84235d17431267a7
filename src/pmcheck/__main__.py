"""``python -m pmcheck`` runs the CLI."""

import sys

from pmcheck.cli import main

sys.exit(main())
