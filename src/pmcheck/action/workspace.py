"""Read postmortems from the checkout (GITHUB_WORKSPACE) without trusting the pull request.

A pull request controls the files in the checkout, including symlinks. Only regular files that
lie inside the workspace are read: every path component is checked with lstat (no symlinks
anywhere on the way), the real path must stay inside the workspace's real path, the final open
uses O_NOFOLLOW, and files above a size cap are refused. Nothing from the PR is executed.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath

MAX_BYTES = 1024 * 1024


class WorkspaceError(ValueError):
    """A file may not be read; the message names the path and the reason."""


def safe_path(workspace: Path, relative: str) -> Path:
    """The absolute path of `relative` inside `workspace`, or WorkspaceError."""
    rel = PurePosixPath(relative.replace("\\", "/"))
    if rel.is_absolute() or not rel.parts or any(p in ("..", "") for p in rel.parts):
        raise WorkspaceError(f"{relative}: not a relative path inside the workspace")
    root = Path(os.path.realpath(workspace))
    current = root
    for part in rel.parts:
        current = current / part
        try:
            info = os.lstat(current)
        except FileNotFoundError:
            raise WorkspaceError(f"{relative}: no such file in the workspace") from None
        except OSError as exc:
            raise WorkspaceError(f"{relative}: cannot be read ({exc.strerror})") from None
        if stat.S_ISLNK(info.st_mode):
            raise WorkspaceError(f"{relative}: is or passes through a symbolic link; "
                                 "pmcheck reads only regular files")
    if not stat.S_ISREG(info.st_mode):
        raise WorkspaceError(f"{relative}: not a regular file")
    real = Path(os.path.realpath(current))
    if real != root and root not in real.parents:
        raise WorkspaceError(f"{relative}: resolves outside the workspace")
    return current


def matching_files(workspace: Path, patterns: tuple[str, ...],
                   exclude: tuple[str, ...] = ()) -> list[str]:
    """Workspace-relative POSIX paths of the files (and links, refused when read) that match
    any of `patterns` (relative globs, ``**`` spanning directories) and no `exclude` glob
    (the config's `exclude:`, as the CLI applies it), sorted, each once."""
    from pmcheck.globs import excluded

    root = Path(workspace)
    found = {p.relative_to(root).as_posix() for pattern in patterns
             for p in root.glob(pattern) if p.is_file() or p.is_symlink()}
    return sorted(f for f in found if not excluded(f, exclude))


def read_text(workspace: Path, relative: str, max_bytes: int = MAX_BYTES) -> str:
    """The UTF-8 text of a regular file inside the workspace (BOM dropped, newlines kept)."""
    data = read_bytes(workspace, relative, max_bytes)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise WorkspaceError(f"{relative}: not UTF-8 text (byte {exc.start})") from None


def read_bytes(workspace: Path, relative: str, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file inside the workspace, refusing links, escapes and big files."""
    path = safe_path(workspace, relative)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise WorkspaceError(f"{relative}: cannot be opened ({exc.strerror})") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise WorkspaceError(f"{relative}: not a regular file")
        if info.st_size > max_bytes:
            raise WorkspaceError(f"{relative}: {info.st_size} bytes is above the "
                                 f"{max_bytes}-byte limit; postmortems are Markdown text")
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise WorkspaceError(f"{relative}: above the {max_bytes}-byte limit")
    return data
