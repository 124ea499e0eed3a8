"""Photos are decoded and looked at in child processes, never in the helper's own: a photo that
the header checks of helper/photos/decode.py did not foresee can then cost at most one worker, for
at most TIMEOUT_SECONDS, within MEMORY_BYTES. The helper's threads keep answering meanwhile (the
decoders hold the GIL), and the machine's memory stays its own.

- A small pool (pebble's ProcessPool, spawned processes: the helper's threads and locks are not
  forked) of WORKERS processes; a worker that runs over its time is killed and replaced.
- Each worker limits its own address space (RLIMIT_AS) to what it needs once loaded plus
  MEMORY_BYTES, so an allocation beyond that fails in the worker (MemoryError) instead of growing,
  and runs at a lower CPU priority (nice 10), so the helper's quick answers are not held up.
- At most WORKERS + QUEUE photos are in hand at once; more get PhotosBusy at once (the API answers
  429 with Retry-After), so photos never hold every one of the server's threads.

The photo's bytes go to the worker through a pipe, in memory, and nothing of them is kept.
"""
from __future__ import annotations

import atexit
import ctypes
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager

import cv2
import numpy as np
from pebble import ProcessExpired, ProcessPool

from . import check, faces
from .decode import ImageError

WORKERS = 2                       # the photo check is CPU-bound; more would only share the cores
QUEUE = 2                         # photos waiting for a worker; beyond them, PhotosBusy
TIMEOUT_SECONDS = 15.0            # a 100 MP photo takes about 1 s; a real one never nears this
MEMORY_BYTES = 512 * 1024 * 1024  # for one photo, above a loaded worker's own size
RETRY_AFTER_SECONDS = 2
REFERENCE_WAIT_SECONDS = 60.0     # how long a reference photo waits for a place (see reference_features)
OUT_OF_MEMORY = "the photo needs more memory than the helper gives one photo: it was not checked"


class PhotosBusy(RuntimeError):
    """Every worker and queue place is taken: try again in retry_after seconds."""

    def __init__(self, retry_after: float = RETRY_AFTER_SECONDS):
        super().__init__("the helper is checking other photos: try again in a moment")
        self.retry_after = retry_after


# ---- in the worker ----------------------------------------------------------------------------------
def _address_space() -> int | None:
    """This process's mapped size in bytes (Linux), or None where it cannot be read."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _die_with_the_helper(helper_pid: int) -> None:
    """Linux: the kernel kills this worker when the helper ends, however it ends (a SIGTERM or a
    crash runs no clean-up; without this the workers would outlive it)."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)   # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != helper_pid:   # the helper ended before the line above
        os._exit(0)


def _start_worker(memory_bytes: int, helper_pid: int) -> None:
    """Loads what a check needs, then caps the address space at that plus memory_bytes."""
    _die_with_the_helper(helper_pid)
    if hasattr(os, "nice"):   # the helper's own threads (drafts, health) come first on the CPU
        os.nice(10)
    try:   # glibc: threads share two malloc arenas, instead of reserving 64 MB of address space each
        ctypes.CDLL("libc.so.6").mallopt(-8, 2)   # M_ARENA_MAX
    except (OSError, AttributeError):
        pass
    # A first detection starts OpenCV's threads, so they count in the size measured below.
    faces.detect_faces(np.random.default_rng(0).integers(0, 255, (200, 200), dtype=np.uint8))
    faces._cascade("haarcascade_profileface.xml")
    size = _address_space()
    if size is None:
        return
    try:
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (size + memory_bytes, size + memory_bytes))
    except (ImportError, ValueError, OSError):
        pass   # no RLIMIT_AS here: the header checks and the timeout still hold


def _peak_rss() -> int:
    """This process's peak resident bytes: VmHWM on Linux (ru_maxrss there would count the memory of
    the process it was forked from), else ru_maxrss."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        import resource
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if os.uname().sysname == "Darwin" else peak * 1024
    except (ImportError, AttributeError):
        return 0


def _in_worker(what: str, data: bytes, want_features: bool):
    """(result, this worker's peak resident bytes, CPU seconds the check took)."""
    cpu = time.process_time()
    try:
        if what == "reference":
            result = faces.reference_features(data)
        else:
            result = check.analyze(data, want_features=want_features)
    except MemoryError:
        raise ImageError(OUT_OF_MEMORY, 413) from None
    except cv2.error as exc:
        if "memory" in str(exc).lower():
            raise ImageError(OUT_OF_MEMORY, 413) from None
        raise ImageError("the photo could not be decoded: the file may be damaged", 422) from None
    return result, _peak_rss(), time.process_time() - cpu


# ---- in the helper -----------------------------------------------------------------------------------
class PhotoWorkers:
    def __init__(self, workers: int = WORKERS, queue: int = QUEUE, timeout: float = TIMEOUT_SECONDS,
                 memory_bytes: int = MEMORY_BYTES):
        self.workers, self.timeout, self.memory_bytes = workers, timeout, memory_bytes
        self._slots = threading.BoundedSemaphore(workers + queue)
        self._held = threading.local()   # whether this thread holds a place (see place)
        self._lock = threading.Lock()
        self._pool: ProcessPool | None = None
        self.peak_rss = 0   # the largest resident size a worker reported, in bytes
        self.last_cpu_seconds = 0.0   # the last check's CPU time in its worker

    def start(self) -> ProcessPool:
        """Starts the workers (at the first photo, or earlier to have them ready)."""
        with self._lock:
            if self._pool is None or not self._pool.active:
                self._pool = ProcessPool(max_workers=self.workers, initializer=_start_worker,
                                         initargs=(self.memory_bytes, os.getpid()),
                                         context=multiprocessing.get_context("spawn"))
            return self._pool

    def warm_up(self) -> None:
        """Starts the workers and waits until each has loaded, in a background thread."""
        def run():
            try:
                futures = [self.start().schedule(os.getpid) for _ in range(self.workers)]
                for f in futures:
                    f.result(timeout=120)
            except Exception:   # the first photo starts them again
                pass
        threading.Thread(target=run, name="photo-workers", daemon=True).start()

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.stop()
                self._pool.join(timeout=10)
                self._pool = None

    @contextmanager
    def place(self, wait: float = 0.0):
        """Holds one of the WORKERS + QUEUE places (PhotosBusy when none is free within `wait`
        seconds); checks run inside it use it. A request takes its place before reading its body,
        so refused photos are never even read into memory."""
        if getattr(self._held, "place", False):
            yield
            return
        if not (self._slots.acquire(timeout=wait) if wait else self._slots.acquire(blocking=False)):
            raise PhotosBusy()
        self._held.place = True
        try:
            yield
        finally:
            self._held.place = False
            self._slots.release()

    def _run(self, what: str, data: bytes, want_features: bool = False, wait: float = 0.0):
        with self.place(wait):
            future = self.start().schedule(_in_worker, (what, bytes(data), want_features), timeout=self.timeout)
            try:
                result, peak, self.last_cpu_seconds = future.result()
            except FutureTimeout:
                raise ImageError(f"the photo took more than {self.timeout:g} seconds to check: it was not checked",
                                 422) from None
            except (ProcessExpired, BrokenProcessPool):   # the worker died (a crash in a decoder)
                raise ImageError("the photo could not be decoded: the file may be damaged", 422) from None
            self.peak_rss = max(self.peak_rss, peak)
            return result

    def analyze(self, data: bytes, want_features: bool = False):
        """check.analyze(data, want_features), in a worker."""
        return self._run("analyze", data, want_features)

    def reference_features(self, data: bytes, wait: float = REFERENCE_WAIT_SECONDS):
        """faces.reference_features(data), in a worker. A district's reference photos (one person's
        uploads, one at a time) wait for a place rather than being refused."""
        return self._run("reference", data, wait=wait)


_shared: PhotoWorkers | None = None
_shared_lock = threading.Lock()


def shared() -> PhotoWorkers:
    """The process's one pool, made at first use and stopped when the process exits."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = PhotoWorkers()
            atexit.register(_shared.close)
        return _shared


def analyze(data: bytes, want_features: bool = False):
    return shared().analyze(data, want_features)


def reference_features(data: bytes):
    return shared().reference_features(data)
