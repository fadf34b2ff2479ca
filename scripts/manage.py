"""The operator's command line, run on the server next to the app (same DATABASE_URL / DATA_DIR):

    python scripts/manage.py unlock USER          forget USER's wrong passwords (from every address) and every
                                                  address's ceiling; `unlock --all`: every login delay
    python scripts/manage.py create-admin         create an administrator (asks for the password)
    python scripts/manage.py document KIND --year YEAR [--cluster CODE] --format docx|pdf --out FILE
                                                  write one of the year's documents (covenant, programme, report,
                                                  minutes, meeting, proposal) from the database; a PDF carries
                                                  empty signature fields and its hash is kept as the app's
    python scripts/manage.py verify-signed FILE [--trust ROOT.pem ...]
                                                  check a signed PDF: every signature intact and covering the
                                                  file, the signer chained to a trust root (the given ones, else
                                                  those installed), a signing time, and the signed revision is a
                                                  PDF the app generated; exit 0 only when every check holds
    python scripts/manage.py export-awards --year YEAR [--cluster CODE] --format csv|xlsx|json|zip --out FILE
                                                  the year's awards, one row per award (the ZIP adds the signed
                                                  PDFs); no national upload format has been published
    python scripts/manage.py trust-root add ROOT.pem | list | remove ID
                                                  the certificate authorities' roots signed documents are checked
                                                  against (the administrator's; none is shipped)

Whoever runs a shell on the server is trusted: these commands need no login. Each subcommand is a function
registered in COMMANDS with its arguments; add one (e.g. "document") by writing add_<name>(subparsers) and run_<name>.
"""

from __future__ import annotations

import argparse
import getpass
import logging
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
from db import award_export, paperwork, reference  # noqa: E402
from db import signed_documents as signed  # noqa: E402
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
        if args.format == "pdf":
            data = signed.issue_pdf(session=session, actor=OPERATOR, kind=args.kind, cluster_id=cluster.id,
                                    year=args.year)
        else:
            document = paperwork.document_for(session=session, actor=OPERATOR, kind=args.kind,
                                              cluster_id=cluster.id, year=args.year)
            data = paperwork.render(document, args.format)
    out = Path(args.out)
    # built completely before anything is written; the file appears whole or not at all
    partial = out.with_name(out.name + ".partial")
    partial.write_bytes(data)
    partial.replace(out)
    return f"written: {out} ({len(data):,} bytes)"


def add_verify_signed(commands) -> None:
    parser = commands.add_parser("verify-signed", help="check a signed PDF against trust roots and the app's own")
    parser.add_argument("file")
    parser.add_argument("--trust", action="append", default=[], metavar="ROOT.pem",
                        help="a trust root (PEM or DER), repeatable; without it, the roots installed in the app")


class CheckFailed(Exception):
    """A check did not hold: the report is printed and the command exits with 1."""


def _lang() -> str:
    return os.environ.get("LANG_UI", "vi")


def run_verify_signed(args: argparse.Namespace) -> str:
    lang = _lang()
    try:
        data = Path(args.file).read_bytes()
    except OSError as exc:
        raise CheckFailed(translate("signed.cli_unreadable_file", lang, file=args.file, error=exc.strerror))
    roots = None
    if args.trust:
        roots = []
        for name in args.trust:
            try:
                roots.append(signed.signed_check.load_certificate(Path(name).read_bytes()))
            except (OSError, ValueError):
                raise CheckFailed(translate("signed.cli_bad_root", lang, file=name))
    with session_scope() as session:
        result = signed.verify(session=session, data=data, roots=roots)
        lines = signed_report_lines(result, lang)
    if not result.ok:
        # the report on standard output, the reasons it fails on standard error
        print("\n".join(lines))
        raise CheckFailed("\n".join(translate(f"err.signed_{p.code}", lang, **p.params) for p in result.problems)
                          or translate("signed.cli_failed", lang))
    return "\n".join(lines)


def signed_report_lines(result, lang: str) -> list[str]:
    """The signers, what was checked and, when something does not hold, why (one plain line each)."""
    from components.i18n.formatting import fmt_datetime

    lines = []
    for s in result.check.signers:
        lines.append(translate("signed.cli_signer", lang, field=s.field, signer=s.signer, issuer=s.issuer,
                               at=fmt_datetime(s.signed_at) if s.signed_at else "—"))
        for key, ok in (("intact", s.intact), ("trusted", s.trusted), ("whole_file", s.whole_file),
                        ("time", s.time_ok)):
            lines.append(f"  [{'OK' if ok else '!!'}] " + translate(f"signed.check_{key}", lang))
    if result.generated is not None:
        g = result.generated
        lines.append(translate("signed.cli_generated", lang, kind=translate(f"docs.kind.{g.kind}", lang), year=g.year,
                               at=fmt_datetime(g.created_at)))
    for problem in result.problems:
        lines.append(translate(f"err.signed_{problem.code}", lang, **problem.params))
    lines.append(translate("signed.cli_ok" if result.ok else "signed.cli_failed", lang))
    return lines


def add_export_awards(commands) -> None:
    parser = commands.add_parser("export-awards", help="the year's awards for other software")
    parser.add_argument("--year", type=int, required=True)
    parser.add_argument("--cluster", default=None, help="the cluster's code (default: CLUSTER_CODE, the sample's)")
    parser.add_argument("--format", choices=award_export.EXPORT_FORMATS, default="zip")
    parser.add_argument("--out", required=True, help="the file to write")


def run_export_awards(args: argparse.Namespace) -> str:
    with session_scope() as session:
        cluster = reference.get_cluster(session=session, code=args.cluster or reference.cluster_code())
        out = award_export.awards_out(session=session, actor=OPERATOR, cluster_id=cluster.id, year=args.year)
    data = award_export.export_bytes(out, args.format)
    target = Path(args.out)
    partial = target.with_name(target.name + ".partial")
    partial.write_bytes(data)
    partial.replace(target)
    return f"written: {target} ({len(out.rows)} awards, {len(out.signed)} signed PDFs)"


def add_trust_root(commands) -> None:
    parser = commands.add_parser("trust-root", help="install, list or remove the trust roots of signed documents")
    parser.add_argument("action", choices=("add", "list", "remove"))
    parser.add_argument("target", nargs="?", help="add: the certificate file (PEM or DER); remove: its id")


def run_trust_root(args: argparse.Namespace) -> str:
    with session_scope() as session:
        if args.action == "list":
            rows = signed.trust_roots(session=session)
            return "\n".join(f"{r.id}\t{r.fingerprint}\t{r.subject}" for r in rows) or "-"
        if not args.target:
            raise SystemExit(f"trust-root {args.action}: give a {'FILE' if args.action == 'add' else 'ID'}")
        if args.action == "add":
            try:
                data = Path(args.target).read_bytes()
            except OSError as exc:
                raise SystemExit(f"trust-root add: {exc.strerror}: {args.target}")
            row = signed.install_trust_root(session=session, actor=OPERATOR, data=data)
            return f"installed: {row.id}\t{row.fingerprint}\t{row.subject}"
        if not args.target.isdigit():
            raise SystemExit("trust-root remove: give the ID shown by `trust-root list`")
        signed.remove_trust_root(session=session, actor=OPERATOR, root_id=int(args.target))
        return f"removed: {args.target}"


COMMANDS: dict[str, tuple[Callable, Callable[[argparse.Namespace], str]]] = {
    "unlock": (add_unlock, run_unlock),
    "create-admin": (add_create_admin, run_create_admin),
    "document": (add_document, run_document),
    "verify-signed": (add_verify_signed, run_verify_signed),
    "trust-root": (add_trust_root, run_trust_root),
    "export-awards": (add_export_awards, run_export_awards),
}


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="manage.py", description=__doc__.split("\n\n")[0])
    commands = main.add_subparsers(dest="command", required=True)
    for add, _ in COMMANDS.values():
        add(commands)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    # pyHanko logs each failed check with a traceback; the command prints its own plain report instead
    logging.getLogger("pyhanko").addHandler(logging.NullHandler())
    logging.getLogger("pyhanko").propagate = False
    ensure_database()
    try:
        print(COMMANDS[args.command][1](args))
    except DomainError as exc:
        print(translate(f"err.{exc.code}", _lang(), **exc.params), file=sys.stderr)
        return 1
    except CheckFailed as exc:
        print(str(exc), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
