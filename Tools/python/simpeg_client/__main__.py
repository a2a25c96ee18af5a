"""Command line client of a simpeg server: ``python3 -m simpeg_client --help``.

Exit status: 0 on success; 64 + the status code when a call fails (e.g. 68 for
DEADLINE_EXCEEDED, 76 for UNIMPLEMENTED, 78 for UNAVAILABLE, including a failed connection);
3 when ``health`` answers anything but SERVING; 2 for wrong usage.
"""

import argparse
import json
import os
import sys

# The package first: importing it puts the generated modules (simpeg.*) on sys.path.
from . import Connection, RpcError

from google.protobuf import descriptor_pool, json_format, message_factory
from simpeg.echo.v1 import echo_pb2
from simpeg.v1 import health_pb2

EXIT_RPC_ERROR_BASE = 64
EXIT_NOT_SERVING = 3
EXIT_USAGE = 2

ECHO_SERVICE = "simpeg.echo.v1.EchoService"
HEALTH_SERVICE = "simpeg.v1.HealthService"


class _UsageError(Exception):
    """A command line that cannot be carried out; exits with status 2."""


def _metadata_pair(text):
    key, separator, value = text.partition("=")
    if not separator:
        raise argparse.ArgumentTypeError(f"metadata must look like key=value, not {text!r}")
    key = key.strip().lower()
    if key.endswith("-bin"):
        try:
            return key, bytes.fromhex(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"the value of {key} must be hex bytes") from None
    return key, value


def _parser():
    parser = argparse.ArgumentParser(
        prog="python3 -m simpeg_client",
        description="Makes calls to a simpeg server over its wire protocol (Schema/PROTOCOL.md).",
        epilog="Exit status: 0 on success, 64 + the gRPC status code when a call fails "
        "(68 DEADLINE_EXCEEDED, 76 UNIMPLEMENTED, 78 UNAVAILABLE, ...), 3 when health is not "
        "SERVING, 2 for wrong usage.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="server host (default 127.0.0.1)")
    parser.add_argument("--port", type=int, required=True, help="server port")
    parser.add_argument("--tls", action="store_true", help="connect with TLS")
    parser.add_argument(
        "--ca-file", help="PEM file of CA certificates to trust (implies --tls)"
    )
    parser.add_argument(
        "--server-hostname", help="name expected in the server's certificate (default --host)"
    )
    parser.add_argument(
        "--timeout", type=float, help="seconds each call may take (default: no deadline)"
    )
    parser.add_argument(
        "--connect-timeout", type=float, default=10.0,
        help="seconds for connecting and the handshake (default 10)",
    )
    parser.add_argument(
        "-m", "--metadata", type=_metadata_pair, action="append", default=[],
        metavar="KEY=VALUE",
        help="call metadata, repeatable, e.g. 'authorization=Bearer <token>'; "
        "values of keys ending in -bin are given in hex",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    health = commands.add_parser("health", help="check the server's health (HealthService/Check)")
    health.add_argument("--service", default="", help="a service name; default the whole server")

    echo = commands.add_parser("echo", help="echo a text back (EchoService/Get)")
    echo.add_argument("--text", default="", help="the text to send")
    echo.add_argument("--delay-millis", type=int, default=0, help="how long the server waits")
    echo.add_argument("--payload-size", type=int, default=0, help="bytes of payload to carry")

    expand = commands.add_parser(
        "expand", help="stream COUNT copies of a text back (EchoService/Expand)"
    )
    expand.add_argument("--text", default="", help="the text to send")
    expand.add_argument("--count", type=int, required=True, help="how many responses")
    expand.add_argument(
        "--delay-millis", type=int, default=0, help="how long the server waits before each"
    )
    expand.add_argument("--payload-size", type=int, default=0, help="bytes of payload in each")

    collect = commands.add_parser(
        "collect", help="send each word as a request and print the joined answer "
        "(EchoService/Collect)",
    )
    collect.add_argument("words", nargs="*", help="the words to send, one request each")
    collect.add_argument("--payload-size", type=int, default=0, help="bytes of payload in each")

    call = commands.add_parser(
        "call", help="call any unary or server-streaming method with a JSON request",
        description="Calls METHOD with the request given as JSON and prints each response as "
        "one line of JSON. Methods are those of Schema/ (the generated modules); a method "
        "unknown to them is sent with an empty request and its responses are printed as hex.",
    )
    call.add_argument("method", help="full method name, e.g. simpeg.v1.HealthService/Check")
    call.add_argument("--data", default="{}", help="the request as JSON (default {})")
    return parser


def _print_line(text):
    print(text, flush=True)


def _run_health(connection, arguments, options):
    response = connection.unary(
        f"{HEALTH_SERVICE}/Check",
        health_pb2.HealthCheckRequest(service=arguments.service),
        health_pb2.HealthCheckResponse,
        **options,
    )
    status = health_pb2.HealthCheckResponse.ServingStatus.Name(response.status)
    _print_line(status)
    return 0 if response.status == health_pb2.HealthCheckResponse.SERVING else EXIT_NOT_SERVING


def _echo_request(arguments, text=None, count=0):
    return echo_pb2.EchoRequest(
        text=arguments.text if text is None else text,
        count=count,
        payload=b"\x5a" * arguments.payload_size,
        delay_millis=getattr(arguments, "delay_millis", 0),
    )


def _describe_echo(response):
    line = f"{response.index}\t{response.text}"
    return line + (f"\t{len(response.payload)} bytes" if response.payload else "")


def _run_echo(connection, arguments, options):
    response = connection.unary(
        f"{ECHO_SERVICE}/Get", _echo_request(arguments), echo_pb2.EchoResponse, **options
    )
    _print_line(response.text)
    if response.payload:
        _print_line(f"{len(response.payload)} bytes of payload")
    return 0


def _run_expand(connection, arguments, options):
    responses = connection.server_streaming(
        f"{ECHO_SERVICE}/Expand",
        _echo_request(arguments, count=arguments.count),
        echo_pb2.EchoResponse,
        **options,
    )
    with responses:
        for response in responses:
            _print_line(_describe_echo(response))
    return 0


def _run_collect(connection, arguments, options):
    requests = (_echo_request(arguments, text=word) for word in arguments.words)
    response = connection.client_streaming(
        f"{ECHO_SERVICE}/Collect", requests, echo_pb2.EchoResponse, **options
    )
    _print_line(response.text)
    return 0


def _run_call(connection, arguments, options):
    method = arguments.method
    service, _, name = method.partition("/")
    try:
        descriptor = descriptor_pool.Default().FindMethodByName(f"{service}.{name}")
    except KeyError:
        descriptor = None
    if descriptor is None:
        try:
            empty = json.loads(arguments.data) == {}
        except ValueError:
            empty = False
        if not empty:
            raise _UsageError(
                f"{method} is not in this client's schema, so only an empty request "
                "(--data '{}') can be sent"
            )
        response = connection.unary(method, b"", None, **options)
        _print_line(response.hex())
        return 0
    if descriptor.client_streaming:
        raise _UsageError(
            f"{method} is client-streaming; 'call' makes unary and server-streaming calls"
        )
    request_type = message_factory.GetMessageClass(descriptor.input_type)
    response_type = message_factory.GetMessageClass(descriptor.output_type)
    try:
        request = json_format.Parse(arguments.data, request_type())
    except json_format.ParseError as error:
        raise _UsageError(f"--data is not a {descriptor.input_type.full_name}: {error}") from None

    def show(response):
        _print_line(json_format.MessageToJson(response, indent=None, sort_keys=True))

    if descriptor.server_streaming:
        with connection.server_streaming(method, request, response_type, **options) as stream:
            for response in stream:
                show(response)
    else:
        show(connection.unary(method, request, response_type, **options))
    return 0


_COMMANDS = {
    "health": _run_health,
    "echo": _run_echo,
    "expand": _run_expand,
    "collect": _run_collect,
    "call": _run_call,
}


def main(argv=None):
    """Runs the command line; returns the exit status."""
    arguments = _parser().parse_args(argv)
    options = {"timeout": arguments.timeout, "metadata": arguments.metadata or None}
    try:
        with Connection(
            arguments.host,
            arguments.port,
            tls=arguments.tls,
            ca_file=arguments.ca_file,
            server_hostname=arguments.server_hostname,
            connect_timeout=arguments.connect_timeout,
        ) as connection:
            return _COMMANDS[arguments.command](connection, arguments, options)
    except RpcError as error:
        print(f"error: {error}", file=sys.stderr)
        for detail in error.details:
            print(f"  detail: {detail.type_url}", file=sys.stderr)
        return EXIT_RPC_ERROR_BASE + int(error.code)
    except _UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader of stdout went away (e.g. `| head`); stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
