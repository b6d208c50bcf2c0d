"""The landing zone as the loader sees it: which entries are files to read, which are not and why, and the
archive every file read is copied into first.

Nothing in the landing zone is trusted: a symbolic link or a device is never opened (its target could be anything
on the machine), a file is copied into the archive before it is parsed, and the parser reads that copy, so what
was hashed, what was kept and what was read are the same bytes. An entry swapped for a link or a FIFO between the
scan and the copy is refused when it is opened: never followed, never waited on. A name is recorded as its bytes
decode best (a name that is not UTF-8 is most likely GBK, from an archive unpacked on Chinese Windows), so that it
can be stored, shown and read; the file itself is opened by its bytes.
"""

from __future__ import annotations

import ctypes
import errno
import hashlib
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ingest.filetype import SUFFIX_KIND
from warehouse.crashpoints import crash_point
from warehouse.home import PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE

# Years of customs downloads run to 1.5 GB for ten million lines; a file far above that is not a submission.
MAX_FILE_BYTES = 4 * 1024**3
_BLOCK = 1 << 20
_SYNCFS = getattr(ctypes.CDLL(None, use_errno=True), "syncfs", None)  # Linux's; elsewhere os.sync does


class NotRegularFile(OSError):
    """The entry is no longer the regular file the scan found: a link, a FIFO or a device swapped in since."""

    MESSAGE = ("扫描之后被换成了快捷方式或非普通文件，不会被打开 "
               "(replaced by a link or not a regular file after the scan)")


def readable_name(name: str) -> str:
    """A name as its bytes decode best: itself when it is UTF-8; else GB18030, which reads the GBK names of Chinese
    Windows; else UTF-8 with each byte that is neither shown as \\xNN. The same bytes always give the same text."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        written = os.fsencode(name)
    try:
        return written.decode("gb18030")
    except UnicodeDecodeError:
        return written.decode("utf-8", errors="backslashreplace")


def fitting_name(name: str) -> str:
    """A readable name short enough to name a file again (255 bytes: a GBK name grows by half in UTF-8), its stem
    cut at the end: the readers look for the department and the period at its start."""
    suffix = Path(name).suffix if len(Path(name).suffix.encode()) < 32 else ""
    stem = name.removesuffix(suffix) if suffix else name
    while len((stem + suffix).encode()) > 255:
        stem = stem[:-1]
    return stem + suffix


@dataclass(frozen=True)
class LandingFile:
    path: Path  # as the file system names it, to open it
    relative: str  # to the source's landing folder, as readable_name shows it: what audit.loads.file_path holds
    size: int
    modified_ns: int


# Why an entry is not read; the first two are refusals an operator must see on files_readable, the others are
# listed beside it (a hidden or Office lock file, a type the zone does not take; `same_content` is the loader's).
REFUSED = ("not_a_regular_file", "too_large")
# The departments' portal writes, beside each file it delivers, <name>.json saying who sent it (portal/delivery.py);
# a hidden folder, so it is never read as a landing file, and not listed as one either.
PORTAL_MANIFESTS = ".portal"
_MANIFEST_BYTES = 64 * 1024


@dataclass(frozen=True)
class Skipped:
    relative: str
    reason: str  # not_a_regular_file | too_large | hidden | unsupported_type
    message: str
    size: int | None = None
    modified_ns: int | None = None

    @property
    def name(self) -> str:
        return Path(self.relative).name


def _skipped(relative: str, info: os.stat_result) -> Skipped | None:
    name = Path(relative).name
    if stat.S_ISLNK(info.st_mode):
        return Skipped(relative, "not_a_regular_file",
                       "快捷方式（符号链接）不会被打开，请把文件本身放进来 (a symbolic link is never followed)")
    if not stat.S_ISREG(info.st_mode):
        return Skipped(relative, "not_a_regular_file", "不是普通文件，不会被打开 (not a regular file: never opened)")
    if name.startswith((".", "~$")):
        return Skipped(relative, "hidden", "隐藏文件或Office临时文件，不读取 (a hidden or Office lock file: ignored)",
                       info.st_size, info.st_mtime_ns)
    if Path(name).suffix.lower() not in SUFFIX_KIND:
        return Skipped(relative, "unsupported_type",
                       f"只读取 {'、'.join(SUFFIX_KIND)} 文件 (not a file type the warehouse reads)",
                       info.st_size, info.st_mtime_ns)
    if info.st_size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 1024**3
        return Skipped(relative, "too_large", f"文件有{info.st_size / 1024**3:.1f} GB，超过每个文件{limit} GB的上限 "
                       f"(larger than the {limit} GB a file may be)", info.st_size, info.st_mtime_ns)
    return None


def scan(folder: Path) -> tuple[list[LandingFile], list[Skipped]]:
    """The files to consider, oldest first (a later resubmission replaces an earlier one), and the entries that
    will not be read, with the reason. Nothing is followed: a linked folder is listed, not entered."""
    files: list[LandingFile] = []
    skipped: list[Skipped] = []
    if not folder.is_dir():
        return files, skipped
    for directory, subfolders, names in os.walk(folder, followlinks=False):
        here = Path(directory)
        for entry in sorted(subfolders):
            relative = readable_name(str((here / entry).relative_to(folder)))
            info = os.lstat(here / entry)
            if stat.S_ISLNK(info.st_mode):
                skipped.append(_skipped(relative, info))
                subfolders.remove(entry)
            elif entry == PORTAL_MANIFESTS and here == folder:
                subfolders.remove(entry)
            elif entry.startswith("."):
                skipped.append(Skipped(relative, "hidden", "隐藏文件夹，不读取 (a hidden folder: ignored)"))
                subfolders.remove(entry)
        for name in names:
            path = here / name
            relative = readable_name(str(path.relative_to(folder)))
            info = os.lstat(path)
            if reason := _skipped(relative, info):
                skipped.append(reason)
            else:
                files.append(LandingFile(path, relative, info.st_size, info.st_mtime_ns))
    files.sort(key=lambda f: (f.modified_ns, f.relative))
    skipped.sort(key=lambda s: s.relative)
    return files, skipped


def submitted_by(path: Path) -> str | None:
    """The portal account that sent a landing file, from its manifest; None for a file dropped by hand."""
    try:
        descriptor = _open_regular(path.parent / PORTAL_MANIFESTS / f"{path.name}.json")
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as file:
        content = file.read(_MANIFEST_BYTES)
    try:
        login = json.loads(content).get("login")
    except (ValueError, AttributeError):
        return None
    return login if isinstance(login, str) else None


def _open_regular(path: Path) -> int:
    """A descriptor on a regular file itself. A link swapped in since the scan is refused by the kernel; a FIFO or a
    device is opened without waiting (O_NONBLOCK: a FIFO with no writer would hold the run for ever) and refused by
    what the descriptor itself is. Raises NotRegularFile."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise NotRegularFile(errno.ELOOP, NotRegularFile.MESSAGE, str(path)) from err
        raise
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise NotRegularFile(errno.EINVAL, NotRegularFile.MESSAGE, str(path))
    return descriptor


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with os.fdopen(_open_regular(path), "rb") as handle:
        while block := handle.read(_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def archive_path(archive_dir: Path, sha256: str, suffix: str) -> Path:
    return archive_dir / sha256[:2] / f"{sha256}{suffix.lower()}"


def archive(path: Path, archive_dir: Path) -> tuple[str, Path]:
    """Copy the file into the archive under its content hash, hashing as it copies; returns (sha256, copy).

    The copy is written under a temporary name and renamed, so a kill midway leaves no partial file under a hash
    name; a copy already there is checked and rewritten if its content is not what its name says. It is not yet on
    disk: the loader makes the run's copies durable at once (make_durable) before it records any of them.
    """
    archive_dir.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
    staging = archive_dir / f".incoming-{os.getpid()}{path.suffix.lower()}"
    digest = hashlib.sha256()
    try:
        with os.fdopen(_open_regular(path), "rb") as source:
            # Every submission is kept for ever: the copy is the service's user's and group's only, whatever the umask.
            private = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
            os.fchmod(private, PRIVATE_FILE_MODE)
            with os.fdopen(private, "wb") as copy:
                while block := source.read(_BLOCK):
                    digest.update(block)
                    copy.write(block)
                    crash_point("archive.copy")
    except Exception:
        # A full disk stays full while the half copy lies there: the run could not even record its failure.
        staging.unlink(missing_ok=True)
        raise
    sha = digest.hexdigest()
    target = archive_path(archive_dir, sha, path.suffix)
    if target.exists() and sha256_of(target) == sha:
        staging.unlink()
    else:
        target.parent.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
        os.replace(staging, target)
    return sha, target


def make_durable(folder: Path) -> None:
    """Everything written under `folder` (files, renames) flushed to disk by one syncfs of its file system: an
    fsync of every copy and of its folder cost far more (bench/README.md, departments)."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        if _SYNCFS is None:
            os.sync()
        elif _SYNCFS(descriptor) != 0:
            error = ctypes.get_errno()
            raise OSError(error, os.strerror(error), str(folder))
    finally:
        os.close(descriptor)


def fsync_dir(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def clear_staging(archive_dir: Path) -> None:
    """Remove what a killed run left half-copied."""
    if archive_dir.is_dir():
        for leftover in archive_dir.glob(".incoming-*"):
            leftover.unlink(missing_ok=True)


def folder_digest(folder: Path, pattern: str = "*") -> str:
    """A hash of the names and contents of a folder's files (the reference data: the same files, the same version)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]
