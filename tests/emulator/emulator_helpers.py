"""Shared data of the emulator tests."""

PM_PATH = "postmortems/2026-03-01-db-outage.md"
# new file lines 1-4 in hunk 1 (line 2 added), lines 10-13 in hunk 2 (11, 12 added; old line 10 deleted)
PATCH = (
    "@@ -1,3 +1,4 @@\n"
    " # DB outage\n"
    "+Summary: the primary ran out of disk.\n"
    " \n"
    " ## Timeline\n"
    "@@ -9,4 +10,5 @@ ## Timeline\n"
    " 10:00 alert fired\n"
    "-10:05 Bob restarted it\n"
    "+10:05 the on-call engineer restarted it\n"
    "+10:07 disk cleaned\n"
    " 10:30 resolved\n"
    " \n"
)

REPO = "/repos/octo-org/postmortems"
