"""Accounts as an operator manages them from the shell (python -m portal user ...): Django's own users, with the
role and department beside each in Profile. A department is checked against reference/departments.csv."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from portal.models import CLERK, ROLE_LABELS, Profile

if TYPE_CHECKING:
    from ingest.forms.reference import Reference


class AccountError(Exception):
    """str() says what is wrong, in Chinese."""


def add(login: str, password: str, role: str, department: str | None, reference: Reference | None) -> str:
    """Make an account; returns the department code (a clerk's), '' otherwise."""
    User = get_user_model()
    if role not in ROLE_LABELS:
        raise AccountError(f"角色「{role}」不存在，可选：{'、'.join(ROLE_LABELS)} (unknown role)")
    code = ""
    if role == CLERK:
        if not department:
            raise AccountError("部门填报员必须用 --department 指定部门 (a clerk needs --department)")
        try:
            code = reference.department_code(department)
        except ValueError as err:
            raise AccountError(str(err)) from None
    elif department:
        raise AccountError("只有部门填报员属于某个部门 (only a clerk has a department)")
    if User.objects.filter(username=login).exists():
        raise AccountError(f"账号「{login}」已存在 (the login exists)")
    user = User(username=login)
    _check_password(password, user)
    with transaction.atomic():
        user.set_password(password)
        user.save()
        Profile.objects.create(user=user, role=role, department_code=code)
    return code


def set_password(login: str, password: str) -> None:
    user = _user(login)
    _check_password(password, user)
    user.set_password(password)  # the sessions signed with the old one end at their next request
    user.save()


def disable(login: str) -> None:
    user = _user(login)
    user.is_active = False  # signed in elsewhere: refused at the next request
    user.save()


def listing() -> list[dict]:
    return [{"login": user.username, "role": user.profile.role, "department_code": user.profile.department_code,
             "active": user.is_active, "last_login": user.last_login}
            for user in get_user_model().objects.select_related("profile").order_by("username")
            if hasattr(user, "profile")]


def _user(login: str):
    try:
        return get_user_model().objects.get(username=login)
    except get_user_model().DoesNotExist:
        raise AccountError(f"账号「{login}」不存在 (no such login)") from None


def _check_password(password: str, user) -> None:
    try:
        validate_password(password, user)
    except ValidationError as err:
        raise AccountError("密码不合格：" + "；".join(err.messages)) from None
