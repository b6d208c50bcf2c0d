"""The portal's own records: who may send what (a profile beside each Django user), every sign-in and every
submission with its verdict. The warehouse's own records stay in the warehouse; the portal only reads them."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from portal.roles import BUREAU, CLERK, CUSTOMS, OPERATOR, ROLE_LABELS, ROLE_SOURCE  # noqa: F401


class Profile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    role = models.CharField(max_length=16, choices=list(ROLE_LABELS.items()))
    department_code = models.CharField(max_length=32, blank=True)  # a clerk's, from reference/departments.csv

    @property
    def source(self) -> str | None:
        return ROLE_SOURCE.get(self.role)


class SignIn(models.Model):
    login = models.CharField(max_length=150)  # as typed, also when no such account exists
    at = models.DateTimeField(auto_now_add=True)
    address = models.GenericIPAddressField(null=True)
    succeeded = models.BooleanField()


class Submission(models.Model):
    # checked: judged, waiting for the person to send it; sent: delivered to the landing zone; refused: cannot be sent
    CHECKED, SENT, REFUSED = "checked", "sent", "refused"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="submissions")
    source = models.CharField(max_length=16)
    department_code = models.CharField(max_length=32, blank=True)  # the account's, never the form's
    at = models.DateTimeField(auto_now_add=True)
    address = models.GenericIPAddressField(null=True)
    # As the browser sent it: kept for the record and shown escaped, never used as a path.
    original_name = models.TextField()
    size_bytes = models.BigIntegerField()
    sha256 = models.CharField(max_length=64)
    status = models.CharField(max_length=16,
                              choices=[(CHECKED, "已检查，待报送"), (SENT, "已报送"), (REFUSED, "已退回")])
    sent_at = models.DateTimeField(null=True)
    message = models.TextField(blank=True)  # why it was refused, in the clerk's words
    period_label = models.CharField(max_length=64, blank=True)
    logical_key = models.CharField(max_length=200, blank=True)
    landing_name = models.CharField(max_length=200, blank=True)  # the name the portal chose in landing/<source>/
    replaces = models.ForeignKey("self", null=True, on_delete=models.SET_NULL, related_name="replaced_by")
    verdict = models.JSONField(default=dict)  # sheets, quarantined cells, warnings, as shown
    marked_name = models.CharField(max_length=200, blank=True)  # the marked workbook under portal/marked/

    class Meta:
        ordering = ["-id"]
