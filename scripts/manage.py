"""The operator's command line, run on the server next to the app (same DATABASE_URL / DATA_DIR):

    python scripts/manage.py unlock USER          forget USER's wrong passwords (from every address) and every
                                                  address's ceiling; `unlock --all`: every login delay
    python scripts/manage.py create-admin         create an administrator (asks for the password)
    python scripts/manage.py document KIND --year YEAR [--cluster CODE] --format docx|pdf --out FILE
                                                  write one of the year's documents (covenant, programme, report,
                                                  minutes, meeting, proposal) from the database

Whoever runs a shell on the server is trusted: these commands need no login. Each subcommand is a function
registered in COMMANDS with its arguments; add one (e.g. "document") by writing add_<name>(subparsers) and run_<name>.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from components.i18n.catalogue import translate  # noqa: E402
from components.rules.access import Acting  # noqa: E402
from components.rules.errors import DomainError  # noqa: E402
from db import paperwork, reference  # noqa: E402
from db import users as user_db  # noqa: E402
from db.bootstrap import ensure_database  # noqa: E402
from db.engine import session_scope  # noqa: E402

OPERATOR = Acting(id=None, role="admin")  # whoever runs this script on the server


def add_unlock(commands) -> None:
    parser = commands.add_parser("unlock", help="forget a user's wrong passwords and every client's login delay")
    parser.add_argument("username", nargs="?")
    parser.add_argument("--all", action="store_true", help="every login delay of every account and address")


def run_unlock(args: argparse.Namespace) -> str:
    if args.all == bool(args.username):
        raise SystemExit("unlock: give a USER or --all")
    with session_scope() as session:
        user = user_db.unlock(session=session, username=None if args.all else args.username)
        return f"unlocked: {user.username}" if user else "unlocked: every login delay"


def add_create_admin(commands) -> None:
    parser = commands.add_parser("create-admin", help="create an administrator account")
    parser.add_argument("--username", default="admin")
    parser.add_argument("--display-name", default="Quản trị hệ thống")
    parser.add_argument("--password-stdin", action="store_true",
                        help="read the password from standard input (one line) instead of asking")


def run_create_admin(args: argparse.Namespace) -> str:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Mật khẩu / password: ")
        if getpass.getpass("Nhập lại / again: ") != password:
            raise SystemExit("the two passwords differ")
    with session_scope() as session:
        user = user_db.seed_user(session=session, username=args.username, display_name=args.display_name,
                                 password=password, role="admin")
        return f"administrator created: {user.username}"


def add_document(commands) -> None:
    parser = commands.add_parser("document", help="write one of the year's documents from the database")
    parser.add_argument("kind", choices=paperwork.KINDS)
    parser.add_argument("--year", type=int, required=True)
    parser.add_argument("--cluster", default=None, help="the cluster's code (default: CLUSTER_CODE, the sample's)")
    parser.add_argument("--format", choices=paperwork.FORMATS, default="docx")
    parser.add_argument("--out", required=True, help="the file to write")


def run_document(args: argparse.Namespace) -> str:
    with session_scope() as session:
        cluster = reference.get_cluster(session=session, code=args.cluster or reference.cluster_code())
        # the operator at the server's console reads every cluster, as the administrator does
        document = paperwork.document_for(session=session, actor=OPERATOR, kind=args.kind, cluster_id=cluster.id,
                                          year=args.year)
    data = paperwork.render(document, args.format)
    out = Path(args.out)
    # built completely before anything is written; the file appears whole or not at all
    partial = out.with_name(out.name + ".partial")
    partial.write_bytes(data)
    partial.replace(out)
    return f"written: {out} ({len(data):,} bytes)"


COMMANDS: dict[str, tuple[Callable, Callable[[argparse.Namespace], str]]] = {
    "unlock": (add_unlock, run_unlock),
    "create-admin": (add_create_admin, run_create_admin),
    "document": (add_document, run_document),
}


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="manage.py", description=__doc__.split("\n\n")[0])
    commands = main.add_subparsers(dest="command", required=True)
    for add, _ in COMMANDS.values():
        add(commands)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    ensure_database()
    try:
        print(COMMANDS[args.command][1](args))
    except DomainError as exc:
        print(translate(f"err.{exc.code}", os.environ.get("LANG_UI", "vi"), **exc.params), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
