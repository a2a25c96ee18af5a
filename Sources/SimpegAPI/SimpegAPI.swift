// SimpegAPI: the messages and service stubs generated from Schema/simpeg/v1 (see Generated/,
// written by Tools/generate and never edited by hand). The stubs are written in the terms of the
// RPC runtime and SwiftProtobuf; a file that names their types (RPCClient, ServerContext,
// Google_Protobuf_Timestamp, ...) imports SimpegRPC or SwiftProtobuf itself.

import SimpegRPC
import SwiftProtobuf
