"""Single-flight reloads across processes.

- Local store: an exclusive OS lock on ``<data_dir>/reload.lock`` (``filelock``: flock on POSIX, msvcrt on
  Windows). The OS drops it when the holder dies, even by ``kill -9``, so a crashed reload never blocks the
  next one. Who holds it is written beside it, in ``reload.lock.holder``.
- Chroma server (processes possibly on several hosts): a lease record in the store's meta collection,
  renewed while the reload runs and expiring ``lease_seconds`` after its holder stops renewing it. Chroma
  has no compare-and-set, so taking the lease is write-then-verify: two processes that race both read
  back the record and only the one whose write landed last proceeds.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from pathlib import Path
from typing import Protocol

from filelock import FileLock, Timeout

from retrieval.errors import IndexUnavailableError, ReloadInProgressError, is_store_failure
from retrieval.index.store import ChromaStore

log = logging.getLogger(__name__)


class ReloadLock(Protocol):
    def acquire(self) -> None: ...

    def release(self) -> None: ...


def _owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class ReadOnlyReloadLock:
    """The data dir cannot be written: questions are answered from a copy of its index, reloads refused."""

    def __init__(self, message: str) -> None:
        self.message = message

    def acquire(self) -> None:
        raise IndexUnavailableError(self.message)

    def release(self) -> None:
        pass


class FileReloadLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.holder_path = path.with_name(path.name + ".holder")
        self._lock = FileLock(path, timeout=0)

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._lock.acquire()
        except Timeout:
            try:
                holder = self.holder_path.read_text(errors="replace").strip()
            except OSError:
                holder = ""
            raise ReloadInProgressError(
                f"a reload is already running ({holder or 'another process'}); try again when it has finished"
            ) from None
        self.holder_path.write_text(f"process {os.getpid()} on {socket.gethostname()}")

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release()


class LeaseReloadLock:
    SETTLE_SECONDS = 0.3

    def __init__(self, store: ChromaStore, lease_seconds: float = 60.0) -> None:
        self.store = store
        self.lease_seconds = lease_seconds
        self.owner = _owner()
        self._stop = threading.Event()
        self._renewer: threading.Thread | None = None

    def acquire(self) -> None:
        lease = self.store.read_lease()
        now = time.time()
        if lease is not None and lease[0] != self.owner and lease[1] > now:
            holder = lease[0].rsplit(":", 1)[0].replace(":", " process ")
            until = time.strftime("%H:%M:%S UTC", time.gmtime(lease[1]))
            raise ReloadInProgressError(
                f"a reload is already running (on {holder}); try again when it has finished "
                f"(if that process died, its lease runs out at {until})"
            )
        self.store.write_lease(self.owner, now + self.lease_seconds)
        time.sleep(self.SETTLE_SECONDS)
        lease = self.store.read_lease()
        if lease is None or lease[0] != self.owner:
            raise ReloadInProgressError("another process started a reload at the same moment; try again")
        self._stop.clear()
        self._renewer = threading.Thread(target=self._renew, name="reload-lease", daemon=True)
        self._renewer.start()

    def _renew(self) -> None:
        while not self._stop.wait(self.lease_seconds / 3):
            self.store.write_lease(self.owner, time.time() + self.lease_seconds)

    def release(self) -> None:
        self._stop.set()
        if self._renewer is not None:
            self._renewer.join()
            self._renewer = None
        try:
            self.store.delete_lease(self.owner)
        except Exception as exc:
            if not is_store_failure(exc):
                raise
            # The server is gone: the lease expires by itself; the reload's own error is the one to report.
            log.warning(
                "could not release the reload lease (%s); it expires in %.0f s", exc, self.lease_seconds
            )
