"""Call status codes and the errors calls raise (PROTOCOL.md, section 6.4)."""

import enum


class StatusCode(enum.IntEnum):
    """The status of a finished call, with gRPC's numbering, names and meaning."""

    OK = 0
    CANCELLED = 1
    UNKNOWN = 2
    INVALID_ARGUMENT = 3
    DEADLINE_EXCEEDED = 4
    NOT_FOUND = 5
    ALREADY_EXISTS = 6
    PERMISSION_DENIED = 7
    RESOURCE_EXHAUSTED = 8
    FAILED_PRECONDITION = 9
    ABORTED = 10
    OUT_OF_RANGE = 11
    UNIMPLEMENTED = 12
    INTERNAL = 13
    UNAVAILABLE = 14
    DATA_LOSS = 15
    UNAUTHENTICATED = 16

    @classmethod
    def from_wire(cls, value):
        """The code for a wire value; UNKNOWN for a value outside 0-16."""
        try:
            return cls(value)
        except ValueError:
            return cls.UNKNOWN

    @property
    def retryable(self):
        """Whether the same call may be retried unchanged (UNAVAILABLE, RESOURCE_EXHAUSTED)."""
        return self in (StatusCode.UNAVAILABLE, StatusCode.RESOURCE_EXHAUSTED)


class RpcError(Exception):
    """A call that did not end OK: the server's trailer, or a failure the client detected.

    Attributes:
        code: the :class:`StatusCode` (never OK).
        message: what went wrong, for a person.
        details: ``google.protobuf.Any`` messages for programs (from the trailer).
        metadata: trailing metadata, a list of ``(key, value)`` pairs; values are ``str``,
            or ``bytes`` for keys ending in ``-bin``.
    """

    def __init__(self, code, message="", details=(), metadata=()):
        code = StatusCode.from_wire(int(code))
        if code == StatusCode.OK:
            code = StatusCode.UNKNOWN
        super().__init__(code, message)
        self.code = code
        self.message = message
        self.details = list(details)
        self.metadata = list(metadata)

    def __str__(self):
        return f"{self.code.name}: {self.message}" if self.message else self.code.name

    def __repr__(self):
        return f"RpcError({self.code.name}, {self.message!r})"


class HandshakeError(RpcError):
    """The connection could not be set up: no TCP or TLS connection, a server that does not
    speak this protocol or version, or a server that refused the connection. Its code is
    always UNAVAILABLE."""

    def __init__(self, message):
        super().__init__(StatusCode.UNAVAILABLE, message)
