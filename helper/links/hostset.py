"""A read-only set of ASCII host names kept as one sorted block of bytes and searched by bisection.

Why not a Python set: 200,000 feed hosts as a set of str take about 25 MB; this takes the file's
size plus 4 bytes a host (about 5 MB), and a lookup is still a few microseconds."""
from __future__ import annotations

import bisect
from array import array
from itertools import accumulate

from .feed_hosts import host_of


class HostSet:
    def __init__(self, blob: bytes):
        """blob: sorted, distinct, lower-case ASCII host names, each followed by a newline."""
        self._blob = blob
        lines = blob.split(b"\n")[:-1]   # a moment's list; what stays is the block and 4 bytes a host
        # _ends[i]: where the line after host i starts.
        self._ends = array("I" if array("I").itemsize >= 4 else "L", accumulate(len(line) + 1 for line in lines))

    @classmethod
    def from_hosts(cls, hosts) -> "HostSet":
        return cls(encode(hosts))

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, i: int) -> bytes:
        # bisect reads the block through this: the i-th host, as bytes.
        if not 0 <= i < len(self._ends):
            raise IndexError(i)
        start = self._ends[i - 1] if i else 0
        return self._blob[start:self._ends[i] - 1]

    def __contains__(self, host) -> bool:
        if not isinstance(host, str) or not host:
            return False
        if not host.isascii():   # a Unicode host is stored in its punycode form
            host = host_of(host)[0]
            if host is None:
                return False
        key = host.encode("ascii")
        i = bisect.bisect_left(self, key)
        return i < len(self._ends) and self[i] == key

    def __iter__(self):
        return (self[i].decode("ascii") for i in range(len(self._ends)))

    def nbytes(self) -> int:
        """Memory held: the block and its index."""
        return len(self._blob) + self._ends.itemsize * len(self._ends)


def encode(hosts) -> bytes:
    """The block HostSet reads: sorted, distinct, one host a line."""
    return "".join(host + "\n" for host in sorted(set(hosts))).encode("ascii")
