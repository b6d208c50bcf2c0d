"""An accepted file into the landing zone: written whole or not at all (a temporary file in a hidden folder the
landing scan skips, flushed to disk, then renamed into place), under a name the portal chooses, with a manifest
beside it that the loader reads into audit.loads.submitted_by (warehouse/landing.py)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from warehouse.landing import PORTAL_MANIFESTS, fsync_dir


def landing_name(submission_id: int, department_code: str, period_label: str, suffix: str) -> str:
    """Only the portal's own words: the submission number, the account's department code, the period as the reader
    normalised it (letters, digits and '-'), never the name the browser sent."""
    safe_period = "".join(c for c in period_label if c.isascii() and (c.isalnum() or c == "-"))[:32]
    parts = ["portal", f"{submission_id:06d}", department_code, safe_period]
    return "-".join(part for part in parts if part) + suffix


def deliver(held: Path, folder: Path, name: str, manifest: dict) -> Path:
    hidden = folder / PORTAL_MANIFESTS
    hidden.mkdir(parents=True, exist_ok=True)
    # The manifest first: the loader finds it whenever it finds the file.
    _write(hidden / f"{name}.json", json.dumps(manifest, ensure_ascii=False).encode("utf-8"), hidden)
    staging = hidden / f".{name}.tmp"
    with open(held, "rb") as source, open(staging, "wb") as target:
        shutil.copyfileobj(source, target)
        target.flush()
        os.fsync(target.fileno())
    os.replace(staging, folder / name)
    fsync_dir(folder)
    return folder / name


def _write(path: Path, content: bytes, staging_dir: Path) -> None:
    staging = staging_dir / f".{path.name}.tmp"
    with open(staging, "wb") as file:
        file.write(content)
        file.flush()
        os.fsync(file.fileno())
    os.replace(staging, path)
    fsync_dir(staging_dir)
