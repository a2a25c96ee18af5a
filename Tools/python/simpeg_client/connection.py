"""A connection to a simpeg server and the calls made over it (Schema/PROTOCOL.md).

A :class:`Connection` is synchronous and not thread-safe: use one per thread (or guard it with
a lock). Calls on one connection may still be interleaved, e.g. a unary call while a response
stream is open: every frame read is handed to the call it belongs to, whichever call is reading.
"""

import collections
import dataclasses
import socket
import ssl
import struct
import time

from google.protobuf.message import DecodeError, Message

from .errors import HandshakeError, RpcError, StatusCode
from .protocol import (
    DEFAULT_INITIAL_CALL_WINDOW,
    DEFAULT_MAX_CALL_HEADER_SIZE,
    DEFAULT_MAX_CONCURRENT_CALLS,
    DEFAULT_MAX_FRAME_SIZE,
    FLAG_ACK,
    FLAG_END_STREAM,
    FRAME_HEADER_LENGTH,
    MAGIC,
    MAXIMUM_CALL_ID,
    MAXIMUM_CREDIT,
    MINIMUM_MAX_FRAME_SIZE,
    PREFACE,
    PREFACE_LENGTH,
    VERSION,
    Frame,
    FrameType,
    decode_header,
    encode_frame,
)
from simpeg.rpc.v1 import rpc_pb2

AGENT = "simpeg-client-python/1"

_CONNECTION_ERROR_NAMES = rpc_pb2.ConnectionError


@dataclasses.dataclass(frozen=True)
class ServerSettings:
    """What the server announced in its SETTINGS frame, with protocol defaults for zeros."""

    max_frame_size: int
    max_concurrent_calls: int
    initial_call_window: int
    max_call_header_size: int
    keepalive_interval_millis: int
    idle_timeout_millis: int
    agent: str


class _Violation(Exception):
    """The server broke a rule of PROTOCOL.md: the connection ends with GOAWAY ``code``."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


class _Closed(Exception):
    """The connection ended while reading or writing; ``timed_out`` when a write's deadline
    passed (the connection is then unusable, since part of a frame may have been sent)."""

    def __init__(self, reason, timed_out=False):
        super().__init__(reason)
        self.timed_out = timed_out


class _Call:
    """The client's state of one call."""

    def __init__(self, call_id, method, timeout, deadline, send_credit, window):
        self.id = call_id
        self.method = method
        self.timeout = timeout
        self.deadline = deadline
        # Bytes of MESSAGE payload this client may still send (the server's grant).
        self.send_credit = send_credit
        # Bytes the server may still send, as this client counts them.
        self.receive_credit = window
        self.window = window
        # Bytes handed to the application since the last CREDIT frame.
        self.consumed = 0
        self.messages = collections.deque()
        self.ended = False
        self.error = None
        self.trailing_metadata = []

    def finish(self, error=None, metadata=()):
        """Ends the call: OK with trailing ``metadata``, or ``error``. Only the first counts."""
        if self.ended:
            return
        self.ended = True
        self.error = error
        self.trailing_metadata = list(metadata)
        if error is not None:
            self.messages.clear()

    def raise_if_failed(self):
        """Raises the call's error, if it ended with one."""
        if self.error is not None:
            raise self.error


def _metadata_to_wire(metadata):
    """``MetadataEntry`` messages for a dict or an iterable of ``(key, value)`` pairs."""
    if metadata is None:
        return []
    pairs = metadata.items() if isinstance(metadata, dict) else metadata
    entries = []
    for key, value in pairs:
        if not key or not key.isascii() or key != key.lower() or not key.isprintable():
            raise ValueError(f"metadata key {key!r} must be non-empty lowercase ASCII")
        if key.endswith("-bin"):
            if not isinstance(value, (bytes, bytearray)):
                raise ValueError(f"metadata key {key!r} ends in -bin, so its value must be bytes")
            entries.append(rpc_pb2.MetadataEntry(key=key, binary=bytes(value)))
        else:
            if not isinstance(value, str):
                raise ValueError(f"metadata key {key!r} carries text, so its value must be str")
            entries.append(rpc_pb2.MetadataEntry(key=key, text=value))
    return entries


def _metadata_from_wire(entries):
    """``(key, value)`` pairs of ``MetadataEntry`` messages; binary values as bytes."""
    pairs = []
    for entry in entries:
        kind = entry.WhichOneof("value")
        pairs.append((entry.key, entry.binary if kind == "binary" else entry.text))
    return pairs


def _encode(request):
    """The bytes of a request: a protobuf message, or bytes already encoded."""
    if isinstance(request, (bytes, bytearray)):
        return bytes(request)
    if isinstance(request, Message):
        return request.SerializeToString()
    raise TypeError(f"a request must be a protobuf message or bytes, not {type(request).__name__}")


def _decode(payload, response_type):
    """A response of ``response_type`` (a message class), or the bytes when it is None."""
    if response_type is None:
        return payload
    try:
        return response_type.FromString(payload)
    except DecodeError:
        raise RpcError(
            StatusCode.INTERNAL,
            f"a response does not decode as {response_type.DESCRIPTOR.full_name}",
        ) from None


class Connection:
    """One connection to a simpeg server, carrying calls.

    Opening it connects, optionally over TLS, and completes the handshake (PROTOCOL.md,
    section 3): both prefaces and SETTINGS. It then takes calls until it is closed, the server
    sends GOAWAY, or the connection is lost; after that new calls fail with UNAVAILABLE and
    :attr:`usable` is false (:class:`Client` then opens a new connection).

    Args:
        host, port: the server's address.
        tls: connect with TLS (implied by ``ca_file`` or ``ssl_context``).
        ca_file: a PEM file of CA certificates to trust instead of the system's.
        server_hostname: the name the server's certificate must carry; default ``host``.
        ssl_context: an ``ssl.SSLContext`` to use as is.
        connect_timeout: seconds for TCP, TLS and the handshake together.
        max_frame_size: the largest frame (so the largest response) accepted; announced.
        initial_call_window: the credit the server holds for responses on each call; announced.

    Raises:
        HandshakeError: when no working connection could be set up.
    """

    def __init__(
        self,
        host,
        port,
        *,
        tls=False,
        ca_file=None,
        server_hostname=None,
        ssl_context=None,
        connect_timeout=10.0,
        max_frame_size=DEFAULT_MAX_FRAME_SIZE,
        initial_call_window=DEFAULT_INITIAL_CALL_WINDOW,
    ):
        if not MINIMUM_MAX_FRAME_SIZE <= max_frame_size <= 2**32 - 1:
            raise ValueError(
                f"max_frame_size must be between {MINIMUM_MAX_FRAME_SIZE} and {2**32 - 1}"
            )
        if not 1 <= initial_call_window <= MAXIMUM_CREDIT:
            raise ValueError(f"initial_call_window must be between 1 and {MAXIMUM_CREDIT}")
        self.host = host
        self.port = port
        self.target = f"{host}:{port}"
        self.max_frame_size = max_frame_size
        self.initial_call_window = initial_call_window
        self.server_settings = None
        self._sock = None
        self._calls = {}
        self._next_call_id = 1
        self._highest_call_id = 0
        self._goaway = None
        self._closed = None
        self._abandoned = collections.deque()
        self._rx_header = bytearray()
        self._rx_payload = None
        self._rx_fields = None

        deadline = time.monotonic() + connect_timeout
        use_tls = tls or ca_file is not None or ssl_context is not None
        context = ssl_context
        if use_tls and context is None:
            try:
                context = ssl.create_default_context(cafile=ca_file)
            except (OSError, ssl.SSLError) as error:
                raise HandshakeError(f"cannot load the CA file {ca_file}: {error}") from None
        try:
            sock = socket.create_connection((host, port), timeout=connect_timeout)
        except OSError as error:
            raise HandshakeError(f"cannot connect to {self.target}: {error}") from None
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if use_tls:
                sock.settimeout(max(0.001, deadline - time.monotonic()))
                sock = context.wrap_socket(sock, server_hostname=server_hostname or host)
        except ssl.SSLCertVerificationError as error:
            sock.close()
            raise HandshakeError(
                f"TLS with {self.target}: the server's certificate was not accepted "
                f"({error.verify_message}); check ca_file and server_hostname"
            ) from None
        except (OSError, ValueError) as error:
            sock.close()
            raise HandshakeError(
                f"TLS with {self.target} failed: {error}; does the server use TLS?"
            ) from None
        self._sock = sock
        try:
            self._handshake(deadline, use_tls)
        except BaseException:
            self._close_socket()
            raise

    # Public API

    @property
    def usable(self):
        """Whether new calls may start here: not closed, no GOAWAY received, ids left."""
        return (
            self._closed is None
            and self._goaway is None
            and self._next_call_id <= MAXIMUM_CALL_ID
        )

    def unary(self, method, request, response_type, timeout=None, metadata=None):
        """Makes a unary call and returns its response.

        Args:
            method: the full method name, e.g. ``"simpeg.v1.HealthService/Check"``.
            request: the request message (or its encoded bytes).
            response_type: the response message class (or None for the encoded bytes).
            timeout: seconds the call may take (sent to the server and enforced here).
            metadata: a dict or ``(key, value)`` pairs; ``str`` values, ``bytes`` for ``-bin``
                keys.

        Raises:
            RpcError: when the call does not end OK.
        """
        call = self._open(method, metadata, timeout, _encode(request), end_stream=True)
        return self._single_response(call, response_type)

    def server_streaming(self, method, request, response_type, timeout=None, metadata=None):
        """Makes a server-streaming call; returns a :class:`ResponseStream` of its responses.

        The call starts at once; iterating reads the responses and raises :class:`RpcError`
        when the call does not end OK. Arguments as for :meth:`unary`.
        """
        call = self._open(method, metadata, timeout, _encode(request), end_stream=True)
        return ResponseStream(self, call, response_type)

    def client_streaming(self, method, requests, response_type, timeout=None, metadata=None):
        """Makes a client-streaming call: sends every request of the iterable ``requests``
        (waiting for credit as flow control requires), ends the stream and returns the
        response. If iterating ``requests`` raises, the call is cancelled and the exception
        propagates. Other arguments as for :meth:`unary`.
        """
        call = self._open(method, metadata, timeout, None, end_stream=False)
        try:
            for request in requests:
                payload = _encode(request)
                self._check_message_size(payload)
                if not self._await_send_credit(call):
                    break
                call.send_credit -= len(payload)
                self._send_call_frame(call, encode_frame(FrameType.MESSAGE, call.id, payload))
            else:
                if not call.ended:
                    self._send_call_frame(call, encode_frame(FrameType.HALF_CLOSE, call.id))
        except BaseException:
            self._cancel(call, RpcError(StatusCode.CANCELLED, "the client cancelled the call"))
            raise
        return self._single_response(call, response_type)

    def close(self):
        """Closes the connection; calls still open end with UNAVAILABLE."""
        if self._closed is None:
            self._shut("the client closed it")

    def poll(self):
        """Handles the frames that have already arrived, without waiting: answers PINGs and
        notices a GOAWAY or a closed connection (see :attr:`usable`)."""
        self._flush_abandoned()
        while self._closed is None and self._pump(time.monotonic()):
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    # Handshake

    def _handshake(self, deadline, use_tls):
        settings = rpc_pb2.Settings(
            max_frame_size=self.max_frame_size,
            initial_call_window=self.initial_call_window,
            agent=AGENT,
        )
        try:
            self._write(
                PREFACE + encode_frame(FrameType.SETTINGS, 0, settings.SerializeToString()),
                deadline,
            )
            version = self._read_preface(deadline, use_tls)
            if version != VERSION:
                refusal = self._read_refusal(min(deadline, time.monotonic() + 1.0))
                raise HandshakeError(
                    f"{self.target} speaks protocol version {version}; this client speaks "
                    f"version {VERSION}" + (f" ({refusal})" if refusal else "")
                )
            frame = self._read_frame(deadline)
        except _Closed as closed:
            if closed.timed_out:
                raise HandshakeError(f"{self.target} did not complete the handshake in time")
            hint = "" if use_tls else " (if the server uses TLS, connect with TLS)"
            raise HandshakeError(f"{self.target} ended the handshake: {closed}{hint}") from None
        except _Violation as violation:
            self._send_goaway(violation)
            raise HandshakeError(
                f"{self.target} broke the protocol during the handshake: {violation.message}"
            ) from None
        if frame is None:
            raise HandshakeError(f"{self.target} did not complete the handshake in time")
        if frame.type == FrameType.GOAWAY:
            raise HandshakeError(
                f"{self.target} refused the connection: {self._describe_goaway(frame.payload)}"
            )
        if frame.type != FrameType.SETTINGS:
            violation = _Violation(
                rpc_pb2.PROTOCOL_ERROR, f"the first frame must be SETTINGS, not {frame.type.name}"
            )
            self._send_goaway(violation)
            raise HandshakeError(f"{self.target} broke the protocol: {violation.message}")
        try:
            self.server_settings = self._parse_settings(frame.payload)
        except _Violation as violation:
            self._send_goaway(violation)
            raise HandshakeError(f"{self.target} sent bad SETTINGS: {violation.message}") from None

    def _read_preface(self, deadline, use_tls):
        """Reads the server's 10-byte preface, checking the magic as it arrives; its version."""
        seen = b""
        while len(seen) < PREFACE_LENGTH:
            try:
                chunk = self._recv(PREFACE_LENGTH - len(seen), deadline)
            except _Closed:
                if seen:
                    break
                raise
            if chunk is None:
                raise _Closed("no preface in time", timed_out=True)
            seen += chunk
            if not MAGIC.startswith(seen[: len(MAGIC)]):
                break
        if seen[: len(MAGIC)] != MAGIC:
            hint = "" if use_tls else " (if the server uses TLS, connect with TLS)"
            raise HandshakeError(
                f"{self.target} did not answer with the simpeg preface; it sent {seen!r}. "
                f"Is it a simpeg server?{hint}"
            )
        if len(seen) < PREFACE_LENGTH:
            raise HandshakeError(f"{self.target} closed the connection inside its preface")
        return struct.unpack(">H", seen[len(MAGIC):])[0]

    def _read_refusal(self, deadline):
        """After a preface of another version: the server's GOAWAY, described, if one comes."""
        try:
            frame = self._read_frame(deadline)
        except (_Closed, _Violation):
            return None
        if frame is not None and frame.type == FrameType.GOAWAY:
            return self._describe_goaway(frame.payload)
        return None

    def _parse_settings(self, payload):
        try:
            settings = rpc_pb2.Settings.FromString(payload)
        except DecodeError:
            raise _Violation(rpc_pb2.PROTOCOL_ERROR, "the SETTINGS payload does not decode")
        if settings.max_frame_size and settings.max_frame_size < MINIMUM_MAX_FRAME_SIZE:
            raise _Violation(
                rpc_pb2.PROTOCOL_ERROR,
                f"max_frame_size {settings.max_frame_size} is below {MINIMUM_MAX_FRAME_SIZE}",
            )
        if settings.initial_call_window > MAXIMUM_CREDIT:
            raise _Violation(
                rpc_pb2.FLOW_CONTROL_ERROR,
                f"initial_call_window {settings.initial_call_window} exceeds {MAXIMUM_CREDIT}",
            )
        return ServerSettings(
            max_frame_size=settings.max_frame_size or DEFAULT_MAX_FRAME_SIZE,
            max_concurrent_calls=settings.max_concurrent_calls or DEFAULT_MAX_CONCURRENT_CALLS,
            initial_call_window=settings.initial_call_window or DEFAULT_INITIAL_CALL_WINDOW,
            max_call_header_size=settings.max_call_header_size or DEFAULT_MAX_CALL_HEADER_SIZE,
            keepalive_interval_millis=settings.keepalive_interval_millis,
            idle_timeout_millis=settings.idle_timeout_millis,
            agent=settings.agent,
        )

    # Calls

    def _open(self, method, metadata, timeout, first_message, end_stream):
        """Sends CALL (and the first message, if given) for a new call and returns it."""
        self.poll()  # cancels dropped streams, notices GOAWAY or a closed connection
        if self._closed is not None:
            raise RpcError(StatusCode.UNAVAILABLE, self._closed_message())
        if self._goaway is not None:
            raise RpcError(
                StatusCode.UNAVAILABLE,
                f"{self.target} is going away ({self._describe_goaway_message(self._goaway)}); "
                "use a new connection",
            )
        if self._next_call_id > MAXIMUM_CALL_ID:
            raise RpcError(StatusCode.UNAVAILABLE, "call ids ran out; use a new connection")
        header = rpc_pb2.CallHeader(method=method, metadata=_metadata_to_wire(metadata))
        deadline = None
        if timeout is not None:
            if timeout <= 0:
                raise RpcError(StatusCode.DEADLINE_EXCEEDED, "the call's deadline had passed")
            header.timeout_micros = max(1, round(timeout * 1_000_000))
            deadline = time.monotonic() + timeout
        header_bytes = header.SerializeToString()
        settings = self.server_settings
        limit = min(settings.max_call_header_size, settings.max_frame_size)
        if len(header_bytes) > limit:
            raise RpcError(
                StatusCode.RESOURCE_EXHAUSTED,
                f"the call header of {len(header_bytes)} bytes exceeds the server's limit of "
                f"{limit} bytes; send less metadata",
            )
        if first_message is not None:
            self._check_message_size(first_message)

        call_id = self._next_call_id
        self._next_call_id += 1
        self._highest_call_id = call_id
        call = _Call(
            call_id, method, timeout, deadline, settings.initial_call_window,
            self.initial_call_window,
        )
        self._calls[call_id] = call
        if first_message is None:
            data = encode_frame(
                FrameType.CALL, call_id, header_bytes, FLAG_END_STREAM if end_stream else 0
            )
        else:
            call.send_credit -= len(first_message)
            data = encode_frame(FrameType.CALL, call_id, header_bytes) + encode_frame(
                FrameType.MESSAGE, call_id, first_message, FLAG_END_STREAM if end_stream else 0
            )
        self._send_call_frame(call, data)
        return call

    def _send_call_frame(self, call, data):
        """Writes a frame of ``call``, under its deadline; raises RpcError if that fails."""
        if call.deadline is not None and time.monotonic() >= call.deadline:
            error = self._deadline_error(call)
            self._cancel(call, error)
            raise error
        try:
            self._write(data, call.deadline)
        except _Closed as closed:
            if closed.timed_out:
                raise self._deadline_error(call) from None
            raise RpcError(StatusCode.UNAVAILABLE, self._closed_message()) from None

    def _check_message_size(self, payload):
        limit = self.server_settings.max_frame_size
        if len(payload) > limit:
            raise RpcError(
                StatusCode.RESOURCE_EXHAUSTED,
                f"a request of {len(payload)} bytes exceeds the server's max frame size of "
                f"{limit} bytes; send less per message",
            )

    def _await_send_credit(self, call):
        """Reads frames until ``call`` may send (credit above 0); False when it ended first."""
        while not call.ended and call.send_credit <= 0:
            self._pump_for(call)
        return not call.ended

    def _single_response(self, call, response_type):
        """Reads the one response and the trailer of a unary or client-streaming call."""
        response = None
        while True:
            message = self._next_message(call)
            if message is None:
                break
            if response is not None:
                self._cancel(
                    call,
                    RpcError(StatusCode.INTERNAL, "the server sent more than one response"),
                )
                break
            response = message
        call.raise_if_failed()
        if response is None:
            raise RpcError(StatusCode.INTERNAL, "the server ended the call OK without a response")
        return _decode(response, response_type)

    def _next_message(self, call):
        """The call's next response payload, or None once it ended (see ``call.error``)."""
        while True:
            if call.messages:
                return call.messages.popleft()
            if call.ended:
                return None
            self._pump_for(call)

    def _pump_for(self, call):
        """Handles one frame for whichever call; ends ``call`` if its deadline passes first."""
        if self._closed is not None:
            call.finish(RpcError(StatusCode.UNAVAILABLE, self._closed_message()))
        elif call.deadline is not None and time.monotonic() >= call.deadline:
            self._cancel(call, self._deadline_error(call))
        elif not self._pump(call.deadline) and not call.ended:
            self._cancel(call, self._deadline_error(call))

    def _consumed(self, call, size):
        """Counts ``size`` bytes handed to the application; grants credit at half the window."""
        call.consumed += size
        if call.ended or call.consumed < max(1, call.window // 2):
            return
        amount, call.consumed = call.consumed, 0
        call.receive_credit += amount
        try:
            self._write(encode_frame(FrameType.CREDIT, call.id, struct.pack(">I", amount)), None)
        except _Closed:
            pass  # the connection is gone; the call has ended with it

    def _cancel(self, call, error):
        """Ends ``call`` with ``error`` here and tells the server with CANCEL."""
        if self._calls.pop(call.id, None) is not None and self._closed is None:
            try:
                self._write(encode_frame(FrameType.CANCEL, call.id), None)
            except _Closed:
                pass
        call.finish(error)

    def _abandon(self, call):
        """Marks a call whose stream was dropped unread; it is cancelled at the next chance
        (not here: this runs from garbage collection, possibly in the middle of a write)."""
        self._abandoned.append(call)

    def _flush_abandoned(self):
        while self._abandoned:
            call = self._abandoned.popleft()
            if not call.ended:
                dropped = RpcError(StatusCode.CANCELLED, "the response stream was dropped")
                self._cancel(call, dropped)

    def _deadline_error(self, call):
        return RpcError(
            StatusCode.DEADLINE_EXCEEDED, f"the call's deadline of {call.timeout:g} s passed"
        )

    # Frames from the server

    def _pump(self, deadline):
        """Reads and handles one frame; False if ``deadline`` passed first (None: no limit)."""
        if self._closed is not None:
            return False
        try:
            frame = self._read_frame(deadline)
            if frame is None:
                return False
            self._handle(frame)
        except _Violation as violation:
            self._send_goaway(violation)
            self._shut(f"protocol error: {violation.message}")
        except _Closed as closed:
            self._shut(str(closed))
        return True

    def _handle(self, frame):
        kind = frame.type
        if kind == FrameType.SETTINGS:
            raise _Violation(rpc_pb2.PROTOCOL_ERROR, "SETTINGS may be sent only once")
        if kind == FrameType.PING:
            if len(frame.payload) != 8:
                raise _Violation(rpc_pb2.PROTOCOL_ERROR, "a PING payload must be 8 bytes")
            if not frame.flags & FLAG_ACK:
                self._write(encode_frame(FrameType.PING, 0, frame.payload, FLAG_ACK), None)
            return
        if kind == FrameType.GOAWAY:
            self._handle_goaway(frame.payload)
            return
        if kind in (FrameType.CALL, FrameType.HALF_CLOSE, FrameType.CANCEL):
            raise _Violation(rpc_pb2.PROTOCOL_ERROR, f"{kind.name} frames are sent by clients only")
        if frame.call_id > self._highest_call_id:
            raise _Violation(
                rpc_pb2.PROTOCOL_ERROR,
                f"{kind.name} for call {frame.call_id}, which was never opened",
            )
        call = self._calls.get(frame.call_id)
        if kind == FrameType.CREDIT:
            if len(frame.payload) != 4 or frame.payload == b"\0\0\0\0":
                raise _Violation(
                    rpc_pb2.PROTOCOL_ERROR, "a CREDIT payload must be a non-zero 4-byte integer"
                )
            if call is not None:
                call.send_credit += struct.unpack(">I", frame.payload)[0]
                if call.send_credit > MAXIMUM_CREDIT:
                    raise _Violation(
                        rpc_pb2.FLOW_CONTROL_ERROR,
                        f"credit on call {call.id} exceeds {MAXIMUM_CREDIT} bytes",
                    )
            return
        if call is None:
            return  # the call has ended here; the frame crossed its end on the wire
        if kind == FrameType.MESSAGE:
            if call.receive_credit <= 0:
                self._cancel(
                    call,
                    RpcError(StatusCode.INTERNAL, "the server sent past its credit on the call"),
                )
                return
            call.receive_credit -= len(frame.payload)
            call.messages.append(frame.payload)
        elif kind == FrameType.TRAILER:
            del self._calls[call.id]
            try:
                trailer = rpc_pb2.Trailer.FromString(frame.payload)
            except DecodeError:
                call.finish(RpcError(StatusCode.INTERNAL, "the server's trailer does not decode"))
                return
            metadata = _metadata_from_wire(trailer.metadata)
            if trailer.code == StatusCode.OK:
                call.finish(None, metadata)
            else:
                call.finish(RpcError(trailer.code, trailer.message, trailer.details, metadata))

    def _handle_goaway(self, payload):
        try:
            goaway = rpc_pb2.GoAway.FromString(payload)
        except DecodeError:
            raise _Violation(rpc_pb2.PROTOCOL_ERROR, "the GOAWAY payload does not decode")
        self._goaway = goaway
        description = self._describe_goaway_message(goaway)
        for call_id in sorted(self._calls):
            if call_id > goaway.last_call_id:
                self._calls.pop(call_id).finish(
                    RpcError(
                        StatusCode.UNAVAILABLE,
                        f"{self.target} is going away ({description}) and did not process the "
                        "call; retry on a new connection",
                    )
                )

    # Reading and writing

    def _read_frame(self, deadline):
        """The next frame, or None if ``deadline`` passes first (a partial frame is kept for
        the next read). The payload length is checked against this client's max frame size as
        soon as the header is in, before any payload is read."""
        while len(self._rx_header) < FRAME_HEADER_LENGTH:
            chunk = self._recv(FRAME_HEADER_LENGTH - len(self._rx_header), deadline)
            if chunk is None:
                return None
            self._rx_header += chunk
        if self._rx_fields is None:
            length, raw_type, flags, call_id = decode_header(bytes(self._rx_header))
            if length > self.max_frame_size:
                raise _Violation(
                    rpc_pb2.FRAME_TOO_LARGE,
                    f"a frame of {length} bytes exceeds this client's max frame size of "
                    f"{self.max_frame_size} bytes",
                )
            try:
                frame_type = FrameType(raw_type)
            except ValueError:
                raise _Violation(
                    rpc_pb2.PROTOCOL_ERROR, f"unknown frame type 0x{raw_type:02x}"
                ) from None
            if frame_type.is_connection_frame != (call_id == 0):
                raise _Violation(
                    rpc_pb2.PROTOCOL_ERROR,
                    f"{frame_type.name} frame with call id {call_id}",
                )
            self._rx_fields = (length, frame_type, flags, call_id)
            self._rx_payload = bytearray()
        length, frame_type, flags, call_id = self._rx_fields
        while len(self._rx_payload) < length:
            chunk = self._recv(min(length - len(self._rx_payload), 1 << 18), deadline)
            if chunk is None:
                return None
            self._rx_payload += chunk
        frame = Frame(frame_type, flags, call_id, bytes(self._rx_payload))
        self._rx_header.clear()
        self._rx_fields = None
        self._rx_payload = None
        return frame

    def _recv(self, size, deadline):
        """Up to ``size`` bytes, or None if ``deadline`` passes first (a passed deadline still
        takes what has already arrived). Raises _Closed when the connection ends."""
        timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
        try:
            self._sock.settimeout(timeout)
            data = self._sock.recv(size)
        except (socket.timeout, BlockingIOError, ssl.SSLWantReadError):
            return None
        except OSError as error:
            raise _Closed(f"reading failed: {error}") from None
        if not data:
            raise _Closed("the server closed the connection")
        return data

    def _write(self, data, deadline):
        """Writes all of ``data``; on failure shuts the connection and raises _Closed."""
        if self._closed is not None:
            raise _Closed(self._closed)
        timeout = None if deadline is None else max(0.001, deadline - time.monotonic())
        try:
            self._sock.settimeout(timeout)
            self._sock.sendall(data)
        except socket.timeout:
            self._shut("a write did not finish before the call's deadline")
            raise _Closed(self._closed, timed_out=True) from None
        except OSError as error:
            self._shut(f"writing failed: {error}")
            raise _Closed(self._closed) from None

    def _send_goaway(self, violation):
        """Tells the server why this client ends the connection; best effort."""
        goaway = rpc_pb2.GoAway(last_call_id=0, error=violation.code, message=violation.message)
        try:
            self._sock.settimeout(1.0)
            self._sock.sendall(encode_frame(FrameType.GOAWAY, 0, goaway.SerializeToString()))
        except OSError:
            pass

    def _shut(self, reason):
        """Closes the socket and ends every open call with UNAVAILABLE."""
        if self._closed is not None:
            return
        self._closed = reason
        self._close_socket()
        error = RpcError(StatusCode.UNAVAILABLE, self._closed_message())
        calls, self._calls = self._calls, {}
        for call in calls.values():
            call.finish(error)

    def _close_socket(self):
        if self._sock is not None:
            try:
                self._sock.close()
            except OSError:
                pass

    def _closed_message(self):
        message = f"the connection to {self.target} ended: {self._closed}"
        if self._goaway is not None:
            message += f" (after GOAWAY {self._describe_goaway_message(self._goaway)})"
        return message

    def _describe_goaway(self, payload):
        try:
            return self._describe_goaway_message(rpc_pb2.GoAway.FromString(payload))
        except DecodeError:
            return "a GOAWAY that does not decode"

    @staticmethod
    def _describe_goaway_message(goaway):
        try:
            name = _CONNECTION_ERROR_NAMES.Name(goaway.error)
        except ValueError:
            name = f"error {goaway.error}"
        return f"{name}: {goaway.message}" if goaway.message else name


class ResponseStream:
    """The responses of a server-streaming call, read as they are iterated.

    Iterating yields each response and returns credit to the server as the spec says (once the
    bytes consumed reach half the window this client announced). At the end it raises
    :class:`RpcError` if the call did not end OK. Dropping the stream early, :meth:`cancel`, or
    leaving a ``with`` block cancels the call.
    """

    def __init__(self, connection, call, response_type):
        self._connection = connection
        self._call = call
        self._response_type = response_type

    def __iter__(self):
        return self

    def __next__(self):
        call = self._call
        payload = self._connection._next_message(call)
        if payload is None:
            call.raise_if_failed()
            raise StopIteration
        self._connection._consumed(call, len(payload))
        try:
            return _decode(payload, self._response_type)
        except RpcError as error:
            self._connection._cancel(call, error)
            raise

    @property
    def done(self):
        """Whether the call has ended (its trailer arrived, or it failed or was cancelled)."""
        return self._call.ended

    @property
    def trailing_metadata(self):
        """The trailing metadata of a call that ended OK, as ``(key, value)`` pairs."""
        return self._call.trailing_metadata

    def cancel(self):
        """Cancels the call if it is still open; iterating then raises CANCELLED."""
        if not self._call.ended:
            self._connection._cancel(
                self._call, RpcError(StatusCode.CANCELLED, "the client cancelled the call")
            )

    close = cancel

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.cancel()

    def __del__(self):
        call = getattr(self, "_call", None)
        if call is not None and not call.ended:
            self._connection._abandon(call)


class Client:
    """Calls to one server over a connection opened on first use and reopened, for the next
    call, after it was lost, closed by the server (GOAWAY, e.g. when idle) or ran out of ids.

    Calls are not retried: one that fails UNAVAILABLE may be retried by the caller. Keyword
    arguments are those of :class:`Connection`. Not thread-safe, like Connection.
    """

    def __init__(self, host, port, **connection_options):
        self.host = host
        self.port = port
        self._options = connection_options
        self._connection = None

    def connection(self):
        """The current connection, opened or reopened as needed."""
        if self._connection is not None:
            self._connection.poll()
            if not self._connection.usable:
                self._connection.close()
                self._connection = None
        if self._connection is None:
            self._connection = Connection(self.host, self.port, **self._options)
        return self._connection

    def unary(self, method, request, response_type, timeout=None, metadata=None):
        """As :meth:`Connection.unary`."""
        return self.connection().unary(method, request, response_type, timeout, metadata)

    def server_streaming(self, method, request, response_type, timeout=None, metadata=None):
        """As :meth:`Connection.server_streaming`."""
        return self.connection().server_streaming(
            method, request, response_type, timeout, metadata
        )

    def client_streaming(self, method, requests, response_type, timeout=None, metadata=None):
        """As :meth:`Connection.client_streaming`."""
        return self.connection().client_streaming(
            method, requests, response_type, timeout, metadata
        )

    def close(self):
        """Closes the connection, if one is open."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()
