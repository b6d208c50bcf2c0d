"""A request body larger than the nightly job's file limit is refused before anything reads it (the CSRF check
would otherwise parse the upload first); waitress refuses it too (portal/server.py)."""

from __future__ import annotations

from django.http import HttpResponse, multipartparser
from django.template.loader import render_to_string

from ingest.bounds import MAX_FILE_BYTES, MB

# The multipart envelope around the file: the form's few fields and boundaries.
ENVELOPE_BYTES = 64 * 1024
MAX_BODY_BYTES = MAX_FILE_BYTES + ENVELOPE_BYTES
# Django refuses a multipart part whose headers pass 1 KB, so a long file name (a 2,000-character Chinese name is
# 18 KB once a browser escapes it) would fail the whole upload; the name is kept (cut to 255 characters by Django)
# and never used as a path, so the part's headers may be as long as the envelope.
multipartparser.MAX_TOTAL_HEADER_SIZE = ENVELOPE_BYTES


def bounded_body(get_response):
    def middleware(request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > MAX_BODY_BYTES:
            page = render_to_string("portal/error.html", {
                "title": "文件太大",
                "message": f"上传的文件超过{MAX_FILE_BYTES // MB} MB，未接收；请拆分后重新上传 (file too large)"})
            return HttpResponse(page, status=413)
        return get_response(request)

    return middleware
