// SimpegAPI: the messages and service stubs generated from Schema/simpeg/v1 (see Generated/,
// written by Tools/generate and never edited by hand). Importing it brings the RPC runtime's
// client and server types too, since every stub is written in their terms.

@_exported import SimpegRPC
@_exported import SwiftProtobuf
