#!/usr/bin/env python3
"""Docker entry point of the pmcheck Action: run pmcheck.action.main with the runner's env.

The runner starts the container with the workspace mounted at GITHUB_WORKSPACE, the inputs as
INPUT_<NAME> variables and the event at GITHUB_EVENT_PATH; the exit code is the check result.
"""

import sys

from pmcheck.action.main import main

if __name__ == "__main__":
    sys.exit(main())
