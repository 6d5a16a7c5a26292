"""When the twin's files and folders were created and last written, on the lab clock.

A store of files (a host's C: drive, a shared volume) keeps, beside its names and texts, ``times``: for each item
(by the same lower-case key as its text) ``[created, written]`` in lab-clock seconds. Windows sets both when an item
is created, the write time whenever its content changes; a copy keeps the source's write time and is created now
(CopyFile preserves the last write time: https://learn.microsoft.com/windows/win32/api/winbase/nf-winbase-copyfile);
a move keeps both. An item the twin has no time for (made before the lab's clock started: Windows' own folders,
a state from before times were kept) is dated at the lab's epoch, when the lab's servers were installed.

The last access time is not kept: Windows Server 2019 and later do not update it on large volumes by default
(fsutil behavior query disablelastaccess, https://learn.microsoft.com/windows-server/administration/windows-commands/fsutil-behavior),
so reading it is refused rather than guessed (labkit.twin.unmodelled).
"""

from __future__ import annotations

from datetime import datetime

from labkit.twin.clock import lab_time


def stamp(times: dict[str, list[float]], key: str, now: float, *, keep_created: bool = True) -> None:
    """The item at ``key`` was written at ``now`` (created now too, unless it has a creation time)."""
    k = key.lower()
    old = times.get(k)
    times[k] = [old[0] if old and keep_created else now, now]


def created_now(times: dict[str, list[float]], key: str, now: float, written: float) -> None:
    """A copy: created ``now``, its write time the source's."""
    times[key.lower()] = [now, written]


def times_of(times: dict[str, list[float]], key: str) -> tuple[datetime, datetime]:
    """(CreationTime, LastWriteTime) of the item at ``key``."""
    created, written = times.get(key.lower(), (0.0, 0.0))
    return lab_time(created), lab_time(written)


def written_at(times: dict[str, list[float]], key: str) -> float:
    return times.get(key.lower(), (0.0, 0.0))[1]


def drop(times: dict[str, list[float]], key: str) -> None:
    """The item at ``key`` and everything below it are gone."""
    k = key.lower()
    for t in [t for t in times if t == k or t.startswith(k + "\\")]:
        del times[t]


def moved(src: dict[str, list[float]], skey: str, dst: dict[str, list[float]], dkey: str) -> None:
    """The item at ``skey`` (and what is below it) is now at ``dkey``, its times kept."""
    s, d = skey.lower(), dkey.lower()
    for t in [t for t in src if t == s or t.startswith(s + "\\")]:
        dst[d + t[len(s):]] = src.pop(t)
