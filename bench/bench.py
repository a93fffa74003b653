"""Benchmark of transparantie-parser against its own targets; run with ``make bench``.

Measures, in one run (so that every ratio compares numbers taken minutes apart on the same
machine):

1. ``parse_pdf`` (default engine) vs pdfplumber's own ``page.extract_words()``, per page;
2. ``parse_pdf(engine="pdfium")`` vs the default engine, and vs ``pdftotext -layout``;
3. ``convert --jobs 1`` vs ``--jobs 2`` end to end on 200+ pages (and that the CSVs match);
4. peak RSS of ``convert`` (process tree and parent alone) on 50 and on 1,000 files.

Prints a Markdown report and writes the same to ``bench/last-run.md``. Exits 0 whatever the
targets say (it is a report); non-zero only when something crashed.
"""

from __future__ import annotations

import datetime
import gc
import math
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pdfplumber

import transparantie_parser as tp

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "pdf"
REPORT_PATH = Path(__file__).resolve().parent / "last-run.md"

REPEATS = 3  # timed passes over the fixtures for 1 and 2 (after one warm-up pass); best kept
MIN_CONVERT_PAGES = 200  # section 3 converts more pages than this
MEMORY_FILE_COUNTS = (50, 1000)  # section 4
MEMORY_ARGS = ("--engine", "pdfium", "--jobs", "2")  # keeps 1,000 files to a minute or so
SAMPLE_INTERVAL = 0.02  # seconds between RSS samples
BUSY_CORES = 0.25  # other processes taking this many cores on average: say the run was noisy

# The targets
TARGET_WORDS = 1.3
TARGET_PDFIUM = 8.0
TARGET_JOBS = 1.7
TARGET_MEMORY = 1.2


# --- report ---------------------------------------------------------------------------------

@dataclass
class Report:
    """The Markdown report, printed section by section as it is measured."""

    lines: list[str] = field(default_factory=list)
    summary: list[tuple[str, str, str, str]] = field(default_factory=list)
    other_load: dict[str, float] = field(default_factory=dict)

    def add(self, *lines: str) -> None:
        for line in lines:
            print(line, flush=True)
            self.lines.append(line)

    def table(self, head: Sequence[str], rows: Sequence[Sequence[str]],
              right: Sequence[int] = ()) -> None:
        align = ["---:" if i in right else "---" for i in range(len(head))]
        self.add("| " + " | ".join(head) + " |", "| " + " | ".join(align) + " |")
        for row in rows:
            self.add("| " + " | ".join(row) + " |")
        self.add("")

    def target(self, name: str, goal: str, value: float, limit: float, *,
               at_most: bool, unit: str = "x") -> None:
        passed = value <= limit if at_most else value >= limit
        self.summary.append((name, goal, f"{value:.2f}{unit}", "PASS" if passed else "FAIL"))

    def info(self, name: str, measured: str) -> None:
        self.summary.append((name, "(no target)", measured, "info"))

    def load(self, section: str, others: float | None) -> None:
        """Say how much CPU other processes took while the section ran."""
        if others is None:
            return
        self.other_load[section] = others
        self.add(f"Other processes used {others:.2f} of {os.cpu_count()} cores on average "
                 "while this section ran.", "")


def progress(message: str) -> None:
    """A line on stderr while measuring; not part of the report."""
    print(f"  … {message}", file=sys.stderr, flush=True)


# --- the machine and what else runs on it --------------------------------------------------

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


# --- fixtures -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Fixture:
    path: Path
    pages: int
    tables: int


def load_fixtures() -> list[Fixture]:
    paths = sorted(FIXTURES.glob("*.pdf"))
    if not paths:
        raise RuntimeError(f"no fixture PDFs in {FIXTURES}")
    fixtures = []
    for path in paths:
        with pdfplumber.open(path) as pdf:
            pages = len(pdf.pages)
        fixtures.append(Fixture(path, pages, len(tp.parse_pdf(path))))
    return fixtures


# --- 1 and 2: per page ----------------------------------------------------------------------

def run_extract_words(path: Path) -> None:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()


def run_parse_pdfplumber(path: Path) -> None:
    tp.parse_pdf(path)


def run_parse_pdfium(path: Path) -> None:
    tp.parse_pdf(path, engine="pdfium")


def make_pdftotext(exe: str) -> Callable[[Path], None]:
    def run_pdftotext(path: Path) -> None:
        subprocess.run([exe, "-layout", str(path), "-"], stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL, check=True)

    return run_pdftotext


def time_once(run: Callable[[Path], None], path: Path) -> float:
    gc.collect()
    start = time.perf_counter()
    run(path)
    return time.perf_counter() - start


def best_times(methods: dict[str, Callable[[Path], None]],
               fixtures: Sequence[Fixture]) -> dict[str, list[float]]:
    """Best of REPEATS seconds, per method and file, after one warm-up pass. The methods take
    turns on each file, so that a busy moment of the machine hits them all alike."""
    best = {name: [math.inf] * len(fixtures) for name in methods}
    for rep in range(REPEATS + 1):
        progress("warm-up pass" if rep == 0 else f"timed pass {rep}/{REPEATS}")
        for i, fixture in enumerate(fixtures):
            for name, run in methods.items():
                seconds = time_once(run, fixture.path)
                if rep > 0:
                    best[name][i] = min(best[name][i], seconds)
    return best


def ms_per_page(seconds: Sequence[float], pages: int) -> float:
    return 1000 * sum(seconds) / pages


def measure_per_page(report: Report, fixtures: Sequence[Fixture]) -> None:
    pages = sum(f.pages for f in fixtures)
    methods: dict[str, Callable[[Path], None]] = {
        "extract_words": run_extract_words,
        "parse_pdf": run_parse_pdfplumber,
        "parse_pdf_pdfium": run_parse_pdfium,
    }
    exe = shutil.which("pdftotext")
    if exe is not None:
        methods["pdftotext"] = make_pdftotext(exe)
    watch = CpuWatch.start()
    best = best_times(methods, fixtures)
    others = watch.others()
    per_page = {name: ms_per_page(times, pages) for name, times in best.items()}
    how = (f"Every fixture PDF, each timed {REPEATS}x after a warm-up pass (methods taking "
           "turns on each file); the best time per file, summed, divided by the pages. "
           "Opening the file is included in every method.")

    words, plumber = per_page["extract_words"], per_page["parse_pdf"]
    ratio_words = plumber / words
    report.add("## 1. parse_pdf (default engine, pdfplumber) vs pdfplumber `extract_words()`",
               "", how, "")
    report.table(["method", "ms/page"], [
        ["`pdfplumber.open(f)` + `page.extract_words()` on every page", f"{words:.1f}"],
        ["`tp.parse_pdf(f)` (pdfplumber engine)", f"{plumber:.1f}"],
    ], right=[1])
    report.add(f"**parse_pdf / extract_words: {ratio_words:.2f}x** (target ≤ {TARGET_WORDS}x)",
               "")
    report.target("parse_pdf vs extract_words (per page)", f"≤ {TARGET_WORDS}x", ratio_words,
                  TARGET_WORDS, at_most=True)

    pdfium = per_page["parse_pdf_pdfium"]
    speedup = plumber / pdfium
    report.add("## 2. PDFium engine vs default engine (and vs poppler's pdftotext)", "",
               "Same files, same passes as section 1.", "")
    rows = [
        ["`tp.parse_pdf(f)` (pdfplumber engine)", f"{plumber:.1f}", "1.00x"],
        ['`tp.parse_pdf(f, engine="pdfium")`', f"{pdfium:.1f}", f"{speedup:.2f}x"],
    ]
    if exe is not None:
        poppler = per_page["pdftotext"]
        rows.append(["`pdftotext -layout f -` (a subprocess per file)", f"{poppler:.1f}",
                     f"{plumber / poppler:.2f}x"])
    report.table(["method", "ms/page", "speed-up vs default"], rows, right=[1, 2])
    report.add(f"**PDFium speed-up: {speedup:.2f}x** (target ≥ {TARGET_PDFIUM}x)")
    report.target("pdfium engine speed-up vs default", f"≥ {TARGET_PDFIUM}x", speedup,
                  TARGET_PDFIUM, at_most=False)
    if exe is not None:
        poppler = per_page["pdftotext"]
        relation = ("slower" if pdfium > poppler else "faster")
        report.add(f"PDFium engine vs pdftotext: {pdfium / poppler:.2f}x the time "
                   f"({relation} than pdftotext, which extracts text only: no records)", "")
        report.info("pdfium engine vs pdftotext -layout (time ratio)",
                    f"{pdfium:.1f} vs {poppler:.1f} ms/page ({pdfium / poppler:.2f}x)")
    else:
        report.add("pdftotext: skipped (not on PATH).", "")
        report.info("pdfium engine vs pdftotext -layout", "skipped: pdftotext not on PATH")
    report.load("1-2", others)

    names = list(methods)
    report.add(f"Per file (ms, best of {REPEATS}):", "")
    report.table(["file", "pages", "tables", *names], [
        [f.path.name, str(f.pages), str(f.tables),
         *(f"{1000 * best[name][i]:.1f}" for name in names)]
        for i, f in enumerate(fixtures)
    ], right=list(range(1, 3 + len(names))))


# --- 3 and 4: the command line --------------------------------------------------------------

def cli() -> str:
    beside = Path(sys.executable).parent / "transparantie-parser"
    if beside.exists():
        return str(beside)
    found = shutil.which("transparantie-parser")
    if found is None:
        raise RuntimeError("the transparantie-parser command is not installed")
    return found


def copy_fixtures(fixtures: Sequence[Fixture], folder: Path, count: int) -> int:
    """``count`` copies of the fixtures, cycled, into ``folder``; returns their pages."""
    folder.mkdir(parents=True)
    pages = 0
    for i in range(count):
        fixture = fixtures[i % len(fixtures)]
        shutil.copyfile(fixture.path, folder / f"{i:05d}-{fixture.path.name}")
        pages += fixture.pages
    return pages


def convert_command(folder: Path, output: Path, *extra: str) -> list[str]:
    return [cli(), "convert", str(folder), "-o", str(output), "-q", *extra]


def check_convert(done: int, stderr: str, output: Path, what: str) -> str:
    """Raise when convert crashed; a note when it only reported failed files or issues."""
    if done not in (0, 1) or not output.exists():
        raise RuntimeError(f"{what} exited with {done}:\n{stderr[-4000:]}")
    if done == 1:
        problems = stderr.strip().splitlines()
        return (f" (exit 1: {len(problems)} stderr line(s), e.g. "
                f"{problems[0] if problems else '?'})")
    return ""


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu: float  # CPU seconds of the command and all its processes
    note: str


def run_convert(command: list[str], output: Path, what: str) -> Run:
    cpu = children_cpu_seconds()
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    note = check_convert(done.returncode, done.stderr, output, what)
    return Run(seconds, children_cpu_seconds() - cpu, note)


def measure_jobs(report: Report, fixtures: Sequence[Fixture], work: Path) -> None:
    per_set = sum(f.pages for f in fixtures)
    sets = MIN_CONVERT_PAGES // per_set + 1
    folder = work / "jobs"
    pages = copy_fixtures(fixtures, folder, sets * len(fixtures))
    files = sets * len(fixtures)
    progress("convert warm-up")
    run_convert(convert_command(FIXTURES, work / "warm.csv", "--engine", "pdfium", "--jobs",
                                "2"), work / "warm.csv", "warm-up convert")
    results: dict[int, Run] = {}
    watch = CpuWatch.start()
    for jobs in (1, 2):
        progress(f"convert --jobs {jobs} on {files} files, {pages} pages")
        output = work / f"jobs{jobs}.csv"
        results[jobs] = run_convert(convert_command(folder, output, "--jobs", str(jobs)),
                                    output, f"convert --jobs {jobs}")
    others = watch.others()
    same = (work / "jobs1.csv").read_bytes() == (work / "jobs2.csv").read_bytes()
    rows_out = (work / "jobs1.csv").read_bytes().count(b"\n") - 1
    ratio = results[1].seconds / results[2].seconds
    report.add("## 3. `convert --jobs 1` vs `--jobs 2` (default engine)", "",
               f"{files} files ({sets} copies of each fixture PDF), {pages} pages, "
               "`convert FOLDER -o OUT.csv -q --jobs N`, wall clock of the whole command "
               "(one run each, after a warm-up convert).", "")
    report.table(["jobs", "seconds", "pages/s", "CPU s (all its processes)", "cores busy"], [
        [str(jobs), f"{run.seconds:.2f}{run.note}", f"{pages / run.seconds:.1f}",
         f"{run.cpu:.1f}", f"{run.cpu / run.seconds:.2f}"]
        for jobs, run in results.items()
    ], right=[1, 2, 3, 4])
    report.add(f"**--jobs 2 / --jobs 1 throughput: {ratio:.2f}x** (target ≥ {TARGET_JOBS}x)",
               f"CSVs byte-identical: **{'yes' if same else 'NO'}** ({rows_out} rows each)", "")
    report.target("convert --jobs 2 vs --jobs 1 (throughput)", f"≥ {TARGET_JOBS}x", ratio,
                  TARGET_JOBS, at_most=False)
    report.summary.append(("--jobs 1 and --jobs 2 CSVs identical", "identical",
                           "identical" if same else "different", "PASS" if same else "FAIL"))
    report.load("3", others)


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


# --- main -----------------------------------------------------------------------------------

def main() -> int:
    began = time.perf_counter()
    report = Report()
    stamp = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    report.add("# transparantie-parser benchmark", "", f"Run {stamp} with `make bench`.", "")
    report_machine(report)
    progress("reading the fixtures")
    fixtures = load_fixtures()
    pages = sum(f.pages for f in fixtures)
    tables = sum(f.tables for f in fixtures)
    report.add(f"Fixtures: {len(fixtures)} PDFs in `fixtures/pdf`, {pages} pages, "
               f"{tables} region tables.", "")
    measure_per_page(report, fixtures)
    with tempfile.TemporaryDirectory(prefix="tp-bench-") as work:
        measure_jobs(report, fixtures, Path(work))
        measure_memory(report, fixtures, Path(work))
    if report.other_load:
        worst = max(report.other_load, key=lambda section: report.other_load[section])
        report.info("CPU taken by other processes (worst section)",
                    f"{report.other_load[worst]:.2f} of {os.cpu_count()} cores "
                    f"(section {worst})")
    report.add("## Summary", "")
    report.table(["target", "goal", "measured", "result"],
                 [list(row) for row in report.summary])
    busy = {k: v for k, v in report.other_load.items() if v >= BUSY_CORES}
    if busy:
        jobs = " (the --jobs 2 speed-up of section 3 needs a second core free)" \
            if "3" in busy else ""
        report.add("**The machine was busy with other work during section(s) "
                   f"{', '.join(busy)}**: timings there are slower than on an idle "
                   f"machine{jobs}.", "")
    report.add(f"Load average at end (1/5/15 min): {load_average()}; the whole run took "
               f"{time.perf_counter() - began:.0f} s.")
    REPORT_PATH.write_text("\n".join(report.lines) + "\n", encoding="utf-8")
    print(f"\n(written to {REPORT_PATH.relative_to(ROOT)})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
