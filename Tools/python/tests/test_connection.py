"""Tests of the client against scripted servers that speak the wire protocol byte by byte.

They cover what a well-behaved server rarely does: pings, GOAWAY, refusals, frames too large,
credit rules. Run from Tools/python: ``python3 -m unittest discover -s tests``.
"""

import os
import socket
import struct
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from simpeg_client import Client, Connection, HandshakeError, RpcError, StatusCode  # noqa: E402
from simpeg_client.protocol import (  # noqa: E402
    FLAG_ACK,
    FLAG_END_STREAM,
    MAGIC,
    PREFACE,
    FrameType,
    encode_frame,
)
from google.protobuf import any_pb2  # noqa: E402
from simpeg.echo.v1 import echo_pb2  # noqa: E402
from simpeg.rpc.v1 import rpc_pb2  # noqa: E402

ECHO_GET = "simpeg.echo.v1.EchoService/Get"
ECHO_EXPAND = "simpeg.echo.v1.EchoService/Expand"
ECHO_COLLECT = "simpeg.echo.v1.EchoService/Collect"


class Peer:
    """The server's side of one accepted connection, with frame-level helpers."""

    def __init__(self, sock):
        self.sock = sock
        self.sock.settimeout(10)

    def read_exactly(self, size):
        data = b""
        while len(data) < size:
            chunk = self.sock.recv(size - len(data))
            if not chunk:
                raise EOFError("the client closed the connection")
            data += chunk
        return data

    def wait_for_close(self):
        """Reads until the client closes the connection; fails if a frame arrives first."""
        data = self.sock.recv(1)
        assert data == b"", f"the client sent {data!r} instead of closing"

    def read_frame(self):
        length, kind, flags, call_id = struct.unpack(">IBBI", self.read_exactly(10))
        return FrameType(kind), flags, call_id, self.read_exactly(length)

    def read_frame_skipping_pings(self):
        while True:
            frame = self.read_frame()
            if frame[0] != FrameType.PING:
                return frame

    def send(self, kind, call_id=0, payload=b"", flags=0):
        self.sock.sendall(encode_frame(kind, call_id, payload, flags))

    def handshake(self, **settings):
        """Reads the client's preface and SETTINGS, answers with ours; the client's Settings."""
        assert self.read_exactly(10) == PREFACE
        kind, _, call_id, payload = self.read_frame()
        assert kind == FrameType.SETTINGS and call_id == 0
        self.sock.sendall(PREFACE)
        self.send(FrameType.SETTINGS, 0, rpc_pb2.Settings(**settings).SerializeToString())
        return rpc_pb2.Settings.FromString(payload)

    def read_call(self):
        """Reads CALL and, unless it had END_STREAM, the MESSAGE after it."""
        kind, flags, call_id, payload = self.read_frame_skipping_pings()
        assert kind == FrameType.CALL, kind
        header = rpc_pb2.CallHeader.FromString(payload)
        message = None
        if not flags & FLAG_END_STREAM:
            kind, flags, message_id, message = self.read_frame_skipping_pings()
            assert (kind, message_id) == (FrameType.MESSAGE, call_id), (kind, message_id)
            assert flags & FLAG_END_STREAM
        return call_id, header, message

    def send_message(self, call_id, message):
        self.send(FrameType.MESSAGE, call_id, message.SerializeToString())

    def send_trailer(self, call_id, code=0, message="", **fields):
        trailer = rpc_pb2.Trailer(code=code, message=message, **fields)
        self.send(FrameType.TRAILER, call_id, trailer.SerializeToString())

    def send_goaway(self, last_call_id, error=0, message=""):
        goaway = rpc_pb2.GoAway(last_call_id=last_call_id, error=error, message=message)
        self.send(FrameType.GOAWAY, 0, goaway.SerializeToString())

    def expect_goaway(self):
        kind, _, _, payload = self.read_frame_skipping_pings()
        assert kind == FrameType.GOAWAY, kind
        return rpc_pb2.GoAway.FromString(payload)


class ScriptedServer:
    """Accepts one connection per script, in order, and runs the script on it in a thread."""

    def __init__(self, *scripts):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.errors = []
        self.thread = threading.Thread(target=self._serve, args=(scripts,), daemon=True)
        self.thread.start()

    def _serve(self, scripts):
        try:
            for script in scripts:
                sock, _ = self.listener.accept()
                with sock:
                    script(Peer(sock))
        except BaseException as error:  # reported by finish()
            self.errors.append(error)
        finally:
            self.listener.close()

    def finish(self):
        """Waits for the scripts and raises what failed in them."""
        self.thread.join(10)
        if self.thread.is_alive():
            raise AssertionError("the scripted server did not finish")
        if self.errors:
            raise self.errors[0]


def echo(text, **fields):
    return echo_pb2.EchoRequest(text=text, **fields)


class HandshakeTests(unittest.TestCase):
    def test_announces_its_settings_and_learns_the_servers_with_defaults(self):
        seen = {}

        def script(peer):
            seen["settings"] = peer.handshake(max_call_header_size=2048, agent="fake")
            peer.wait_for_close()

        server = ScriptedServer(script)
        connection = Connection("127.0.0.1", server.port, initial_call_window=100_000)
        connection.close()
        server.finish()
        self.assertEqual(seen["settings"].initial_call_window, 100_000)
        self.assertEqual(seen["settings"].max_frame_size, 4 * 1024 * 1024)
        self.assertEqual(seen["settings"].max_concurrent_calls, 0)
        settings = connection.server_settings
        self.assertEqual(settings.max_call_header_size, 2048)
        self.assertEqual(settings.max_frame_size, 4 * 1024 * 1024)
        self.assertEqual(settings.initial_call_window, 64 * 1024)
        self.assertEqual(settings.max_concurrent_calls, 100)
        self.assertEqual(settings.agent, "fake")

    def test_a_server_without_the_magic_is_named_clearly(self):
        def script(peer):
            peer.read_exactly(10)
            peer.sock.sendall(b"HTTP/1.1 400 Bad Request\r\n\r\n")

        server = ScriptedServer(script)
        with self.assertRaises(HandshakeError) as caught:
            Connection("127.0.0.1", server.port)
        server.finish()
        self.assertEqual(caught.exception.code, StatusCode.UNAVAILABLE)
        self.assertIn("did not answer with the simpeg preface", caught.exception.message)

    def test_another_protocol_version_is_reported_with_the_servers_reason(self):
        def script(peer):
            peer.read_exactly(10)
            peer.sock.sendall(MAGIC + struct.pack(">H", 2))
            peer.send_goaway(0, rpc_pb2.UNSUPPORTED_VERSION, "this server speaks version 2")

        server = ScriptedServer(script)
        with self.assertRaises(HandshakeError) as caught:
            Connection("127.0.0.1", server.port)
        server.finish()
        self.assertIn("speaks protocol version 2", caught.exception.message)
        self.assertIn("UNSUPPORTED_VERSION", caught.exception.message)

    def test_a_refusal_instead_of_settings_is_unavailable(self):
        def script(peer):
            peer.read_exactly(10)
            peer.sock.sendall(PREFACE)
            peer.send_goaway(0, rpc_pb2.TOO_MANY_CONNECTIONS, "full")

        server = ScriptedServer(script)
        with self.assertRaises(HandshakeError) as caught:
            Connection("127.0.0.1", server.port)
        server.finish()
        self.assertEqual(caught.exception.code, StatusCode.UNAVAILABLE)
        self.assertIn("TOO_MANY_CONNECTIONS: full", caught.exception.message)

    def test_a_max_frame_size_below_the_minimum_is_a_protocol_error(self):
        seen = {}

        def script(peer):
            peer.handshake(max_frame_size=1000)
            seen["goaway"] = peer.expect_goaway()

        server = ScriptedServer(script)
        with self.assertRaises(HandshakeError):
            Connection("127.0.0.1", server.port)
        server.finish()
        self.assertEqual(seen["goaway"].error, rpc_pb2.PROTOCOL_ERROR)


class CallTests(unittest.TestCase):
    def test_unary_sends_header_and_request_answers_pings_and_returns_the_response(self):
        seen = {}

        def script(peer):
            peer.handshake()
            call_id, header, message = peer.read_call()
            seen["call"] = (call_id, header, echo_pb2.EchoRequest.FromString(message))
            peer.send(FrameType.PING, 0, b"12345678")
            kind, flags, _, payload = peer.read_frame()
            seen["ack"] = (kind, flags, payload)
            peer.send_message(call_id, echo_pb2.EchoResponse(text="halo"))
            peer.send_trailer(call_id)

        server = ScriptedServer(script)
        with Connection("127.0.0.1", server.port) as connection:
            response = connection.unary(
                ECHO_GET, echo("halo"), echo_pb2.EchoResponse, timeout=2.5,
                metadata=[("request-id", "r1"), ("trace-bin", b"\x01\x02")],
            )
        server.finish()
        self.assertEqual(response.text, "halo")
        call_id, header, request = seen["call"]
        self.assertEqual(call_id, 1)
        self.assertEqual(header.method, ECHO_GET)
        self.assertEqual(header.timeout_micros, 2_500_000)
        self.assertEqual(header.metadata[0].key, "request-id")
        self.assertEqual(header.metadata[0].text, "r1")
        self.assertEqual(header.metadata[1].binary, b"\x01\x02")
        self.assertEqual(request.text, "halo")
        self.assertEqual(seen["ack"], (FrameType.PING, FLAG_ACK, b"12345678"))

    def test_call_ids_increase_from_one(self):
        seen = []

        def script(peer):
            peer.handshake()
            for _ in range(3):
                call_id, _, _ = peer.read_call()
                seen.append(call_id)
                peer.send_message(call_id, echo_pb2.EchoResponse())
                peer.send_trailer(call_id)

        server = ScriptedServer(script)
        with Connection("127.0.0.1", server.port) as connection:
            for _ in range(3):
                connection.unary(ECHO_GET, echo("x"), echo_pb2.EchoResponse)
        server.finish()
        self.assertEqual(seen, [1, 2, 3])

    def test_an_error_trailer_raises_with_code_message_details_and_metadata(self):
        def script(peer):
            peer.handshake()
            call_id, _, _ = peer.read_call()
            detail = any_pb2.Any(type_url="type.googleapis.com/x.Y", value=b"\x08\x01")
            entry = rpc_pb2.MetadataEntry(key="retry-after", text="5")
            peer.send_trailer(
                call_id, StatusCode.NOT_FOUND, "no such NIP", details=[detail], metadata=[entry]
            )

        server = ScriptedServer(script)
        with Connection("127.0.0.1", server.port) as connection:
            with self.assertRaises(RpcError) as caught:
                connection.unary(ECHO_GET, echo("x"), echo_pb2.EchoResponse)
        server.finish()
        error = caught.exception
        self.assertEqual(error.code, StatusCode.NOT_FOUND)
        self.assertEqual(error.message, "no such NIP")
        self.assertEqual(error.details[0].type_url, "type.googleapis.com/x.Y")
        self.assertEqual(error.metadata, [("retry-after", "5")])
        self.assertEqual(str(error), "NOT_FOUND: no such NIP")

    def test_ok_without_a_response_is_internal(self):
        def script(peer):
            peer.handshake()
            call_id, _, _ = peer.read_call()
            peer.send_trailer(call_id)

        server = ScriptedServer(script)
        with Connection("127.0.0.1", server.port) as connection:
            with self.assertRaises(RpcError) as caught:
                connection.unary(ECHO_GET, echo("x"), echo_pb2.EchoResponse)
        server.finish()
        self.assertEqual(caught.exception.code, StatusCode.INTERNAL)

    def test_the_deadline_is_enforced_locally_and_the_call_cancelled(self):
        seen = {}

        def script(peer):
            peer.handshake()
            call_id, header, _ = peer.read_call()
            kind, _, cancelled_id, _ = peer.read_frame_skipping_pings()
            seen["cancel"] = (kind, cancelled_id, call_id)
            # A late answer crosses the CANCEL on the wire; the client ignores it.
            peer.send_message(call_id, echo_pb2.EchoResponse(text="late"))
            peer.send_trailer(call_id)
            call_id, _, _ = peer.read_call()
            peer.send_message(call_id, echo_pb2.EchoResponse(text="next"))
            peer.send_trailer(call_id)

        server = ScriptedServer(script)
        with Connection("127.0.0.1", server.port) as connection:
            started = time.monotonic()
            with self.assertRaises(RpcError) as caught:
                connection.unary(ECHO_GET, echo("x"), echo_pb2.EchoResponse, timeout=0.2)
            elapsed = time.monotonic() - started
            following = connection.unary(ECHO_GET, echo("y"), echo_pb2.EchoResponse)
        server.finish()
        self.assertEqual(caught.exception.code, StatusCode.DEADLINE_EXCEEDED)
        self.assertLess(elapsed, 2.0)
        self.assertEqual(seen["cancel"], (FrameType.CANCEL, 1, 1))
        self.assertEqual(following.text, "next")

    def test_a_request_larger_than_the_servers_max_frame_size_fails_locally(self):
        def script(peer):
            peer.handshake(max_frame_size=16_384)
            peer.wait_for_close()

        server = ScriptedServer(script)
        with Connection("127.0.0.1", server.port) as connection:
            with self.assertRaises(RpcError) as caught:
                connection.unary(
                    ECHO_GET, echo("x", payload=b"z" * 20_000), echo_pb2.EchoResponse
                )
        server.finish()
        self.assertEqual(caught.exception.code, StatusCode.RESOURCE_EXHAUSTED)


class StreamingTests(unittest.TestCase):
    def test_credit_is_granted_once_half_the_announced_window_is_consumed(self):
        seen = {"credits": []}
        window = 65_536
        size = 10_000

        def script(peer):
            peer.handshake()
            call_id, _, _ = peer.read_call()
            credit, sent = window, 0
            while sent < 20:
                if credit <= 0:
                    kind, _, credit_id, payload = peer.read_frame_skipping_pings()
                    assert (kind, credit_id) == (FrameType.CREDIT, call_id), kind
                    amount = struct.unpack(">I", payload)[0]
                    seen["credits"].append(amount)
                    credit += amount
                    continue
                response = echo_pb2.EchoResponse(index=sent, payload=b"p" * size)
                encoded = response.SerializeToString()
                peer.send(FrameType.MESSAGE, call_id, encoded)
                credit -= len(encoded)
                sent += 1
            peer.send_trailer(call_id)

        server = ScriptedServer(script)
        with Connection("127.0.0.1", server.port, initial_call_window=window) as connection:
            responses = connection.server_streaming(
                ECHO_EXPAND, echo("x", count=20), echo_pb2.EchoResponse
            )
            indexes = [response.index for response in responses]
        server.finish()
        self.assertEqual(indexes, list(range(20)))
        self.assertTrue(seen["credits"])
        encoded_size = len(echo_pb2.EchoResponse(index=1, payload=b"p" * size).SerializeToString())
        for amount in seen["credits"]:
            self.assertGreaterEqual(amount, window // 2)
            self.assertLess(amount, window // 2 + encoded_size + 8)

    def test_a_message_past_the_credit_is_internal_and_cancels(self):
        seen = {}

        def script(peer):
            peer.handshake()
            call_id, _, _ = peer.read_call()
            big = echo_pb2.EchoResponse(payload=b"q" * 20_000).SerializeToString()
            peer.send(FrameType.MESSAGE, call_id, big)  # credit 16,384 -> negative
            peer.send(FrameType.MESSAGE, call_id, big)  # past the credit
            kind, _, cancelled, _ = peer.read_frame_skipping_pings()
            seen["frame"] = (kind, cancelled)

        server = ScriptedServer(script)
        with Connection("127.0.0.1", server.port, initial_call_window=16_384) as connection:
            # Unary: the client grants no credit, so the second message is past it.
            with self.assertRaises(RpcError) as caught:
                connection.unary(ECHO_GET, echo("x"), echo_pb2.EchoResponse)
        server.finish()
        self.assertEqual(caught.exception.code, StatusCode.INTERNAL)
        self.assertIn("past its credit", caught.exception.message)
        self.assertEqual(seen["frame"], (FrameType.CANCEL, 1))

    def test_client_streaming_waits_for_credit_before_sending_more(self):
        seen = {"sizes": []}

        def script(peer):
            peer.handshake(initial_call_window=16_384)
            kind, _, call_id, _ = peer.read_frame()
            assert kind == FrameType.CALL
            received = 0
            while True:
                kind, flags, _, payload = peer.read_frame()
                if kind == FrameType.HALF_CLOSE:
                    break
                assert kind == FrameType.MESSAGE
                seen["sizes"].append(len(payload))
                received += len(payload)
                # The client must stop once its credit is spent, until this grant.
                if received >= 16_384 and "granted" not in seen:
                    peer.sock.settimeout(0.3)
                    try:
                        peer.read_frame()
                        seen["sent_without_credit"] = True
                    except socket.timeout:
                        pass
                    peer.sock.settimeout(10)
                    seen["granted"] = True
                    peer.send(FrameType.CREDIT, call_id, struct.pack(">I", 1_000_000))
            peer.send_message(call_id, echo_pb2.EchoResponse(text="done", index=len(seen["sizes"])))
            peer.send_trailer(call_id)

        server = ScriptedServer(script)
        with Connection("127.0.0.1", server.port) as connection:
            requests = (echo(str(i), payload=b"r" * 6_000) for i in range(8))
            response = connection.client_streaming(
                ECHO_COLLECT, requests, echo_pb2.EchoResponse
            )
        server.finish()
        self.assertEqual(response.index, 8)
        self.assertNotIn("sent_without_credit", seen)
        self.assertTrue(seen.get("granted"))

    def test_a_dropped_stream_is_cancelled_before_the_next_call(self):
        seen = {}

        def script(peer):
            peer.handshake()
            stream_id, _, _ = peer.read_call()
            peer.send_message(stream_id, echo_pb2.EchoResponse(index=0))
            kind, _, cancelled, _ = peer.read_frame_skipping_pings()
            seen["cancel"] = (kind, cancelled)
            call_id, _, _ = peer.read_call()
            peer.send_message(call_id, echo_pb2.EchoResponse(text="ok"))
            peer.send_trailer(call_id)

        server = ScriptedServer(script)
        with Connection("127.0.0.1", server.port) as connection:
            stream = connection.server_streaming(ECHO_EXPAND, echo("x"), echo_pb2.EchoResponse)
            self.assertEqual(next(stream).index, 0)
            del stream
            following = connection.unary(ECHO_GET, echo("y"), echo_pb2.EchoResponse)
        self.assertEqual(following.text, "ok")
        server.finish()
        self.assertEqual(seen["cancel"], (FrameType.CANCEL, 1))


class ConnectionTests(unittest.TestCase):
    def test_goaway_fails_calls_above_its_last_call_id_and_lets_the_others_finish(self):
        def script(peer):
            peer.handshake()
            first, _, _ = peer.read_call()
            second, _, _ = peer.read_call()
            peer.send_goaway(first, 0, "shutting down")
            peer.send_message(first, echo_pb2.EchoResponse(index=7))
            peer.send_trailer(first)

        server = ScriptedServer(script)
        with Connection("127.0.0.1", server.port) as connection:
            first = connection.server_streaming(ECHO_EXPAND, echo("a"), echo_pb2.EchoResponse)
            second = connection.server_streaming(ECHO_EXPAND, echo("b"), echo_pb2.EchoResponse)
            with self.assertRaises(RpcError) as caught:
                list(second)
            self.assertEqual([r.index for r in first], [7])
            self.assertFalse(connection.usable)
            with self.assertRaises(RpcError) as refused:
                connection.unary(ECHO_GET, echo("c"), echo_pb2.EchoResponse)
        server.finish()
        self.assertEqual(caught.exception.code, StatusCode.UNAVAILABLE)
        self.assertIn("did not process the call", caught.exception.message)
        self.assertEqual(refused.exception.code, StatusCode.UNAVAILABLE)

    def test_a_frame_longer_than_the_max_frame_size_is_refused_from_its_header(self):
        seen = {}

        def script(peer):
            peer.handshake()
            call_id, _, _ = peer.read_call()
            # Only the header: a client that waited for the payload would hang here.
            peer.sock.sendall(struct.pack(">IBBI", 16_385, FrameType.MESSAGE, 0, call_id))
            seen["goaway"] = peer.expect_goaway()

        server = ScriptedServer(script)
        with Connection("127.0.0.1", server.port, max_frame_size=16_384) as connection:
            with self.assertRaises(RpcError) as caught:
                connection.unary(ECHO_GET, echo("x"), echo_pb2.EchoResponse, timeout=5)
        server.finish()
        self.assertEqual(caught.exception.code, StatusCode.UNAVAILABLE)
        self.assertIn("exceeds this client's max frame size", caught.exception.message)
        self.assertEqual(seen["goaway"].error, rpc_pb2.FRAME_TOO_LARGE)

    def test_a_frame_for_a_call_never_opened_is_a_protocol_error(self):
        seen = {}

        def script(peer):
            peer.handshake()
            call_id, _, _ = peer.read_call()
            peer.send_message(call_id + 1, echo_pb2.EchoResponse())
            seen["goaway"] = peer.expect_goaway()

        server = ScriptedServer(script)
        with Connection("127.0.0.1", server.port) as connection:
            with self.assertRaises(RpcError) as caught:
                connection.unary(ECHO_GET, echo("x"), echo_pb2.EchoResponse, timeout=5)
        server.finish()
        self.assertEqual(caught.exception.code, StatusCode.UNAVAILABLE)
        self.assertEqual(seen["goaway"].error, rpc_pb2.PROTOCOL_ERROR)
        self.assertEqual(seen["goaway"].last_call_id, 0)

    def test_a_lost_connection_fails_the_call_unavailable(self):
        def script(peer):
            peer.handshake()
            peer.read_call()

        server = ScriptedServer(script)
        with Connection("127.0.0.1", server.port) as connection:
            with self.assertRaises(RpcError) as caught:
                connection.unary(ECHO_GET, echo("x"), echo_pb2.EchoResponse, timeout=5)
        server.finish()
        self.assertEqual(caught.exception.code, StatusCode.UNAVAILABLE)

    def test_the_client_reconnects_after_the_server_went_away(self):
        def answer_once_then_go_away(peer):
            peer.handshake()
            call_id, _, _ = peer.read_call()
            peer.send_message(call_id, echo_pb2.EchoResponse(text="first"))
            peer.send_trailer(call_id)
            peer.send_goaway(call_id, 0, "idle")

        def answer(peer):
            peer.handshake()
            call_id, _, _ = peer.read_call()
            peer.send_message(call_id, echo_pb2.EchoResponse(text=f"second on call {call_id}"))
            peer.send_trailer(call_id)

        server = ScriptedServer(answer_once_then_go_away, answer)
        with Client("127.0.0.1", server.port) as client:
            first = client.unary(ECHO_GET, echo("x"), echo_pb2.EchoResponse)
            time.sleep(0.2)  # the GOAWAY arrives while the client is idle
            second = client.unary(ECHO_GET, echo("y"), echo_pb2.EchoResponse)
        server.finish()
        self.assertEqual(first.text, "first")
        self.assertEqual(second.text, "second on call 1")


if __name__ == "__main__":
    unittest.main()
