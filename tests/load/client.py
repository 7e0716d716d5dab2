"""A light Streamlit client: one browser tab's websocket session, without a browser.

It speaks the protocol Streamlit's own frontend speaks: a websocket to `/_stcore/stream`
carrying `BackMsg` (here: `rerun_script` with the query string and the page) and receiving
`ForwardMsg` (the new session, the navigation, page elements as deltas, the query string the
app set, and `script_finished`). Thirty of these fit in one asyncio loop on a shared
two-core machine, where thirty browsers would not.

What a run showed is kept as `Run`: its time, its `h1`, the query string the app wrote, the
version markers found in any message, and anything that counts as an error (an exception
element, an error box, a run that did not finish).
"""
from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

RUN_TIMEOUT = 180.0  # seconds: a run that takes longer counts as a hang
_ERROR_FORMAT = 1  # Alert.Format.ERROR


@dataclass
class Run:
    """What one script run showed."""

    seconds: float
    h1: list[str] = field(default_factory=list)
    query: str = ""  # the query string the app wrote (st.query_params)
    markers: set[str] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)


@dataclass
class Page:
    name: str  # its url path ("" for the default page)
    script_hash: str


class Session:
    """One websocket session against a local Streamlit server."""

    def __init__(self, url: str, markers: tuple[str, ...]):
        if not url.startswith(("http://127.0.0.1", "http://localhost")):
            raise ValueError(f"load tests talk to this machine only, not to {url}")
        self.url = url.replace("http://", "ws://", 1) + "/_stcore/stream"
        self.markers = tuple(m.encode() for m in markers)
        self.pages: list[Page] = []
        self._socket = None

    async def __aenter__(self) -> Session:
        self._socket = await websockets.connect(self.url, subprotocols=["streamlit"], max_size=2**27, open_timeout=60,
                                                ping_interval=None)
        return self

    async def __aexit__(self, *exc) -> None:
        await self._socket.close()

    async def run(self, query: str, page: Page | None = None) -> Run:
        """Ask for a run of `page` (None: the one the URL path names, here the default) with `query`; wait for its end."""
        message = BackMsg()
        message.rerun_script.query_string = query
        if page is not None:
            message.rerun_script.page_script_hash = page.script_hash
            message.rerun_script.page_name = page.name
        started = time.perf_counter()
        await self._socket.send(message.SerializeToString())
        run = Run(seconds=0.0)
        try:
            while True:
                raw = await asyncio.wait_for(self._socket.recv(), RUN_TIMEOUT)
                if self._read(raw, run):
                    break
        except (asyncio.TimeoutError, websockets.ConnectionClosed) as error:
            run.errors.append(f"run did not finish: {type(error).__name__}")
        run.seconds = time.perf_counter() - started
        return run

    def _read(self, raw: bytes, run: Run) -> bool:
        """Take in one ForwardMsg; True when the run has finished."""
        for marker in self.markers:
            if marker in raw:
                run.markers.add(marker.decode())
        message = ForwardMsg()
        message.ParseFromString(raw)
        kind = message.WhichOneof("type")
        if kind == "navigation":
            self.pages = [Page(p.url_pathname, p.page_script_hash) for p in message.navigation.app_pages]
        elif kind == "page_info_changed":
            run.query = message.page_info_changed.query_string
        elif kind == "session_event" and message.session_event.WhichOneof("type") == "script_compilation_exception":
            run.errors.append("script compilation exception")
        elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element
            which = element.WhichOneof("type")
            if which == "heading" and element.heading.tag == "h1":
                run.h1.append(element.heading.body)
            elif which == "exception":
                run.errors.append(f"exception: {element.exception.type}: {element.exception.message[:200]}")
            elif which == "alert" and element.alert.format == _ERROR_FORMAT:
                run.errors.append(f"error box: {element.alert.body[:200]}")
        elif kind == "script_finished":
            status = message.script_finished
            if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return False  # the app reran itself (st.rerun): wait for the run that follows
            if status != ForwardMsg.FINISHED_SUCCESSFULLY:
                run.errors.append(f"script finished with status {status}")
            return True
        return False


def query_value(query: str, key: str) -> str | None:
    match = re.search(rf"(?:^|&){re.escape(key)}=([^&]*)", query)
    return match.group(1) if match else None
