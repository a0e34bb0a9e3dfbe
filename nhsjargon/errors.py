"""Errors a user can cause, each with the exit code the README documents."""

from __future__ import annotations

# Exit codes (documented in README.md).
EXIT_OK = 0
EXIT_NOT_FOUND = 1  # unknown term; `check` found problems
EXIT_USAGE = 2  # bad option or argument
EXIT_DATA = 3  # a knowledge-base file is unreadable, malformed or invalid
EXIT_INPUT = 4  # a document to read cannot be opened or decoded
EXIT_INTERNAL = 70  # a bug in nhsjargon (EX_SOFTWARE)
EXIT_INTERRUPTED = 130  # Ctrl-C


class JargonError(Exception):
    """An error meant for the user: one line of message, an optional hint, an exit code."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class UnknownTermError(JargonError):
    """A term the knowledge base does not know; `suggestions` are close spellings it does."""

    exit_code = EXIT_NOT_FOUND

    def __init__(self, message: str, hint: str | None = None, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(message, hint)
        self.suggestions = suggestions


class DataError(JargonError):
    """A knowledge-base file could not be loaded or failed validation."""

    exit_code = EXIT_DATA

    def __init__(
        self, message: str, problems: tuple[str, ...] = (), hint: str | None = None, path: str | None = None
    ):
        super().__init__(message, hint)
        self.problems = problems
        self.path = path  # the file at fault, when there is one (the CLI suggests validating it)


class InputError(JargonError):
    exit_code = EXIT_INPUT


class UsageError(JargonError):
    exit_code = EXIT_USAGE


class OutputError(JargonError):
    """Standard output could not be written (a full disk, an I/O error)."""

    exit_code = 1


class FindingsError(JargonError):
    """`check` found problems: the findings go to stdout, this summary line to stderr."""

    exit_code = EXIT_NOT_FOUND


def file_error(path: object, exc: OSError, expected: str) -> str:
    """One line for a file that could not be opened or read (knowledge base or document)."""
    if isinstance(exc, FileNotFoundError):
        return f"{path}: no such file"
    if isinstance(exc, IsADirectoryError):
        return f"{path}: is a directory, not {expected}"
    if isinstance(exc, PermissionError):
        return f"{path}: permission denied"
    return f"{path}: cannot read ({exc.strerror or exc})"
