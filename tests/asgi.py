"""Call the server's own routes and middleware (server.py) in-process, as uvicorn would, without a network:
AppTest cannot make HTTP requests, so the door is tested here at the HTTP level."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.middleware import Middleware

from components.ui import auth_routes, live_routes
from components.ui.headers import SecurityHeaders

# what server.py gives st.App (tests/pages/test_door.py checks that server.py uses exactly these)
ROUTES, MIDDLEWARE = [*auth_routes.ROUTES, *live_routes.ROUTES], [Middleware(SecurityHeaders)]


@dataclass
class Answer:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k == name.lower()), None)

    def set_cookies(self) -> list[str]:
        return [v for k, v in self.headers if k == "set-cookie"]

    def cookie(self, name: str) -> str | None:
        for raw in self.set_cookies():
            jar = SimpleCookie()
            jar.load(raw)
            if name in jar:
                return jar[name].value
        return None

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


APP = Starlette(routes=ROUTES, middleware=MIDDLEWARE)


def _scope(method: str, path: str, sent: dict, cookies: dict | None, *, client: str = "203.0.113.7",
           scheme: str = "http", host: str = "thidua.test") -> dict:
    sent = {"host": host, **sent}
    if cookies:
        sent["cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    return {"type": "http", "method": method, "path": path, "raw_path": path.encode(), "query_string": b"",
            "headers": [(k.lower().encode(), str(v).encode()) for k, v in sent.items()], "scheme": scheme,
            "server": (host, 443 if scheme == "https" else 80), "client": (client, 50000), "http_version": "1.1",
            "root_path": "", "asgi": {"version": "3.0"}}


def _on_own_thread(coroutine) -> None:
    """Run it on a thread of its own: a test run that also drives a browser (Playwright's sync API) has a loop
    running in this one. An exception is handed back to the test."""
    failed: list[BaseException] = []

    def run() -> None:
        try:
            asyncio.run(coroutine())
        except BaseException as exc:
            failed.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    if failed:
        raise failed[0]


def call(method: str, path: str, form: dict | None = None, *, headers: dict | None = None,
         cookies: dict | None = None, client: str = "203.0.113.7", scheme: str = "http",
         host: str = "thidua.test") -> Answer:
    body = urlencode(form or {}).encode()
    sent = {**({"content-type": "application/x-www-form-urlencoded"} if form is not None else {}), **(headers or {})}
    scope = _scope(method, path, sent, cookies, client=client, scheme=scheme, host=host)
    out: dict = {"status": 0, "headers": [], "body": b""}
    received = [{"type": "http.request", "body": body, "more_body": False}]

    async def receive():
        return received.pop(0) if received else {"type": "http.disconnect"}

    async def send(message):
        if message["type"] == "http.response.start":
            out["status"] = message["status"]
            out["headers"] = [(k.decode().lower(), v.decode()) for k, v in message["headers"]]
        elif message["type"] == "http.response.body":
            out["body"] += message.get("body", b"")

    _on_own_thread(lambda: APP(scope, receive, send))
    return Answer(out["status"], out["headers"], out["body"])


def login(username: str, password: str, **kwargs) -> Answer:
    headers = kwargs.pop("headers", {"sec-fetch-site": "same-origin", "origin": "null"})
    return call("POST", "/auth/login", {"username": username, "password": password, "next": "/entry",
                                        "ui_lang": "vi"}, headers=headers, **kwargs)


def stream(path: str, *, cookies: dict | None = None, until=lambda body: True, during=None,
           timeout: float = 15) -> Answer:
    """GET a stream (server-sent events) and read it until until(body) holds, then disconnect, as a browser
    that leaves. during(body) runs once in a thread of its own after the first bytes arrived (e.g. a ballot)."""
    scope = _scope("GET", path, {}, cookies)
    out: dict = {"status": 0, "headers": [], "body": b""}

    async def main() -> None:
        done, started = asyncio.Event(), asyncio.Event()
        requested = False

        async def receive():
            nonlocal requested
            if not requested:
                requested = True
                return {"type": "http.request", "body": b"", "more_body": False}
            await done.wait()
            return {"type": "http.disconnect"}

        async def send(message):
            if message["type"] == "http.response.start":
                out["status"] = message["status"]
                out["headers"] = [(k.decode().lower(), v.decode()) for k, v in message["headers"]]
            elif message["type"] == "http.response.body":
                out["body"] += message.get("body", b"")
                if out["body"] and not started.is_set():
                    started.set()
                    if during is not None:
                        threading.Thread(target=during, args=(out["body"],)).start()
                if until(out["body"]) or not message.get("more_body", False):
                    done.set()

        app = asyncio.ensure_future(APP(scope, receive, send))
        try:
            await asyncio.wait_for(done.wait(), timeout)
        finally:
            done.set()
            await asyncio.wait_for(app, 5)

    _on_own_thread(main)
    return Answer(out["status"], out["headers"], out["body"])
