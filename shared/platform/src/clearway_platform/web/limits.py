"""Bounded work per request, before any route runs: the transport half of the input policy.

Every service (the gateway first) refuses, as problem+json and before parsing anything:

* a header block larger than ``max_header_bytes`` (431);
* a body larger than ``max_body_bytes`` (413): at once when Content-Length says so, else while
  it is read, so no more than the limit is ever held;
* a JSON body that is not UTF-8 (415): a charset other than UTF-8, a byte-order mark, or the
  NUL bytes of UTF-16/32 (the JSON parser would silently accept them);
* a query parameter or path with a control, bidi-override or zero-width character (422,
  naming the parameter): PostgreSQL cannot store NUL, and no code or name needs the others.

The limits and why they were chosen: docs/adr/0026-one-input-policy-and-bounded-work.md.
"""

import json
from urllib.parse import parse_qsl

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from clearway_contracts.input_policy import text_fault
from clearway_contracts.problems import PROBLEM_JSON, FieldError, Problem

MAX_BODY_BYTES = 2 * 1024 * 1024  # 1,000 used cars with all their papers: 0.38 MiB
MAX_HEADER_BYTES = 16 * 1024  # nginx's and uvicorn's defaults are of this order
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_UTF_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the body is larger than {limit} bytes")


class NotUtf8(HTTPException):
    def __init__(self) -> None:
        super().__init__(415, "JSON bodies must be UTF-8, without a byte-order mark")


class InputLimitsMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        *,
        max_body_bytes: int = MAX_BODY_BYTES,
        max_header_bytes: int = MAX_HEADER_BYTES,
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.max_header_bytes = max_header_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        problem = self._refusal(scope)
        if problem is not None:
            await send_problem(scope, send, problem, close=problem.status != 422)
            return
        await self.app(scope, self._bounded(scope, receive), send)

    def _refusal(self, scope: Scope) -> Problem | None:
        headers: list[tuple[bytes, bytes]] = scope["headers"]
        if sum(len(name) + len(value) + 4 for name, value in headers) > self.max_header_bytes:
            return Problem(
                431,
                "Request Header Fields Too Large",
                f"the request's headers exceed {self.max_header_bytes} bytes",
            )
        fault = _query_or_path_fault(scope)
        if fault is not None:
            return Problem(422, "Invalid request", "the request has invalid fields", errors=[fault])
        if scope["method"] not in _BODY_METHODS:
            return None
        length = _header(headers, b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body_bytes):
            return Problem(413, "Content Too Large", str(BodyTooLarge(self.max_body_bytes).detail))
        content_type = (_header(headers, b"content-type") or "").lower()
        if "json" in content_type and "charset=" in content_type:
            charset = content_type.split("charset=", 1)[1].split(";")[0].strip(" \"'")
            if charset not in ("utf-8", "utf8"):
                return Problem(415, "Unsupported Media Type", str(NotUtf8().detail))
        return None

    def _bounded(self, scope: Scope, receive: Receive) -> Receive:
        limit = self.max_body_bytes
        seen = 0

        async def bounded() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                chunk: bytes = message.get("body", b"")
                if seen == 0 and chunk and _not_utf8_json(chunk):
                    raise NotUtf8()
                seen += len(chunk)
                if seen > limit:
                    raise BodyTooLarge(limit)
            return message

        return bounded


def _not_utf8_json(first: bytes) -> bool:
    # JSON text starts with an ASCII character; UTF-16/32 put NUL bytes beside it.
    return first.startswith(_UTF_BOMS) or b"\x00" in first[:4]


def _query_or_path_fault(scope: Scope) -> FieldError | None:
    path: str = scope.get("path", "")
    fault = text_fault(path)
    if fault is not None:
        return FieldError("(path)", fault)
    raw: bytes = scope.get("query_string", b"")
    if not raw:
        return None
    try:
        pairs = parse_qsl(raw.decode("latin-1"), keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        return FieldError("(query)", "not UTF-8")
    for name, value in pairs:
        fault = text_fault(name) or text_fault(value)
        if fault is not None:
            return FieldError(name if text_fault(name) is None else "(query)", fault)
    return None


def _header(headers: list[tuple[bytes, bytes]], name: bytes) -> str | None:
    for key, value in headers:
        if key.lower() == name:
            return value.decode("latin-1")
    return None


async def send_problem(scope: Scope, send: Send, problem: Problem, *, close: bool = False) -> None:
    """Answers ``problem`` straight from ASGI, before the app (and its handlers) ran.

    ``close`` when a body was left unread: the connection is not reused for another request.
    """
    body = json.dumps(problem.body(instance=scope.get("path"))).encode()
    headers: list[tuple[bytes, bytes]] = [
        (b"content-type", PROBLEM_JSON.encode()),
        (b"content-length", str(len(body)).encode()),
    ]
    if close:
        headers.append((b"connection", b"close"))
    headers += [(k.lower().encode(), v.encode()) for k, v in problem.headers.items()]
    await send({"type": "http.response.start", "status": problem.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
