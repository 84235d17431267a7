"""``python -m pmcheck`` runs the CLI."""

import sys

from pmcheck.launch import main

sys.exit(main())
