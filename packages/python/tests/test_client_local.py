"""Cache and retry logic against a real HTTP server on 127.0.0.1 (no Galley needed)."""

import json
import pathlib
import sys
import threading
import time
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, List, Optional

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

from galley_client import GalleyClient, InvalidVariables, NotFound, Unauthorized, Unavailable  # noqa: E402

CONTENT = {
    "blocks": [{"id": "a", "kind": "user", "title": "User", "body": "Hi {{name}}", "enabled": True}],
    "variables": [{"name": "name", "type": "string", "required": True}],
    "model": {"provider": "openai", "model": "m", "params": {}},
}


class State:
    def __init__(self) -> None:
        self.requests: List[Any] = []
        self.script: List[int] = []  # statuses to answer before normal service
        self.etag = '"h1"'


class Handler(BaseHTTPRequestHandler):
    state: State

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        s = self.state
        s.requests.append((self.path, self.headers.get("If-None-Match"), self.headers.get("Authorization")))
        if s.script:
            status = s.script.pop(0)
            self.send_response(status)
            if status == 429:
                self.send_header("Retry-After", "0")
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(json.dumps({"error": {"code": "x", "message": f"status {status}"}}).encode())
            return
        if "missing" in self.path:
            self.send_response(404)
            self.end_headers()
            self.wfile.write(b'{"error":{"code":"not_found","message":"No prompt"}}')
            return
        if self.headers.get("If-None-Match") == s.etag:
            self.send_response(304)
            self.send_header("ETag", s.etag)
            self.end_headers()
            return
        body = {"slug": "p", "name": "P", "environment": "production", "kind": "release", "version": 1, "contentHash": "h1", "content": CONTENT}
        self.send_response(200)
        self.send_header("ETag", s.etag)
        self.send_header("Cache-Control", "private, no-cache")
        self.end_headers()
        self.wfile.write(json.dumps(body).encode())


class LocalServer(unittest.TestCase):
    def setUp(self) -> None:
        self.state = State()
        handler = type("H", (Handler,), {"state": self.state})
        self.server: Optional[ThreadingHTTPServer] = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def tearDown(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    def client(self, **kw: Any) -> GalleyClient:
        kw.setdefault("backoff", 0.01)
        return GalleyClient(self.base, "glk_prod_test", **kw)

    def test_cached_within_ttl_and_renders_locally(self) -> None:
        c = self.client(ttl=60)
        self.assertEqual(c.get("p").version, 1)
        r = c.render("p", {"name": "Ada"})
        self.assertEqual(r.messages, [{"role": "user", "content": "Hi Ada"}])
        self.assertEqual(len(self.state.requests), 1)
        self.assertEqual(self.state.requests[0][2], "Bearer glk_prod_test")
        with self.assertRaises(InvalidVariables) as caught:
            c.render("p", {})
        self.assertEqual(caught.exception.names, ["name"])

    def test_etag_revalidation_after_ttl(self) -> None:
        c = self.client(ttl=0.05, stale_ttl=0)
        first = c.get("p")
        time.sleep(0.1)
        second = c.get("p")
        self.assertIs(second, first)
        self.assertEqual([r[1] for r in self.state.requests], [None, '"h1"'])

    def test_stale_while_revalidate_refreshes_in_background(self) -> None:
        c = self.client(ttl=0.05, stale_ttl=60)
        c.get("p")
        time.sleep(0.1)
        c.get("p")  # served stale at once
        deadline = time.time() + 5
        while len(self.state.requests) < 2 and time.time() < deadline:
            time.sleep(0.01)
        self.assertEqual(len(self.state.requests), 2)

    def test_retries_5xx_and_429(self) -> None:
        self.state.script = [503, 429]
        self.assertEqual(self.client(retries=2).get("p").version, 1)
        self.assertEqual(len(self.state.requests), 3)

    def test_gives_up_after_retries(self) -> None:
        self.state.script = [500, 500, 500]
        with self.assertRaises(Unavailable) as caught:
            self.client(retries=2).get("p")
        self.assertEqual(caught.exception.status, 500)

    def test_client_errors_are_not_retried(self) -> None:
        self.state.script = [401]
        with self.assertRaises(Unauthorized):
            self.client().get("p")
        with self.assertRaises(NotFound) as caught:
            self.client().get("missing")
        self.assertEqual(caught.exception.code, "not_found")
        self.assertEqual(len(self.state.requests), 2)

    def test_outage_serves_cache_then_fallback(self) -> None:
        c = self.client(ttl=0.01, stale_ttl=0, retries=0)
        c.get("p")
        self.server.shutdown()
        self.server.server_close()
        self.server = None
        time.sleep(0.05)
        self.assertFalse(c.get("p").fallback)  # expired copy beats an outage
        c.invalidate("p")
        with self.assertRaises(Unavailable):
            c.get("p")
        fb = c.render("p", {"name": "Bo"}, fallback=CONTENT)
        self.assertTrue(fb.fallback)
        self.assertEqual(fb.text, "Hi Bo")

    def test_prefetch_and_invalidate(self) -> None:
        c = self.client()
        errors = c.prefetch(["p", "missing"])
        self.assertEqual(list(errors), ["missing"])
        c.get("p")
        self.assertEqual(len(self.state.requests), 2)
        c.invalidate()
        c.get("p")
        self.assertEqual(len(self.state.requests), 3)


if __name__ == "__main__":
    unittest.main()
