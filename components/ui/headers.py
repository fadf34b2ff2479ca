"""Security headers on every response of the server (server.py's middleware): the pages, Streamlit's static
files, the media and upload endpoints and the app's own routes.

The Content-Security-Policy is as strict as Streamlit's frontend allows (measured in Chromium on every page; see
the README): scripts only from the app's own origin (Streamlit's bundle has no inline script), no plugins, no
framing of the app by anyone (frame-ancestors) ... see CSP below for the exact list and why each source is there."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import streamlit
from starlette.types import ASGIApp, Message, Receive, Scope, Send


def _streamlit_inline_scripts() -> list[str]:
    """Hashes of the inline scripts of Streamlit's own index.html (one line, `window.prerenderReady = false`, in
    1.67): allowed by hash, read from the installed file so that an upgrade cannot silently break the page."""
    index = Path(streamlit.__file__).parent / "static" / "index.html"
    bodies = re.findall(r"<script>(.*?)</script>", index.read_text(encoding="utf-8"), re.S) if index.exists() else []
    return [f"'sha256-{base64.b64encode(hashlib.sha256(b.encode('utf-8')).digest()).decode()}'" for b in bodies]


CSP = "; ".join([
    "default-src 'self'",
    # blob: for the app's own components-v2 elements (the live count): Streamlit hands their inline module to
    # import() as a blob URL that only a script already running in this page can create
    "script-src 'self' blob: " + " ".join(_streamlit_inline_scripts()),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self' ws: wss:",
    "media-src 'self' blob:",
    "worker-src 'self' blob:",
    "frame-src 'self' blob: data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}


class SecurityHeaders:
    """Pure ASGI middleware (not BaseHTTPMiddleware, which would buffer a stream of server-sent events): adds the
    headers to every HTTP response start, replacing any of the same name."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.raw = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in HEADERS.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k for k, _ in self.raw}
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message = {**message, "headers": kept + self.raw}
            await send(message)

        await self.app(scope, receive, send_with_headers)
