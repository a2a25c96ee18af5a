/// Conversions between ``Metadata`` and its wire form, `repeated MetadataEntry`.
extension Metadata {
  init(wire entries: [Simpeg_Rpc_V1_MetadataEntry]) {
    self.init()
    for entry in entries {
      switch entry.value {
      case .binary(let bytes): add(entry.key, binary: Array(bytes))
      case .text(let text): add(entry.key, text)
      case nil: add(entry.key, "")
      }
    }
  }

  var wire: [Simpeg_Rpc_V1_MetadataEntry] {
    map { entry in
      var wire = Simpeg_Rpc_V1_MetadataEntry()
      wire.key = entry.key
      switch entry.value {
      case .text(let text): wire.text = text
      case .binary(let bytes): wire.binary = .init(bytes)
      }
      return wire
    }
  }
}

extension Simpeg_Rpc_V1_Trailer {
  /// The trailer that reports `error`.
  init(error: RPCError) {
    self.init()
    code = Simpeg_Rpc_V1_StatusCode(rawValue: Int(error.code.rawValue)) ?? .unknown
    message = error.message
    details = error.details
    metadata = error.metadata.wire
  }

  /// The trailer of a successful call.
  init(ok metadata: Metadata) {
    self.init()
    code = .ok
    self.metadata = metadata.wire
  }

  /// The call's outcome: trailing metadata on success, the error otherwise.
  var outcome: Result<Metadata, RPCError> {
    let status = StatusCode(rawValue: UInt8(clamping: code.rawValue)) ?? .unknown
    let trailing = Metadata(wire: metadata)
    if status == .ok { return .success(trailing) }
    return .failure(RPCError(status, message, details: details, metadata: trailing))
  }
}
