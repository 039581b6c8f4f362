"""GalleyClient: reads prompts over /api/v1 with a TTL cache and renders them locally."""

from __future__ import annotations

import json
import random
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Union

from .cache import Cache, Entry
from .errors import GalleyError, Unavailable, error_from_response
from .render import render_content

USER_AGENT = "galley-client-python/0.1.0"


@dataclass
class Response:
    status: int
    headers: Dict[str, str]  # lower-case names
    body: bytes


# fetch(method, url, headers, body, timeout) -> Response; raises OSError on network failure.
Fetch = Callable[[str, str, Dict[str, str], Optional[bytes], float], Response]


@dataclass
class Prompt:
    slug: str
    content: Dict[str, Any]
    name: str = ""
    environment: str = ""
    kind: str = "release"
    version: Optional[int] = None
    revision: Optional[int] = None
    content_hash: str = ""
    canary: bool = False
    #: True when this is the caller's fallback, not something the API served.
    fallback: bool = False
    raw: Dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_api(cls, body: Mapping[str, Any]) -> "Prompt":
        return cls(
            slug=body["slug"], content=body["content"], name=body.get("name", ""), environment=body.get("environment", ""),
            kind=body.get("kind", "release"), version=body.get("version"), revision=body.get("revision"),
            content_hash=body.get("contentHash", ""), canary=bool(body.get("canary")), raw=dict(body),
        )


@dataclass
class Rendered:
    messages: List[Dict[str, str]]
    text: str
    version: Optional[int] = None
    revision: Optional[int] = None
    content_hash: str = ""
    fallback: bool = False


FallbackPrompt = Union[Prompt, Mapping[str, Any]]


def urllib_fetch(method: str, url: str, headers: Dict[str, str], body: Optional[bytes], timeout: float) -> Response:
    request = urllib.request.Request(url, data=body, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as res:
            return Response(res.status, {k.lower(): v for k, v in res.headers.items()}, res.read())
    except urllib.error.HTTPError as e:  # any non-2xx, 304 included
        with e:
            return Response(e.code, {k.lower(): v for k, v in e.headers.items()}, e.read())
    except urllib.error.URLError as e:
        reason = e.reason
        raise reason if isinstance(reason, OSError) else OSError(str(reason)) from e


class GalleyClient:
    """Thread-safe. ``ttl``: seconds a fetched prompt is fresh; for ``stale_ttl`` more it is served
    while one background thread per key revalidates it with If-None-Match."""

    def __init__(
        self,
        base_url: str,
        api_key: str,
        ttl: float = 60.0,
        timeout: float = 5.0,
        retries: int = 2,
        fetch: Optional[Fetch] = None,
        stale_ttl: float = 300.0,
        backoff: float = 0.2,
        max_retry_after: float = 10.0,
        canary_key: Optional[str] = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout
        self.retries = max(0, retries)
        self.backoff = backoff
        self.max_retry_after = max_retry_after
        self.canary_key = canary_key
        self._fetch: Fetch = fetch or urllib_fetch
        self._cache = Cache(ttl, stale_ttl)
        self.last_background_error: Optional[BaseException] = None

    # ---- HTTP ---------------------------------------------------------------------------

    def _headers(self, extra: Optional[Dict[str, str]] = None) -> Dict[str, str]:
        headers = {"Authorization": f"Bearer {self.api_key}", "Accept": "application/json", "User-Agent": USER_AGENT}
        if self.canary_key:
            headers["X-Galley-Canary-Key"] = self.canary_key
        headers.update(extra or {})
        return headers

    def _delay(self, attempt: int, retry_after: Optional[str]) -> float:
        if retry_after:
            try:
                return min(max(float(retry_after), 0.0), self.max_retry_after)
            except ValueError:
                pass
        return self.backoff * (2**attempt) * (0.5 + random.random() / 2)

    def _request(self, method: str, path: str, headers: Dict[str, str], body: Optional[bytes] = None) -> Response:
        """Sends with retries on network errors, 429 and 5xx; returns the last answer."""
        url = self.base_url + path
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                res = self._fetch(method, url, headers, body, self.timeout)
            except (OSError, socket.timeout) as e:
                if last:
                    raise Unavailable(f"Galley is unreachable at {self.base_url}: {e}", code="unreachable") from e
                time.sleep(self._delay(attempt, None))
                continue
            if (res.status == 429 or res.status >= 500) and not last:
                time.sleep(self._delay(attempt, res.headers.get("retry-after")))
                continue
            return res
        raise AssertionError("unreachable")

    @staticmethod
    def _json(res: Response) -> Any:
        try:
            return json.loads(res.body.decode("utf-8")) if res.body else None
        except ValueError:
            return None

    # ---- Cache --------------------------------------------------------------------------

    @staticmethod
    def _path(slug: str, version: Optional[int]) -> str:
        path = "/api/v1/prompts/" + urllib.parse.quote(slug, safe="")
        return path + (f"?version={int(version)}" if version is not None else "")

    def _load(self, key: str) -> Prompt:
        """One GET of ``key``, revalidating the cached copy; stores and returns the result."""
        cached = self._cache.get(key)
        extra = {"If-None-Match": cached.etag} if cached and cached.etag else {}
        res = self._request("GET", key, self._headers(extra))
        if res.status == 304 and cached is not None:
            self._cache.touch(key)
            return cached.value
        body = self._json(res)
        if res.status != 200 or not isinstance(body, dict):
            raise error_from_response(res.status, body)
        prompt = Prompt.from_api(body)
        self._cache.set(key, prompt, res.headers.get("etag"), "immutable" in res.headers.get("cache-control", ""))
        return prompt

    def _refresh_in_background(self, key: str) -> None:
        lock = self._cache.key_lock(key)
        if not lock.acquire(blocking=False):
            return  # a refresh of this key is already running

        def run() -> None:
            try:
                self._load(key)
            except BaseException as e:  # kept for inspection; the stale copy stays
                self.last_background_error = e
            finally:
                lock.release()

        threading.Thread(target=run, name=f"galley-refresh {key}", daemon=True).start()

    def _get_entry(self, key: str) -> Prompt:
        entry = self._cache.get(key)
        state = self._cache.state(entry)
        if entry is not None and state == "fresh":
            return entry.value
        if entry is not None and state == "stale":
            self._refresh_in_background(key)
            return entry.value
        with self._cache.key_lock(key):
            latest: Optional[Entry] = self._cache.get(key)
            if latest is not None and latest is not entry and self._cache.state(latest) == "fresh":
                return latest.value  # another thread fetched it while we waited
            try:
                return self._load(key)
            except Unavailable:
                if latest is not None:
                    return latest.value  # any cached copy beats an outage
                raise

    # ---- Public API ---------------------------------------------------------------------

    def get(self, slug: str, version: Optional[int] = None, fallback: Optional[FallbackPrompt] = None) -> Prompt:
        """What the key's environment serves (or release ``version``).

        ``fallback`` (a Prompt, a served-prompt dict, or bare content ``{blocks, variables, model}``)
        is returned, with ``fallback=True``, when the API is unreachable and nothing is cached.
        """
        try:
            return self._get_entry(self._path(slug, version))
        except Unavailable:
            if fallback is None:
                raise
            return self._as_fallback(slug, fallback)

    def render(
        self,
        slug: str,
        variables: Optional[Mapping[str, Any]] = None,
        version: Optional[int] = None,
        fallback: Optional[FallbackPrompt] = None,
        placeholders: Optional[Mapping[str, Any]] = None,
    ) -> Rendered:
        """Renders locally from the cached content (no round trip when warm).

        ``placeholders`` maps a placeholder's name to the messages inserted in its place.
        Raises InvalidVariables naming missing or mistyped variables (and missing required
        placeholders), as the server would.
        """
        prompt = self.get(slug, version=version, fallback=fallback)
        messages, text = render_content(prompt.content, dict(variables or {}), placeholders)
        return Rendered(messages, text, prompt.version, prompt.revision, prompt.content_hash, prompt.fallback)

    def render_remote(self, slug: str, variables: Optional[Mapping[str, Any]] = None, version: Optional[int] = None) -> Rendered:
        """POST /render: the server's own rendering (one round trip, no cache)."""
        payload: Dict[str, Any] = {"variables": dict(variables or {})}
        if version is not None:
            payload["version"] = version
        body = json.dumps(payload).encode("utf-8")
        res = self._request("POST", self._path(slug, None) + "/render", self._headers({"Content-Type": "application/json"}), body)
        data = self._json(res)
        if res.status != 200 or not isinstance(data, dict):
            raise error_from_response(res.status, data)
        return Rendered(data["messages"], data["text"], data.get("version"), data.get("revision"), data.get("contentHash", ""))

    def prefetch(self, slugs: Iterable[str]) -> Dict[str, GalleyError]:
        """Warms the cache for ``slugs`` in parallel; returns the errors by slug (empty when all loaded)."""
        errors: Dict[str, GalleyError] = {}
        lock = threading.Lock()

        def one(slug: str) -> None:
            try:
                self.get(slug)
            except GalleyError as e:
                with lock:
                    errors[slug] = e

        threads = [threading.Thread(target=one, args=(slug,), daemon=True) for slug in dict.fromkeys(slugs)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return errors

    def invalidate(self, slug: Optional[str] = None) -> None:
        """Forgets ``slug`` (every version of it), or everything."""
        if slug is None:
            self._cache.delete_where(lambda _key: True)
            return
        base = self._path(slug, None)
        self._cache.delete_where(lambda key: key == base or key.startswith(base + "?"))

    @staticmethod
    def _as_fallback(slug: str, fallback: FallbackPrompt) -> Prompt:
        if isinstance(fallback, Prompt):
            source: Mapping[str, Any] = {"slug": fallback.slug, "content": fallback.content, "name": fallback.name}
        elif "content" in fallback:
            source = {"slug": slug, **fallback}
        else:
            source = {"slug": slug, "content": dict(fallback)}
        prompt = Prompt.from_api(source)
        prompt.fallback = True
        return prompt
