"""A voter without a browser: the Streamlit session the ballot page's frontend opens, driven the way the frontend
drives it. It opens the page's websocket (/_stcore/stream, with the login cookie), asks for runs of the page as
the frontend does (BackMsg rerun_script with the page and the widget values a click sends) and reads what the
server sends back (the ForwardMsgs the frontend would draw). The server does all it does for a phone: the session,
the script runs, the cast, the receipt handed over; only the drawing is left out. Used by bench/vote_load.py when
the machine cannot hold 34 Chromium pages next to the servers it measures."""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

RECEIPT = re.compile(rb'"code":\s*"([2-9A-Z]{4}-[2-9A-Z]{4})"')
DONE = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR)


@dataclass
class Run:
    """What one run of the page drew: its widgets by kind, and a receipt code if one was handed over."""

    buttons: list = field(default_factory=list)
    radios: list = field(default_factory=list)
    receipt: str | None = None
    texts: list[str] = field(default_factory=list)


class SessionVoter:
    def __init__(self, server_url: str, token: str, page: str = "ballot") -> None:
        self.url, self.token, self.page = server_url, token, page
        self.page_hash = ""
        self.ws = None
        self.seen: dict[str, bytes] = {}  # the messages this session was sent, by hash (what the frontend caches)

    async def open(self) -> Run:
        self.ws = await websockets.connect(
            self.url.replace("http://", "ws://", 1) + "/_stcore/stream", subprotocols=["streamlit"],
            additional_headers={"Cookie": f"thidua_auth={self.token}", "Origin": self.url}, max_size=None,
            open_timeout=120, ping_interval=None)
        return await self.rerun([])

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def rerun(self, widgets: list, timeout: float = 120.0) -> Run:
        """Ask for a run with these widget states (streamlit.proto WidgetState) and read until the page's run
        has finished (through any st.rerun() it makes)."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = ""
        state.page_name = self.page
        state.page_script_hash = self.page_hash
        state.widget_states.widgets.extend(widgets)
        await self.ws.send(msg.SerializeToString())
        run = Run()
        deadline = time.monotonic() + timeout
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), max(0.1, deadline - time.monotonic()))
            forward = ForwardMsg()
            forward.ParseFromString(raw)
            kind = forward.WhichOneof("type")
            if kind == "ref_hash":  # an element sent before in this session: the server sends only its hash
                raw = self.seen[forward.ref_hash]
                forward = ForwardMsg()
                forward.ParseFromString(raw)
                kind = forward.WhichOneof("type")
            elif forward.hash:
                self.seen[forward.hash] = raw
            if kind == "navigation":  # the page this run shows: later runs ask for it by its hash
                self.page_hash = forward.navigation.page_script_hash or self.page_hash
            elif kind == "new_session":
                run = Run()  # a new run (the first, or one that st.rerun() started) draws the page afresh
            elif kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                which = element.WhichOneof("type")
                if which == "button":
                    run.buttons.append(element.button)
                elif which == "radio":
                    run.radios.append(element.radio)
                elif which == "markdown":
                    run.texts.append(element.markdown.body)
                found = RECEIPT.search(raw)
                if found:
                    run.receipt = found.group(1).decode()
            elif kind == "script_finished" and forward.script_finished in DONE:
                return run

    @staticmethod
    def choose(radio, option: str, submit) -> list:
        """The widget states of a form sent by its submit button with option picked in its radio."""
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        picked = WidgetState(id=radio.id, string_value=option)
        pressed = WidgetState(id=submit.id, trigger_value=True)
        return [picked, pressed]

    @staticmethod
    def press(button) -> list:
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        return [WidgetState(id=button.id, trigger_value=True)]
