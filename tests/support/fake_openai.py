"""A small OpenAI-compatible HTTP server on 127.0.0.1 that misbehaves on purpose.

Modes: "ok" (answers with ``reply``, streamed or not), "slow" (sleeps ``delay`` seconds first),
"429" and "500" (error statuses), "malformed" (200 with a body that is not a chat completion),
"empty" (a completion with no text), "broken-stream" (starts a stream and drops the connection).
Every request is counted, so tests can see the client's retries.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        # A client that timed out and hung up is what these tests provoke; no traceback on stderr.
        pass


class FakeOpenAI:
    def __init__(self, mode: str = "ok", reply: str = "", delay: float = 0.0) -> None:
        self.mode = mode
        self.reply = reply
        self.delay = delay
        self.requests: list[dict] = []
        self._server = QuietServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __enter__(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep test output clean
                pass

            def _json(self, status: int, body: dict | str) -> None:
                data = body if isinstance(body, str) else json.dumps(body)
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data.encode())))
                self.end_headers()
                self.wfile.write(data.encode())

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                request = json.loads(self.rfile.read(length) or b"{}")
                fake.requests.append(request)
                mode = fake.mode
                if mode == "slow":
                    time.sleep(fake.delay)
                if mode == "429":
                    self._json(429, {"error": {"message": "Rate limit reached", "type": "rate_limit"}})
                    return
                if mode == "500":
                    self._json(500, {"error": {"message": "internal error", "type": "server_error"}})
                    return
                if mode == "malformed":
                    self._json(200, "this is not a chat completion")
                    return
                text = "" if mode == "empty" else fake.reply
                if request.get("stream"):
                    self._stream(text, broken=mode == "broken-stream")
                    return
                self._json(
                    200,
                    {
                        "id": "chatcmpl-test",
                        "object": "chat.completion",
                        "created": 0,
                        "model": request.get("model"),
                        "choices": [
                            {
                                "index": 0,
                                "finish_reason": "stop",
                                "message": {"role": "assistant", "content": text},
                            }
                        ],
                        "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
                    },
                )

            def _stream(self, text: str, broken: bool) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                words = text.split(" ")
                for i, word in enumerate(words):
                    chunk = {
                        "id": "c",
                        "object": "chat.completion.chunk",
                        "created": 0,
                        "model": "m",
                        "choices": [
                            {
                                "index": 0,
                                "delta": {"content": word + (" " if i < len(words) - 1 else "")},
                                "finish_reason": None,
                            }
                        ],
                    }
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                    self.wfile.flush()
                    if broken and i == 1:
                        self.connection.close()
                        return
                done = {
                    "id": "c",
                    "object": "chat.completion.chunk",
                    "created": 0,
                    "model": "m",
                    "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
                }
                self.wfile.write(f"data: {json.dumps(done)}\n\ndata: [DONE]\n\n".encode())

        return Handler
