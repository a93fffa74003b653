"""Reports held on disk, in order, until a batch has been read whole.

A conflict found in the last file of an archive must still reach the table of the first
file, so nothing can be written before every file is read; holding the reports in a
temporary file instead of a list keeps memory flat however large the archive.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator
from types import TracebackType

from ..records import RegionReport

__all__ = ["ReportSpool"]


class ReportSpool:
    """Append reports, then read them back in the same order (once). The temporary file is
    gone when the spool is closed, or the process ends."""

    def __init__(self) -> None:
        # closed by close() (or __exit__): the spool outlives any one block of its owner
        self._file = tempfile.TemporaryFile(  # noqa: SIM115
            prefix="transparantie-", suffix=".spool")
        self._count = 0

    def append(self, report: RegionReport) -> None:
        pickle.dump(report, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self._count += 1

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[RegionReport]:
        self._file.seek(0)
        for _ in range(self._count):
            # only what append wrote, in this process: nothing from outside is unpickled
            report: RegionReport = pickle.load(self._file)
            yield report

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> ReportSpool:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()
