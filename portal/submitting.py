"""A submission from upload to landing zone: the upload kept under the portal's own name, its verdict, the record
in the portal's database, and, once the person confirms, the file delivered to the landing zone."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ingest.filetype import SUFFIX_KIND
from ingest.forms.reference import Reference, load_reference
from portal import delivery, verdict
from portal.models import Submission
from portal.published import Published
from warehouse.home import Paths
from warehouse.landing import folder_digest

PATHS = Paths(settings.HOME)
HELD = settings.PORTAL_DIR / "held"  # uploads kept for their verdict page, marked workbook and sending
MARKED = settings.PORTAL_DIR / "marked"

_reader: verdict.Reader | None = None
_reference: tuple[str, Reference] | None = None
_lock = threading.Lock()


def reader() -> verdict.Reader:
    global _reader
    with _lock:
        if _reader is None:
            _reader = verdict.Reader()
        return _reader


def reference() -> Reference:
    """The reference data, read again when a file of it changed."""
    global _reference
    digest = folder_digest(PATHS.reference)
    with _lock:
        if _reference is None or _reference[0] != digest:
            _reference = (digest, load_reference(PATHS.reference))
        return _reference[1]


def published() -> Published:
    return Published(PATHS.published_db)


def held_path(submission: Submission) -> Path:
    return HELD / str(submission.id) / f"portal-{submission.id:06d}{Path(submission.landing_name).suffix}"


def receive(upload, user, address: str | None) -> Submission:
    """Keep the upload under the portal's own name and judge it. `upload` is Django's UploadedFile (already on
    disk: FILE_UPLOAD_MAX_MEMORY_SIZE is 0)."""
    profile = user.profile
    original = upload.name.replace("\x00", "\ufffd")
    suffix = Path(original).suffix.lower()
    submission = Submission.objects.create(
        user=user, source=profile.source, department_code=profile.department_code, address=address,
        original_name=original, size_bytes=upload.size, sha256="", status=Submission.REFUSED,
        landing_name=f"pending{suffix if suffix in SUFFIX_KIND else ''}")
    if suffix not in SUFFIX_KIND:
        submission.message = f"只接收 {'、'.join(SUFFIX_KIND)} 文件，请另存为Excel工作簿后重新上传 (not a spreadsheet)"
        submission.sha256 = _copy(upload, None)
        submission.save()
        return submission
    held = held_path(submission)
    submission.sha256 = _copy(upload, held)
    ref = reference()
    result = verdict.judge(reader().read(profile.source, held, ref), profile.source,
                           profile.department_code or None, ref)
    if result.refusal is None and profile.source == "departments" and result.period:
        result.warnings += _figure_warnings(result, profile.department_code)
    submission.verdict = result.as_dict()
    submission.period_label = result.period_label
    submission.logical_key = result.logical_key
    submission.status = Submission.REFUSED if result.refusal else Submission.CHECKED
    submission.message = result.refusal or ""
    submission.replaces = _replaced(submission)
    if result.logical_key and submission.source != "bureau":
        in_force = published().row("load_in_force", source=submission.source, key=result.logical_key)
        if in_force is not None:
            submission.verdict["replaces_load"] = {"file_name": in_force["file_name"],
                                                   "loaded_at": in_force["loaded_at"].isoformat(timespec="minutes")}
    submission.save()
    return submission


def _figure_warnings(result: verdict.Verdict, department: str) -> list[str]:
    where = {"department": department, "year": result.period["year"], "week": result.period["week"]}
    data = published()
    return verdict.figure_warnings(result.counts, data.row("previous_report", **where),
                                   data.row("same_week_report", **where))


def _replaced(submission: Submission) -> Submission | None:
    """The sent submission of the same thing (department and period) this one would replace."""
    if not submission.logical_key or submission.source == "bureau":  # a bureau file replaces only its own name
        return None
    return (Submission.objects.filter(logical_key=submission.logical_key, status=Submission.SENT)
            .exclude(id=submission.id).order_by("-id").first())


def _copy(upload, target: Path | None) -> str:
    digest = hashlib.sha256()
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") if target is not None else _Discard() as out:
        for chunk in upload.chunks():
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()


class _Discard:
    def __enter__(self):
        return self

    def __exit__(self, *_):
        return False

    def write(self, _chunk: bytes) -> None:
        pass


def send(submission: Submission) -> Submission:
    """Deliver a checked file to landing/<source>/ under the portal's name; once only."""
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(id=submission.id)
        if submission.status != Submission.CHECKED:
            return submission
        held = held_path(submission)
        name = delivery.landing_name(submission.id, submission.department_code, submission.period_label,
                                     held.suffix)
        delivery.deliver(held, PATHS.landing_for(submission.source), name, {
            "login": submission.user.username, "submission": submission.id,
            "original_name": submission.original_name, "sha256": submission.sha256,
            "sent_at": timezone.now().isoformat()})
        submission.landing_name = name
        submission.status = Submission.SENT
        submission.sent_at = timezone.now()
        submission.save()
    return submission


def marked_workbook(submission: Submission) -> Path:
    from portal.marking import mark

    out = MARKED / f"{submission.id}.xlsx"
    if not out.exists():
        mark(held_path(submission), submission.verdict.get("cells", []), out)
    return out
