"""python -m portal serve | user add LOGIN --role clerk --department 经济发展局 | user disable LOGIN |
user password LOGIN | user list. Passwords are read from standard input (one line), never from the command line."""

from __future__ import annotations

import argparse
import os
import sys

from portal.roles import ROLES
from warehouse.home import keep_files_private


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m portal", description="部门报送门户 the departments' portal")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("serve", help="启动门户 serve the portal")
    user = commands.add_parser("user", help="管理账号 manage accounts").add_subparsers(dest="action", required=True)
    add = user.add_parser("add", help="新建账号（密码从标准输入读取）")
    add.add_argument("login")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--department", help="部门填报员所属部门（名称、简称或代码）")
    user.add_parser("disable", help="停用账号").add_argument("login")
    user.add_parser("password", help="重设密码（新密码从标准输入读取）").add_argument("login")
    user.add_parser("list", help="列出账号")
    return parser


def _password() -> str:
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass("密码 password: ")
    return sys.stdin.readline().rstrip("\r\n")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    # Clerks' uploads, the landing copies and the portal's database: no access for other local users.
    keep_files_private()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    if args.command == "serve":
        from portal.server import serve

        serve()
        return 0
    from django.core.management import call_command

    from portal import accounts

    call_command("migrate", interactive=False, verbosity=0)
    try:
        if args.action == "add":
            reference = None
            if args.department:  # the reference data (and pandera with it) only when a department is named
                from portal.submitting import reference as load

                reference = load()
            code = accounts.add(args.login, _password(), args.role, args.department, reference)
            print(f"已新建账号 {args.login}（{args.role}{'，' + code if code else ''}）")
        elif args.action == "password":
            accounts.set_password(args.login, _password())
            print(f"已重设 {args.login} 的密码")
        elif args.action == "disable":
            accounts.disable(args.login)
            print(f"已停用账号 {args.login}")
        else:
            for row in accounts.listing():
                print("\t".join([row["login"], row["role"], row["department_code"] or "-",
                                 "启用" if row["active"] else "停用",
                                 row["last_login"].isoformat(timespec="seconds") if row["last_login"] else "-"]))
    except accounts.AccountError as err:
        print(err, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
