"""What a process and its children (uvicorn workers) cost, read from /proc: CPU time and
resident memory. The parsers take the files' text, so they are tested without a process."""

import os
from dataclasses import dataclass
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Stat:
    """The fields of /proc/<pid>/stat that the bench reads."""

    parent: int
    user_ticks: int
    system_ticks: int


def parse_stat(text: str) -> Stat:
    """/proc/<pid>/stat: the name in parentheses may hold spaces and ')', so split after the
    last ')'; then state is field 3, ppid 4, utime 14 and stime 15 (proc(5))."""
    fields = text.rsplit(")", 1)[1].split()
    return Stat(parent=int(fields[1]), user_ticks=int(fields[11]), system_ticks=int(fields[12]))


def parse_rss_kib(status: str) -> int:
    """VmRSS of /proc/<pid>/status in KiB; 0 for a zombie, which has none."""
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _read(path: str) -> str | None:
    try:
        return Path(path).read_text()
    except OSError:  # the process ended while we looked
        return None


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            text = _read(f"{entry}/stat")
            if text is not None and parse_stat(text).parent == pid:
                found.append(int(entry.name))
    return found


def tree(pid: int) -> list[int]:
    """`pid` and all its descendants."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children(current))
    return found


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of `pid` and its living descendants, in seconds."""
    ticks = 0
    for each in tree(pid):
        text = _read(f"/proc/{each}/stat")
        if text is not None:
            stat = parse_stat(text)
            ticks += stat.user_ticks + stat.system_ticks
    return ticks / CLOCK_TICKS


def tree_rss_mib(pid: int) -> float:
    """RSS of `pid` and all its descendants, in MiB."""
    return sum(parse_rss_kib(_read(f"/proc/{each}/status") or "") for each in tree(pid)) / 1024


def mib_and_mb(mib: float) -> str:
    """A size in MiB, and in MB (10**6 bytes), the unit of issue 15's "<= 100 MB"."""
    return f"{mib:.1f} MiB ({mib * 2**20 / 10**6:.1f} MB)"


def cpu_readings(pids: dict[str, int]) -> dict[str, float]:
    """CPU seconds so far of each named process tree."""
    return {name: cpu_seconds(pid) for name, pid in pids.items()}


def cpu_ms_per_operation(
    before: dict[str, float], after: dict[str, float], operations: int
) -> dict[str, float]:
    """Each process's CPU between two readings, in milliseconds per operation."""
    return {name: (after[name] - before[name]) * 1000 / max(operations, 1) for name in before}
