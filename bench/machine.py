"""What machine the benchmark runs on, and how much CPU other processes take meanwhile (a
sign of noisy timings)."""

from __future__ import annotations

import os
import platform
import resource
import shutil
import subprocess
import time
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

from .inputs import ROOT
from .report import Report


def machine_busy_seconds() -> float | None:
    """CPU seconds spent so far by the whole machine (all cores), from /proc/stat."""
    try:
        with open("/proc/stat", encoding="utf-8") as handle:
            fields = handle.readline().split()
    except OSError:
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[1:9])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def children_cpu_seconds() -> float:
    """CPU seconds of the finished (waited for) subprocesses and their descendants."""
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return kids.ru_utime + kids.ru_stime


def own_cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime + children_cpu_seconds()


@dataclass(frozen=True)
class CpuWatch:
    """What the rest of the machine took while a section ran: a sign of noisy timings."""

    wall: float
    machine: float | None
    own: float

    @classmethod
    def start(cls) -> CpuWatch:
        return cls(time.perf_counter(), machine_busy_seconds(), own_cpu_seconds())

    def others(self) -> float | None:
        """Cores kept busy on average by processes other than this one and its children."""
        machine = machine_busy_seconds()
        wall = time.perf_counter() - self.wall
        if machine is None or self.machine is None or wall <= 0:
            return None
        return max(0.0, (machine - self.machine - (own_cpu_seconds() - self.own)) / wall)


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def pdftotext_version() -> str | None:
    exe = shutil.which("pdftotext")
    if exe is None:
        return None
    done = subprocess.run([exe, "-v"], capture_output=True, text=True, check=False)
    first = (done.stderr or done.stdout).strip().splitlines()
    return first[0] if first else "unknown version"


def git_head() -> str:
    # read-only: rev-parse neither refreshes nor writes the index
    try:
        done = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=False)
    except OSError:
        return "unknown"
    return done.stdout.strip() or "unknown"


def load_average() -> str:
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def report_machine(report: Report) -> None:
    cores = os.cpu_count() or 0
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    poppler = pdftotext_version()
    report.add("## Machine", "")
    report.table(["", ""], [
        ["CPU", cpu_model()],
        ["cores", f"{cores} (usable by this process: {usable})"],
        ["Python", f"{platform.python_version()} ({platform.python_implementation()})"],
        ["OS", f"{platform.system()} {platform.release()}"],
        ["transparantie-parser", f"{package_version('transparantie-parser')} (HEAD {git_head()}"
                                 ", working tree as it was during the run)"],
        ["pdfplumber", package_version("pdfplumber")],
        ["pdfminer.six", package_version("pdfminer.six")],
        ["pypdfium2", package_version("pypdfium2")],
        ["pdftotext", poppler or "not on PATH"],
        ["load average at start (1/5/15 min)", load_average()],
    ])
