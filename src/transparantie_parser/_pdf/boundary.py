"""One error boundary for the PDF engines: whatever a PDF library raises is turned, at
:func:`boundary`, into an :class:`~.errors.UnreadablePdfError` whose message is one clean
line. No library exception leaks past it, raw, to a caller."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from ..errors import UnreadablePdfError

__all__ = ["PageUnreadable", "boundary", "damaged", "encrypted", "library_message"]

# Libraries quote binary junk from broken files in their messages: a message is cut to this
# many characters, on one line.
_MAX_MESSAGE = 120


def library_message(err: BaseException) -> str:
    """What a PDF library said, on one line and not too long."""
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(err)).strip()
    text = text or type(err).__name__
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 3] + "..."


def encrypted(password_given: bool = False) -> UnreadablePdfError:
    if password_given:
        return UnreadablePdfError(
            "encrypted", "is encrypted and the password given does not open it")
    return UnreadablePdfError(
        "encrypted", "is encrypted and needs a password to open (a user password is set; "
                     "give it with password= or --password)")


class PageUnreadable(UnreadablePdfError):
    """``damaged``, found while reading one page: the file itself opened. (An engine that
    cannot read a page's contents says more about a file than one that found no text on it,
    and less than one that read its text: see ``api``.)"""


def damaged(said: str, page: int | None = None) -> UnreadablePdfError:
    if page is None:
        return UnreadablePdfError("damaged", f"is damaged and cannot be read ({said})")
    return PageUnreadable("damaged", f"page {page} is damaged and cannot be read ({said})")


def _out_of_memory() -> UnreadablePdfError:
    return UnreadablePdfError("too_large", "needs more memory to read than may be used")


def _nested() -> UnreadablePdfError:
    return UnreadablePdfError(
        "too_large", "nests its objects too deeply to be read (or they refer to each other "
                     "in a circle)")


def _wrapped(err: BaseException) -> BaseException:
    """The exception a library wrapped in its own (pdfplumber's ``PdfminerException``
    carries pdfminer's as its first argument)."""
    inner = err.args[0] if err.args and isinstance(err.args[0], BaseException) else None
    return inner if inner is not None else err


@contextlib.contextmanager
def boundary(is_password_error: Callable[[BaseException], bool], *, page: int | None = None,
             password_given: bool = False) -> Iterator[None]:
    """Run one step of a PDF library's work; whatever it raises leaves as our error.

    ``is_password_error`` tells the engine's own way of saying "a password is needed";
    ``page`` (1-based) is named in the message when the step reads one page;
    ``password_given`` says whether a password was tried.
    """
    try:
        yield
    except UnreadablePdfError:
        raise
    except RecursionError:
        raise _nested() from None
    except MemoryError:
        raise _out_of_memory() from None
    except Exception as err:  # libraries raise many types; all mean "cannot read"
        cause = _wrapped(err)
        if isinstance(cause, MemoryError) or "allocate" in str(err):  # zlib's way of saying it
            raise _out_of_memory() from None
        if is_password_error(err):
            raise encrypted(password_given) from None
        if isinstance(cause, RecursionError):  # Python's limit, not the file's: may fall back
            raise damaged("its objects nest too deeply for this engine to follow", page
                          ) from None
        raise damaged(library_message(err), page) from None
