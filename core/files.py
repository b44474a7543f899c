"""Files an officer hands the program — a document's text, a ledger, a holiday schedule, a
circulating copy: only a regular file of bounded size, read as UTF-8, or as GB18030 (what older
government systems and Chinese Windows still save in), converted with a notice. And files the
program writes: whole or not at all, whatever stops it half-way."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from core.chinese import INVISIBLE
from core.errors import InvalidInput

# A gazette issue is a few hundred KB, a year's ledger a few MB; anything past this is not the
# file the officer meant (a disk image, a video) and would only exhaust memory.
MAX_BYTES = 32 * 1024 * 1024
UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class TextFile:
    path: Path
    text: str
    encoding: str  # "UTF-8" or "GB18030"

    @property
    def notice(self) -> str | None:
        if self.encoding == "UTF-8":
            return None
        return f"提示：{self.path} 不是 UTF-8 编码，已按 {self.encoding} 读取并转换"


def stamp(path: Path) -> int | None:
    """When the file last changed (None when it does not exist): the key under which data parsed
    from a catalogs/ file is kept until the file changes."""
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        return None


def regular(path: Path, field: str = "file", limit: int = MAX_BYTES) -> Path:
    """`path` if it is a regular file no larger than `limit`, else InvalidInput naming `field` and
    saying what the path is instead (a Word or PDF file is checked so before a library opens it)."""
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InvalidInput(field, f"文件 {path} 不存在") from None
    except OSError as exc:
        raise InvalidInput(field, f"无法读取 {path}：{_why(exc)}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InvalidInput(field, f"{path} 是一个文件夹，请指定其中的文件")
    if not stat.S_ISREG(info.st_mode):
        # A device or a pipe: /dev/zero never ends, a FIFO blocks on open.
        raise InvalidInput(field, f"{path} 不是普通文件（设备或管道），请指定一个文本文件")
    if info.st_size > limit:
        raise InvalidInput(field, f"文件 {path} 过大（{_mb(info.st_size)}），上限为 {_mb(limit)}")
    return path


def read_text(path: Path, field: str = "file", limit: int = MAX_BYTES) -> TextFile:
    """The text of `path`, or InvalidInput naming `field` and saying what the path is instead."""
    path = regular(path, field, limit)
    try:
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise InvalidInput(field, f"无法读取 {path}：{_why(exc)}") from None
    if len(data) > limit:  # grew while being read
        raise InvalidInput(field, f"文件 {path} 过大，上限为 {_mb(limit)}")
    return decode(data, path, field)


def decode(data: bytes, path: Path, field: str = "file") -> TextFile:
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM):]
    try:
        return TextFile(path, data.decode("utf-8"), "UTF-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    # GB18030 maps almost any byte string to some text; binary data shows itself by control
    # characters and code points no document uses.
    if text is None or not _plausible(text):
        raise InvalidInput(field, f"{path} 不是文本文件（既非 UTF-8 也非 GB18030 编码）")
    return TextFile(path, text, "GB18030")


def _plausible(text: str) -> bool:
    return not INVISIBLE.search(text) and not any(unicodedata.category(ch) in ("Co", "Cn", "Cs") for ch in text)


def _why(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "符号链接循环指向自身"
    if isinstance(exc, PermissionError):
        return "没有读取权限"
    return os.strerror(exc.errno) if exc.errno else str(exc)


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


@contextlib.contextmanager
def replacing(path: Path, mode: int = 0o644) -> Iterator[Path]:
    """A path beside `path` to write to, moved into place (with `mode`) when the block ends without
    error: a reader, or a process killed half-way, never leaves or meets half a file."""
    path = Path(path)
    partial = path.with_name(f".{path.name}.partial")
    try:
        try:
            # Created with its mode before anything is written: personal data is never readable by
            # others, not even while it is being written.
            partial.unlink(missing_ok=True)
            os.close(os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, mode))
            yield partial
            os.chmod(partial, mode)
            with open(partial, "rb") as fh:
                os.fsync(fh.fileno())
        except OSError as exc:
            if exc.filename == str(partial):
                exc.filename = str(path)  # the officer named that file, not the one beside it
            raise
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def write_text(path: Path, text: str, mode: int = 0o644) -> None:
    with replacing(path, mode) as partial:
        partial.write_text(text, encoding="utf-8")


def write_bytes(path: Path, data: bytes, mode: int = 0o644) -> None:
    with replacing(path, mode) as partial:
        partial.write_bytes(data)
