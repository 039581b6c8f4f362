"""A thread-safe in-memory cache of served prompts, with per-key refresh locks."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional


@dataclass
class Entry:
    value: Any
    etag: Optional[str]
    fetched_at: float
    immutable: bool = False


class Cache:
    def __init__(self, ttl: float, stale_ttl: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self.stale_ttl = stale_ttl
        self.clock = clock
        self._lock = threading.Lock()
        self._entries: Dict[str, Entry] = {}
        self._key_locks: Dict[str, threading.Lock] = {}

    def get(self, key: str) -> Optional[Entry]:
        with self._lock:
            return self._entries.get(key)

    def set(self, key: str, value: Any, etag: Optional[str], immutable: bool = False) -> Entry:
        entry = Entry(value=value, etag=etag, fetched_at=self.clock(), immutable=immutable)
        with self._lock:
            self._entries[key] = entry
        return entry

    def touch(self, key: str) -> None:
        """Marks an entry fresh again (after a 304)."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                entry.fetched_at = self.clock()

    def state(self, entry: Optional[Entry]) -> str:
        """'missing', 'fresh', 'stale' (serve it and refresh in the background) or 'expired'."""
        if entry is None:
            return "missing"
        if entry.immutable:
            return "fresh"
        age = self.clock() - entry.fetched_at
        if age < self.ttl:
            return "fresh"
        return "stale" if age < self.ttl + self.stale_ttl else "expired"

    def key_lock(self, key: str) -> threading.Lock:
        """The lock held while ``key`` is being fetched: one request in flight per key."""
        with self._lock:
            lock = self._key_locks.get(key)
            if lock is None:
                lock = self._key_locks[key] = threading.Lock()
            return lock

    def delete_where(self, predicate: Callable[[str], bool]) -> None:
        with self._lock:
            for key in [k for k in self._entries if predicate(k)]:
                del self._entries[key]

    def keys(self) -> List[str]:
        with self._lock:
            return list(self._entries)
