"""Read a postmortem file from disk into text, with notes for anything odd about the bytes.

Never raises for content problems: binary files, files over the size cap, non-UTF-8 bytes and
symlinks (when refused) become notes ``(line, code, message)`` that the linter turns into
``document.*`` findings. Only an OS error (missing file, permission) raises ``OSError``.
"""

from __future__ import annotations

import os
from pathlib import Path

MAX_BYTES = 1024 * 1024  # 1 MiB

Note = tuple[int, str, str]


def read_source(path: Path, *, max_bytes: int = MAX_BYTES,
                allow_symlinks: bool = True) -> tuple[str | None, list[Note]]:
    """Return (text or None, notes). Text is None when the file must not be parsed."""
    path = Path(path)
    if not allow_symlinks and path.is_symlink():
        return None, [(1, "symlink", "file is a symbolic link; pmcheck does not follow links here")]
    size = os.stat(path).st_size
    if size > max_bytes:
        return None, [(1, "too-large",
                       f"file is {size:,} bytes, over the {max_bytes:,}-byte limit; "
                       "split it into smaller files (the limit is fixed)")]
    with open(path, "rb") as fh:
        data = fh.read(max_bytes + 1)
    return decode(data)


def decode(data: bytes) -> tuple[str | None, list[Note]]:
    """Decode bytes as UTF-8 (BOM allowed); report binary content and undecodable bytes."""
    if b"\0" in data[:8192]:
        return None, [(1, "binary", "file looks binary (contains NUL bytes); not a Markdown text")]
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    data = data[bom:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        text = data.decode("utf-8", errors="replace")
        offset = exc.start + bom  # in the file, as a hex editor shows it
        return text, [(line, "encoding",
                       f"byte 0x{data[exc.start]:02x} at offset {offset} is not valid UTF-8; "
                       "save the file as UTF-8 (invalid bytes were read as \ufffd)")]
