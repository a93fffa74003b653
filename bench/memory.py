"""Section 4: peak memory (RSS) of ``convert`` over its whole process tree, on few and on many
files: memory must stay flat however many files there are."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .commands import check_convert, convert_command
from .inputs import Fixture, copy_fixtures
from .machine import CpuWatch
from .report import Report, progress

MEMORY_FILE_COUNTS = (50, 1000)
MEMORY_ARGS = ("--engine", "pdfium", "--jobs", "2")  # keeps 1,000 files to a minute or so
SAMPLE_INTERVAL = 0.02  # seconds between RSS samples
TARGET_MEMORY = 1.2


def children_files_work() -> bool:
    return any(Path(f"/proc/{os.getpid()}/task").glob("*/children"))


def children_by_file(pid: int) -> list[int]:
    kids: list[int] = []
    for tasks in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            kids.extend(int(k) for k in tasks.read_text().split())
        except OSError:
            continue
    return kids


def parents_of_all() -> dict[int, list[int]]:
    """pid -> child pids, from every /proc/PID/stat (when /proc/PID/task/*/children is not
    there: the kernel was built without CONFIG_PROC_CHILDREN)."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="utf-8", errors="replace") as h:
                stat = h.read()
        except OSError:
            continue
        # "pid (comm) state ppid ...": comm may hold spaces and parentheses
        fields = stat[stat.rindex(")") + 2:].split()
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    return children


def process_tree(root: int, by_file: bool) -> Iterator[int]:
    table = None if by_file else parents_of_all()
    todo = [root]
    seen: set[int] = set()
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        yield pid
        todo.extend(children_by_file(pid) if table is None else table.get(pid, []))


def rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0  # gone, or a zombie


@dataclass(frozen=True)
class Peak:
    files: int
    pages: int
    seconds: float
    tree_kib: int
    parent_kib: int
    most_processes: int
    samples: int
    note: str


def sample_convert(command: list[str], output: Path, files: int, pages: int,
                   by_file: bool) -> Peak:
    tree_peak = parent_peak = most = samples = 0
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        while process.poll() is None:
            pids = list(process_tree(process.pid, by_file))
            sizes = [rss_kib(pid) for pid in pids]
            tree_peak = max(tree_peak, sum(sizes))
            parent_peak = max(parent_peak, sizes[0] if sizes else 0)
            most = max(most, sum(1 for size in sizes if size))
            samples += 1
            time.sleep(SAMPLE_INTERVAL)
        seconds = time.perf_counter() - start
        errors.seek(0)
        stderr = errors.read().decode("utf-8", errors="replace")
    note = check_convert(process.returncode, stderr, output, f"convert on {files} files")
    return Peak(files, pages, seconds, tree_peak, parent_peak, most, samples, note)


def measure_memory(report: Report, fixtures: Sequence[Fixture], work: Path) -> None:
    by_file = children_files_work()
    peaks = []
    watch = CpuWatch.start()
    for count in MEMORY_FILE_COUNTS:
        folder = work / f"memory-{count}"
        pages = copy_fixtures(fixtures, folder, count)
        output = work / f"memory-{count}.csv"
        progress(f"convert {' '.join(MEMORY_ARGS)} on {count} files, {pages} pages, "
                 "sampling RSS")
        peaks.append(sample_convert(convert_command(folder, output, *MEMORY_ARGS), output,
                                    count, pages, by_file))
    others = watch.others()
    how = ("`/proc/PID/task/*/children`" if by_file else
           "the parent pids in every `/proc/PID/stat` (this kernel has no "
           "`/proc/PID/task/*/children`)")
    report.add("## 4. Peak memory of `convert`", "",
               f"`convert FOLDER -o OUT.csv -q {' '.join(MEMORY_ARGS)}` on copies of the "
               "fixture PDFs, cycled. Every ~20 ms: VmRSS of the convert process and all its "
               f"descendants (found through {how}), summed; and of the parent alone. Shared "
               "copy-on-write pages of the forked workers count once per process, so the sum "
               "is an upper bound of the real footprint.", "")
    report.table(
        ["files", "pages", "seconds", "pages/s", "peak RSS, tree (MiB)",
         "peak RSS, parent (MiB)", "most processes", "samples"],
        [[f"{p.files:,}", f"{p.pages:,}", f"{p.seconds:.1f}{p.note}",
          f"{p.pages / p.seconds:.1f}", f"{p.tree_kib / 1024:.1f}",
          f"{p.parent_kib / 1024:.1f}", str(p.most_processes), str(p.samples)]
         for p in peaks],
        right=list(range(8)))
    small, large = peaks[0], peaks[-1]
    ratio = large.tree_kib / small.tree_kib
    parent_ratio = large.parent_kib / small.parent_kib
    report.add(f"**Peak RSS {large.files:,} files / {small.files:,} files: {ratio:.2f}x "
               f"(tree)**, {parent_ratio:.2f}x (parent alone) (target ≤ {TARGET_MEMORY}x)", "")
    report.target(f"peak RSS {large.files:,} / {small.files:,} files (tree)",
                  f"≤ {TARGET_MEMORY}x", ratio, TARGET_MEMORY, at_most=True)
    report.target(f"peak RSS {large.files:,} / {small.files:,} files (parent alone)",
                  f"≤ {TARGET_MEMORY}x", parent_ratio, TARGET_MEMORY, at_most=True)
    report.load("4", others)
