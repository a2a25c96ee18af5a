"""Constants and frame layout of the simpeg wire protocol, version 1 (Schema/PROTOCOL.md)."""

import collections
import enum
import struct

MAGIC = b"SIMPEG\r\n"
VERSION = 1
PREFACE = MAGIC + struct.pack(">H", VERSION)
PREFACE_LENGTH = len(PREFACE)
FRAME_HEADER_LENGTH = 10

DEFAULT_MAX_FRAME_SIZE = 4 * 1024 * 1024
MINIMUM_MAX_FRAME_SIZE = 16 * 1024
DEFAULT_INITIAL_CALL_WINDOW = 64 * 1024
DEFAULT_MAX_CONCURRENT_CALLS = 100
DEFAULT_MAX_CALL_HEADER_SIZE = 16 * 1024
MAXIMUM_CREDIT = 2**31 - 1
MAXIMUM_CALL_ID = 2**32 - 1

_HEADER = struct.Struct(">IBBI")


class FrameType(enum.IntEnum):
    """The frame types of PROTOCOL.md, section 4.1."""

    SETTINGS = 0x01
    PING = 0x02
    GOAWAY = 0x03
    CALL = 0x04
    MESSAGE = 0x05
    HALF_CLOSE = 0x06
    TRAILER = 0x07
    CANCEL = 0x08
    CREDIT = 0x09

    @property
    def is_connection_frame(self):
        """Whether frames of this type belong to the connection (call id 0)."""
        return self in (FrameType.SETTINGS, FrameType.PING, FrameType.GOAWAY)


FLAG_END_STREAM = 0x01  # CALL and MESSAGE from the client
FLAG_ACK = 0x01  # PING

Frame = collections.namedtuple("Frame", "type flags call_id payload")
Frame.__doc__ = "One frame: its type, flag bits, call id and payload bytes."


def encode_frame(frame_type, call_id, payload=b"", flags=0):
    """The bytes of one frame: the 10-byte header, then the payload."""
    return _HEADER.pack(len(payload), int(frame_type), flags, call_id) + payload


def decode_header(header):
    """The (payload length, type byte, flags, call id) of a 10-byte frame header."""
    return _HEADER.unpack(header)
