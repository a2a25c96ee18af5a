"""The reference Python client of the simpeg wire protocol (Schema/PROTOCOL.md); see README.md.

Usage::

    from simpeg_client import Connection
    from simpeg.v1 import health_pb2

    with Connection(host, port) as connection:
        response = connection.unary(
            "simpeg.v1.HealthService/Check", health_pb2.HealthCheckRequest(),
            health_pb2.HealthCheckResponse, timeout=5)

Importing this package puts the protoc-generated modules under ``gen/`` on ``sys.path``, so the
messages of ``Schema/`` import as ``simpeg.<package>.<name>_pb2``.
"""

import os
import sys

_GENERATED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gen")
if _GENERATED not in sys.path:
    sys.path.insert(0, _GENERATED)

from .connection import Client, Connection, ResponseStream, ServerSettings  # noqa: E402
from .errors import HandshakeError, RpcError, StatusCode  # noqa: E402

__all__ = [
    "Client",
    "Connection",
    "HandshakeError",
    "ResponseStream",
    "RpcError",
    "ServerSettings",
    "StatusCode",
]
