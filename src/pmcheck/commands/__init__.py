"""Click commands that live outside ``pmcheck.cli`` (registered there with ``add_command``).

Each module keeps its imports light at import time: ``pmcheck check`` must not import PyGithub.
"""
