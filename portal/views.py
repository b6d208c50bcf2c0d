"""The portal's pages, thin: who may see what is decided here (the account, never the form), the work is done in
portal/submitting.py, the figures come from the published file (portal/published.py)."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.http import FileResponse, Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from ingest.forms.template import period_text, write_template
from ingest.periods import parse_report_period
from ingest.sources import SOURCE_LABELS
from portal import submitting
from portal.models import BUREAU, CLERK, CUSTOMS, OPERATOR, ROLE_LABELS, SignIn, Submission
from reports.figures import DEPARTMENT_MEASURES, LIST_ZH, amount, percent

LOAD_STATUS_ZH = {"loaded": "已入库", "rejected": "整体退回", "failed": "写入失败（将重试）", "superseded": "已被替代"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _address(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


@receiver(user_logged_in)
def _signed_in(sender, request, user, **kwargs) -> None:
    SignIn.objects.create(login=user.username, address=_address(request), succeeded=True)


@receiver(user_login_failed)
def _sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    SignIn.objects.create(login=str(credentials.get("username", ""))[:150],
                          address=_address(request) if request else None, succeeded=False)


def _refused(request, message: str = "您的账号无权查看或操作此页面 (not yours to see)") -> HttpResponse:
    page = render(request, "portal/error.html", {"title": "无权访问", "message": message})
    return HttpResponseForbidden(page.content)


def roles(*allowed: str):
    """Signed in, with one of these roles and a profile (an account made otherwise has no page)."""
    def decorate(view):
        @login_required
        @wraps(view)
        def checked(request, *args, **kwargs):
            profile = getattr(request.user, "profile", None)
            if profile is None or profile.role not in allowed:
                return _refused(request)
            return view(request, *args, **kwargs)
        return checked
    return decorate


def csrf_failure(request, reason: str = "") -> HttpResponse:
    page = render(request, "portal/error.html", {
        "title": "请求已过期", "message": "表单已过期或不是从本站提交的，请刷新页面后重试 (CSRF check failed)"})
    return HttpResponseForbidden(page.content)


@login_required
def home(request):
    profile = getattr(request.user, "profile", None)
    if profile is None:
        return _refused(request)
    if profile.role == OPERATOR:
        return redirect("portal:operator")
    if profile.role == CLERK:
        return redirect("portal:department", code=profile.department_code)
    return redirect("portal:submit")


def _department_name(code: str) -> str:
    return next((d["name"] for d in submitting.reference().departments if d["code"] == code), None) or ""


def _may_see_department(request, code: str) -> bool:
    profile = request.user.profile
    return profile.role == OPERATOR or (profile.role == CLERK and profile.department_code == code)


@require_GET
@roles(CLERK, OPERATOR)
def department(request, code: str):
    if not _may_see_department(request, code):
        return _refused(request)
    name = _department_name(code)
    if not name:
        raise Http404
    data = submitting.published()
    owed = data.rows("owed_reports", department=code)
    ranking = data.row("latest_ranking", department=code)
    completion = [dict(row, label=_measure(row["measure"])[0], unit=_measure(row["measure"])[1],
                       actual=amount(row["actual_ytd"]), target_text=amount(row["target"]),
                       rate=percent(row["completion_rate"]), progress=percent(row["time_progress"]))
                  for row in data.rows("completion", department=code)]
    submissions = list(Submission.objects.filter(source="departments", department_code=code)
                       .select_related("user")[:50])
    return render(request, "portal/department.html", {
        "code": code, "name": name, "owed": owed[-8:][::-1], "owed_count": len(owed),
        "next_period": _next_period(owed), "ranking": ranking, "completion": completion,
        "list_zh": LIST_ZH.get((ranking or {}).get("list") or "", ""),
        "score_words": score_words((ranking or {}).get("score_detail")),
        "score": percent((ranking or {}).get("score")) if ranking and ranking.get("score") is not None else "—",
        "rows": _with_loads(submissions), "published_at": data.published_at(),
        "can_submit": request.user.profile.role == CLERK})


def _measure(code: str) -> tuple[str, str]:
    """A measure's Chinese name and unit; department_completion names the investment measure without its unit."""
    return DEPARTMENT_MEASURES.get(code) or DEPARTMENT_MEASURES.get(f"{code}_yi_yuan") or (code, "")


def score_words(detail: str | None) -> list[str]:
    """marts.department_ranking.score_detail ('valuable_leads 0.6333×0.2500; ...') in words, one measure a line."""
    words = []
    for part in (detail or "").split(";"):
        measure, _, figures = part.strip().partition(" ")
        rate, _, weight = figures.partition("×")
        if measure and rate and weight:
            words.append(f"{_measure(measure)[0]}：完成{percent(rate)}（封顶后），权重{percent(weight)}，"
                         f"得{percent(Decimal(rate) * Decimal(weight))}")
    return words


def _next_period(owed: list[dict]) -> dict | None:
    if not owed:
        return None
    latest = owed[-1]
    period = parse_report_period(latest["period_label"])
    return {"label": latest["period_label"], "text": period_text(period), "due_on": latest["due_on"]}


def _with_loads(submissions: list[Submission]) -> list[dict]:
    """Each submission beside its load in the published file (read there: the portal never opens the build)."""
    data = submitting.published()
    by_source: dict[str, list[str]] = {}
    for s in submissions:
        if s.status == Submission.SENT:
            by_source.setdefault(s.source, []).append(s.landing_name)
    loads = {}
    for source, names in by_source.items():
        for load in data.rows("loads_of_files", source=source, paths=names):
            loads.setdefault(load["file_path"], load)
    published_at = data.published_at()
    return [{"s": s, "load": loads.get(s.landing_name), "published_at": published_at,
             "run_url": f"{settings.UI_URL}/runs/{loads[s.landing_name]['run_id']}"
             if s.landing_name in loads and loads[s.landing_name]["run_id"] else None}
            for s in submissions]


@require_GET
@roles(CLERK)
def template(request, code: str, period: str):
    if request.user.profile.department_code != code:
        return _refused(request)
    try:
        report_period = parse_report_period(period)
    except ValueError:
        raise Http404 from None
    name = _department_name(code)
    with tempfile.TemporaryDirectory(dir=settings.PORTAL_DIR) as folder:
        path = write_template(Path(folder) / "template.xlsx", name, report_period)
        content = path.read_bytes()
    response = HttpResponse(content, content_type=XLSX)
    filename = f"{name}-{period_text(report_period)}.xlsx"
    response["Content-Disposition"] = _attachment(filename)
    return response


def _attachment(filename: str) -> str:
    from urllib.parse import quote

    return f"attachment; filename=\"download.xlsx\"; filename*=UTF-8''{quote(filename)}"


@roles(CLERK, BUREAU, CUSTOMS)
def submit(request):
    profile = request.user.profile
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            return render(request, "portal/submit.html", _submit_context(request, "请选择要上传的文件"), status=400)
        submission = submitting.receive(upload, request.user, _address(request))
        return redirect("portal:submission", number=submission.id)
    if request.method != "GET":
        return HttpResponse(status=405)
    if profile.role == CLERK:
        return redirect("portal:department", code=profile.department_code)
    return render(request, "portal/submit.html", _submit_context(request))


def _submit_context(request, error: str = "") -> dict:
    profile = request.user.profile
    submissions = list(_visible(request).select_related("user")[:50])
    return {"error": error, "source_label": SOURCE_LABELS[profile.source], "rows": _with_loads(submissions)}


def _visible(request):
    """The submissions this account may see: an operator all; a clerk its department's; the bureau and customs
    their source's."""
    profile = request.user.profile
    if profile.role == OPERATOR:
        return Submission.objects.all()
    if profile.role == CLERK:
        return Submission.objects.filter(source="departments", department_code=profile.department_code)
    return Submission.objects.filter(source=profile.source)


def _submission(request, number: int) -> Submission:
    return get_object_or_404(_visible(request), id=number)


@require_GET
@roles(CLERK, BUREAU, CUSTOMS, OPERATOR)
def submission(request, number: int):
    s = _submission(request, number)
    [row] = _with_loads([s])
    return render(request, "portal/submission.html", {
        "s": s, "v": s.verdict, "row": row, "source_label": SOURCE_LABELS.get(s.source, s.source),
        "can_send": s.status == Submission.CHECKED and request.user.profile.role != OPERATOR,
        "back": reverse("portal:home")})


@require_POST
@roles(CLERK, BUREAU, CUSTOMS)
def send(request, number: int):
    s = _submission(request, number)
    if s.status != Submission.CHECKED:
        return _refused(request, "这个文件已经报送过或已被退回，不能再次报送 (not waiting to be sent)")
    submitting.send(s)
    return redirect("portal:submission", number=s.id)


@require_GET
@roles(CLERK, BUREAU, CUSTOMS, OPERATOR)
def marked(request, number: int):
    s = _submission(request, number)
    if not s.verdict.get("cells"):
        raise Http404
    path = submitting.marked_workbook(s)
    stem = Path(s.original_name).stem[:60] or "workbook"
    response = FileResponse(open(path, "rb"), content_type=XLSX)
    response["Content-Disposition"] = _attachment(f"{stem}（已标注问题）.xlsx")
    return response


@require_GET
@roles(OPERATOR)
def operator(request):
    data = submitting.published()
    loads = data.rows("recent_loads", limit=30)
    for load in loads:
        load["run_url"] = f"{settings.UI_URL}/runs/{load['run_id']}" if load["run_id"] else None
        load["source_label"] = SOURCE_LABELS.get(load["source"], load["source"])
        load["status_zh"] = LOAD_STATUS_ZH.get(load["status"], load["status"])
    sent_this_period = {}
    for s in Submission.objects.filter(source="departments").order_by("id"):
        sent_this_period.setdefault(s.department_code, []).append(s)
    states = []
    for row in data.rows("week_state"):
        mine = sent_this_period.get(row["department_code"], [])
        states.append(dict(row, portal_sent=sum(s.status == Submission.SENT for s in mine),
                           portal_refused=sum(s.status == Submission.REFUSED for s in mine),
                           list_zh=LIST_ZH.get(row["list"] or "", "")))
    accounts = [{"u": u, "role": ROLE_LABELS.get(getattr(getattr(u, "profile", None), "role", ""), "—"),
                 "department": _department_name(u.profile.department_code) if hasattr(u, "profile") else ""}
                for u in get_user_model().objects.select_related("profile").order_by("username")]
    return render(request, "portal/operator.html", {
        "states": states, "loads": loads, "rows": _with_loads(list(Submission.objects.select_related("user")[:100])),
        "accounts": accounts, "sign_ins": SignIn.objects.order_by("-id")[:30], "published_at": data.published_at(),
        "ui_url": settings.UI_URL})
