"""The production set-up of docs/production.md, run for real: Debian's nginx as a TLS reverse proxy (a self-signed
certificate made here) with sticky sessions in front of two Streamlit processes on one PostgreSQL database; the
live vote goes through it: 7 voters and a projector, one Streamlit process killed (SIGKILL) and restarted while
the poll is open. 7 ballots, 7 receipts found, the projector reaches 7.

It runs in the PostgreSQL pass of scripts/test.sh (tests/conftest.py deselects it when TEST_DATABASE_URL is unset).
"""

from __future__ import annotations

import re
import ssl
import subprocess
import time
import urllib.request

import pytest
from sqlmodel import Session, select

from db import polls
from db.engine import make_engine
from db.models import Ballot, EmulationYear, Unit
from db.users import get_user
from tests.browser.conftest import StreamlitServer, free_port, wait_for_app
from tests.browser.test_vote_browser import TIMEOUT, VOTERS, login_token
from tests.conftest import DEMO_PASSWORD, ROOT

pytestmark = pytest.mark.production

NGINX = "/usr/sbin/nginx"
SITE = ROOT / "deploy" / "nginx-thidua.conf"
# the settings both processes share in production (docs/production.md, section 2), as environment variables
PRODUCTION_ENV = {"STREAMLIT_SERVER_COOKIE_SECRET": "same-secret-on-both-processes-" + "s" * 24,
                  "STREAMLIT_SERVER_ENABLE_XSRF_PROTECTION": "true",
                  "STREAMLIT_CLIENT_SHOW_ERROR_DETAILS": "none"}
MAIN_CONF = """worker_processes 1;
error_log {logs}/error.log warn;
pid {logs}/nginx.pid;
events {{ worker_connections 512; }}
http {{
    client_body_temp_path {logs}/body;
    proxy_temp_path {logs}/proxy;
    fastcgi_temp_path {logs}/fastcgi;
    uwsgi_temp_path {logs}/uwsgi;
    scgi_temp_path {logs}/scgi;
    include {site};
}}
"""


class Proxy:
    def __init__(self, workdir, port_a: int, port_b: int):
        self.dir, self.port = workdir, free_port()
        self.dir.mkdir(parents=True, exist_ok=True)
        cert, key = self.dir / "cert.pem", self.dir / "key.pem"
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                        "/CN=localhost", "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
        site = SITE.read_text()
        for name, value in dict(port_a=port_a, port_b=port_b, https_port=self.port, cert=cert, key=key,
                                logs=self.dir).items():
            site = site.replace("{" + name + "}", str(value))
        (self.dir / "site.conf").write_text(site)
        (self.dir / "nginx.conf").write_text(MAIN_CONF.format(logs=self.dir, site=self.dir / "site.conf"))
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def start(self) -> Proxy:
        self.proc = subprocess.Popen([NGINX, "-p", str(self.dir), "-c", str(self.dir / "nginx.conf"),
                                      "-e", str(self.dir / "error.log"), "-g", "daemon off;"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        context = ssl._create_unverified_context()  # the test's own self-signed certificate
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, (self.dir / "error.log").read_text()
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", context=context, timeout=2) as r:
                    self.hsts = r.headers.get("Strict-Transport-Security")
                    self.headers = r.headers  # case-insensitive
                    return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError((self.dir / "error.log").read_text())

    def upstream_of(self, agent: str) -> int:
        """The port of the process this browser is stuck to (from the access log: a WebSocket is logged only when
        it closes, but every request of the browser goes to the same process)."""
        ports = re.findall(rf'"{re.escape(agent)}" 127\.0\.0\.1:(\d+) ', (self.dir / "access.log").read_text())
        return int(ports[-1])

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)


# today's cluster: since 01/07/2025 Hà Giang is part of Tuyên Quang, so the 2026 vote has these seven members
VOTERS_2026 = [*VOTERS, "tuyenquang"]
# their names in 2026 (Sở Khoa học và Công nghệ since 01/03/2025)
DIENBIEN = "Sở Khoa học và Công nghệ Điện Biên"
LAOCAI = "Sở Khoa học và Công nghệ Lào Cai"


def _open_poll(db_url: str) -> int:
    """The 2026 vote of the sample's open year: today's seven members, Tuyên Quang in Hà Giang's place."""
    engine = make_engine(db_url)
    with Session(engine) as s:
        year_id = s.exec(select(EmulationYear.id).where(EmulationYear.year == 2026)).one()
        voters = [u.id for u in s.exec(select(Unit).where(Unit.code.in_(VOTERS_2026))).all()]
        assert len(voters) == 7
        chair = get_user(session=s, username="chair")
        poll = polls.create_poll(session=s, emulation_year_id=year_id, title="Suy tôn năm 2026", actor=chair,
                                 voter_unit_ids=voters)
        polls.open_poll(session=s, poll_id=poll.id, actor=chair)
        s.commit()
        poll_id = poll.id
    engine.dispose()
    return poll_id


def _device(browser, proxy: Proxy, agent: str, username: str | None, width: int = 420):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN", user_agent=agent,
                                  ignore_https_errors=True)
    if username:
        context.add_cookies([{"name": "thidua_auth", "value": login_token(username), "url": proxy.url,
                              "secure": True}])
    return context


def _goto(page, proxy: Proxy, path: str) -> None:
    page.goto(f"{proxy.url}/{path}")
    wait_for_app(page)


def _vote(page, proxy: Proxy, choice: str) -> str:
    _goto(page, proxy, "ballot")
    page.get_by_text(choice, exact=True).click()
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_role("button", name="Xác nhận bỏ phiếu").click()
    receipt = page.locator(".vote-receipt")
    receipt.wait_for(timeout=TIMEOUT)
    return receipt.inner_text().strip()


def _wait_count(page, text: str, timeout: float = TIMEOUT) -> None:
    page.wait_for_function(
        "t => { const el = document.querySelector('.vote-big'); return el && el.innerText.startsWith(t); }",
        arg=text, timeout=timeout)


def test_the_live_vote_through_nginx_survives_a_killed_process(db_url, tmp_path, browser):
    if not db_url.startswith("postgresql"):
        pytest.fail("the production set-up runs on PostgreSQL: run it in the PostgreSQL pass")
    servers = {}
    for name in ("a", "b"):
        servers[name] = StreamlitServer(db_url, tmp_path / f"srv-{name}", PRODUCTION_ENV).start()
    proxy = Proxy(tmp_path / "nginx", servers["a"].port, servers["b"].port).start()
    contexts = []
    try:
        assert proxy.hsts and "max-age" in proxy.hsts
        # the app's security headers come through the proxy (components/ui/headers.py)
        assert "frame-ancestors 'none'" in proxy.headers["Content-Security-Policy"]
        assert proxy.headers["X-Content-Type-Options"] == "nosniff"
        assert proxy.headers["Referrer-Policy"] == "no-referrer"
        poll_id = _open_poll(db_url)
        projector_ctx = _device(browser, proxy, "projector-hall", "admin", width=1280)
        contexts.append(projector_ctx)
        projector = projector_ctx.new_page()
        _goto(projector, proxy, "projector")
        _wait_count(projector, "0 / 7")

        # the first voter logs in through the form: over HTTPS the browser stores the cookie as Secure
        first_ctx = _device(browser, proxy, f"phone-{VOTERS[0]}", None)
        contexts.append(first_ctx)
        first = first_ctx.new_page()
        _goto(first, proxy, "")
        first.get_by_label("Tên đăng nhập").fill(VOTERS[0])
        first.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
        first.get_by_role("button", name="Đăng nhập").click()
        first.get_by_role("button", name="Đăng xuất", exact=True).wait_for(timeout=TIMEOUT)
        # set by the server (X-Forwarded-Proto https from nginx), out of reach of the page's scripts
        assert [(c["secure"], c["httpOnly"], c["sameSite"]) for c in first_ctx.cookies()
                if c["name"] == "thidua_auth"] == [(True, True, "Strict")]
        assert "thidua_auth" not in first.evaluate("document.cookie")

        receipts = {VOTERS[0]: _vote(first, proxy, DIENBIEN)}
        for username in VOTERS_2026[1:3]:
            ctx = _device(browser, proxy, f"phone-{username}", username)
            contexts.append(ctx)
            receipts[username] = _vote(ctx.new_page(), proxy, LAOCAI if username == "dienbien" else DIENBIEN)
        _wait_count(projector, "3 / 7")

        # the process that holds the projector dies mid-poll
        victim = next(s for s in servers.values() if s.port == proxy.upstream_of("projector-hall"))
        victim.proc.kill()
        victim.proc.wait(10)
        for username in VOTERS_2026[3:5]:
            ctx = _device(browser, proxy, f"phone-{username}", username)
            contexts.append(ctx)
            receipts[username] = _vote(ctx.new_page(), proxy, DIENBIEN)
        victim.start()  # back while the poll is still open
        for username in VOTERS_2026[5:]:
            ctx = _device(browser, proxy, f"phone-{username}", username)
            contexts.append(ctx)
            receipts[username] = _vote(ctx.new_page(), proxy, DIENBIEN)
        _wait_count(projector, "7 / 7", timeout=60_000)  # the projector reconnected by itself

        chair_ctx = _device(browser, proxy, "chair-laptop", "chair", width=1280)
        contexts.append(chair_ctx)
        chair = chair_ctx.new_page()
        _goto(chair, proxy, "vote_manage")
        chair.get_by_role("button", name="Kết thúc bỏ phiếu").click()
        chair.get_by_role("button", name="Công bố kết quả").click(timeout=TIMEOUT)
        chair.get_by_text("Đã công bố kết quả.").wait_for(timeout=TIMEOUT)

        results = chair_ctx.new_page()
        _goto(results, proxy, "vote_results")
        for code in receipts.values():
            results.get_by_label("Tra cứu mã phiếu").fill(code)
            results.get_by_label("Tra cứu mã phiếu").press("Enter")
            results.get_by_text(f"Mã {code} có trong danh sách phiếu đã kiểm.").wait_for(timeout=TIMEOUT)
        assert len(set(receipts.values())) == 7
        engine = make_engine(db_url)
        with Session(engine) as s:
            assert set(s.exec(select(Ballot.receipt).where(Ballot.poll_id == poll_id)).all()) == set(receipts.values())
        engine.dispose()
    finally:
        for ctx in contexts:
            ctx.close()
        proxy.stop()
        for server in servers.values():
            server.stop()
