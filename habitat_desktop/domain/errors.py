"""Domain exceptions: each carries a message meant for the user."""

from __future__ import annotations


class HabitatError(Exception):
    """An error the user can understand and act on; fronts print it, nothing else catches broadly."""

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled as it is, without calling ``__init__`` again (subclasses take other arguments): a worker
        process that checks an export hands its error back this way (``exchange/preparing.py``)."""
        return (_rebuilt, (type(self), self.args, self.__dict__))


def _rebuilt(kind: type[HabitatError], args: tuple[object, ...], state: dict[str, object]) -> HabitatError:
    error = kind.__new__(kind)
    error.args = args
    error.__dict__.update(state)
    return error


class ValidationError(HabitatError):
    """A value that breaks a rule, naming the field (and the line of a file, when there is one)."""

    def __init__(self, field: str, reason: str, *, source: str | None = None, line: int | None = None) -> None:
        self.field = field
        self.reason = reason
        self.source = source
        self.line = line
        super().__init__(self._compose())

    def located(self, source: str, line: int | None) -> ValidationError:
        """The same error, placed at a line of a file."""
        return ValidationError(self.field, self.reason, source=source, line=line)

    def _compose(self) -> str:
        where = ""
        if self.source is not None:
            where = f"{self.source}:{self.line}: " if self.line is not None else f"{self.source}: "
        return f"{where}{self.field}: {self.reason}"


class WorkspaceError(HabitatError):
    """A workspace file that cannot be opened, created or changed, and why."""
