"""Against a live Galley: set GALLEY_URL, GALLEY_KEY_PROD, GALLEY_KEY_DEV and GALLEY_SLUG (skipped otherwise).

GALLEY_SLUG must have a release whose content differs from its draft; GALLEY_VARIABLES (JSON)
holds values to render it with.
"""

import json
import os
import pathlib
import socket
import sys
import time
import unittest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

from galley_client import GalleyClient, NotFound  # noqa: E402

URL = os.environ.get("GALLEY_URL")
PROD = os.environ.get("GALLEY_KEY_PROD")
DEV = os.environ.get("GALLEY_KEY_DEV")
SLUG = os.environ.get("GALLEY_SLUG")
VARIABLES = json.loads(os.environ.get("GALLEY_VARIABLES") or "{}")


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@unittest.skipUnless(URL and PROD and DEV and SLUG, "GALLEY_URL, GALLEY_KEY_PROD, GALLEY_KEY_DEV and GALLEY_SLUG are not set")
class Live(unittest.TestCase):
    def test_get_release(self) -> None:
        p = GalleyClient(URL, PROD).get(SLUG)
        self.assertEqual((p.slug, p.kind, p.environment, p.fallback), (SLUG, "release", "production", False))
        self.assertIsInstance(p.version, int)
        self.assertTrue(p.content_hash)

    def test_etag_revalidation(self) -> None:
        calls = []
        from galley_client.client import urllib_fetch

        def recording(method, url, headers, body, timeout):  # type: ignore[no-untyped-def]
            res = urllib_fetch(method, url, headers, body, timeout)
            calls.append((headers.get("If-None-Match"), res.status))
            return res

        c = GalleyClient(URL, PROD, ttl=0.2, stale_ttl=0, fetch=recording)
        first = c.get(SLUG)
        time.sleep(0.3)
        second = c.get(SLUG)
        self.assertEqual(calls, [(None, 200), (f'"{first.content_hash}"', 304)])
        self.assertEqual(second.content, first.content)

    def test_local_render_equals_server(self) -> None:
        c = GalleyClient(URL, PROD)
        local = c.render(SLUG, VARIABLES)
        remote = c.render_remote(SLUG, VARIABLES)
        self.assertEqual((local.messages, local.text, local.version), (remote.messages, remote.text, remote.version))
        self.assertTrue(local.messages)

    def test_production_never_gets_the_draft(self) -> None:
        prod = GalleyClient(URL, PROD).get(SLUG)
        dev = GalleyClient(URL, DEV).get(SLUG)
        self.assertEqual((dev.kind, dev.environment), ("revision", "development"))
        self.assertNotEqual(prod.content_hash, dev.content_hash)
        self.assertEqual(prod.kind, "release")

    def test_unknown_slug(self) -> None:
        with self.assertRaises(NotFound) as caught:
            GalleyClient(URL, PROD).get("no-such-prompt-here")
        self.assertEqual((caught.exception.status, caught.exception.code), (404, "not_found"))

    def test_unreachable_with_fallback(self) -> None:
        content = GalleyClient(URL, PROD).get(SLUG).content
        c = GalleyClient(f"http://127.0.0.1:{closed_port()}", PROD, retries=1, backoff=0.01, timeout=2)
        p = c.get(SLUG, fallback=content)
        self.assertTrue(p.fallback)
        r = c.render(SLUG, VARIABLES, fallback=content)
        self.assertTrue(r.fallback)
        self.assertTrue(r.messages)


if __name__ == "__main__":
    unittest.main()
