import Foundation
import NIOCore
import SimpegAPI
import SimpegRPC
import SwiftProtobuf

/// The seed corpus of each target (Tools/fuzz/Corpus/<target>/), written by
/// `Tools/fuzz/run --write-seeds` and committed.
public enum FuzzSeeds {
  /// Named inputs for the "frames" target: a whole well-formed client side, and each frame type.
  public static func frames() -> [(name: String, bytes: [UInt8])] {
    func stream(_ frames: [(UInt8, UInt8, UInt32, [UInt8])], preface: Bool = true) -> [UInt8] {
      var buffer = ByteBuffer()
      if preface {
        buffer.writeBytes(WireProtocol.magic)
        buffer.writeInteger(WireProtocol.version)
      }
      for (type, flags, callID, payload) in frames {
        DispatchFuzzing.writeFrame(&buffer, type: type, flags: flags, callID: callID, payload: payload)
      }
      return Array(buffer.readableBytesView)
    }
    let settings = encode([.varint(1, 1 << 20), .varint(3, 1 << 16), .string(7, "seed")])
    let header = encode([
      .string(1, "simpeg.v1.HealthService/Check"), .varint(2, 5_000_000),
      .message(3, [.string(1, "authorization"), .string(2, "Bearer token")]),
      .message(3, [.string(1, "request-id"), .string(2, "42")]),
    ])
    let ping: [UInt8] = Array(0..<8)
    return [
      ("preface-only", stream([])),
      (
        "unary-call",
        stream([(0x01, 0, 0, settings), (0x04, 0, 1, header), (0x05, 1, 1, [8, 1]), (0x03, 0, 0, [])])
      ),
      (
        "streaming-call",
        stream([
          (0x01, 0, 0, []), (0x04, 0, 3, header), (0x05, 0, 3, [10, 2, 65, 66]), (0x09, 0, 3, [0, 1, 0, 0]),
          (0x05, 0, 3, []), (0x06, 0, 3, []), (0x08, 0, 3, []),
        ])
      ),
      ("ping-and-ack", stream([(0x01, 0, 0, []), (0x02, 0, 0, ping), (0x02, 1, 0, ping)])),
      (
        "server-side",
        stream([
          (0x01, 0, 0, settings), (0x07, 0, 1, encode([.varint(1, 5), .string(2, "not found")])),
          (0x03, 0, 0, encode([.varint(1, 1), .varint(2, 1), .string(3, "bye")])),
        ])
      ),
      ("call-header-only", stream([(0x04, 1, 9, header)], preface: false)),
      ("bad-version", [UInt8](WireProtocol.magic) + [0, 9]),
    ]
  }

  /// Named inputs for the "dispatch" target: for every method, its request with the fields
  /// most requests share set to values the sample city holds, with and without the session.
  public static func dispatch() -> [(name: String, bytes: [UInt8])] {
    var seeds: [(name: String, bytes: [UInt8])] = []
    for method in DispatchFuzzing.methods {
      let name = method.descriptor.fullName.replacingOccurrences(of: "simpeg.v1.", with: "")
        .replacingOccurrences(of: "/", with: "-")
      let request = typicalRequest(of: method.input)
      seeds.append((name, DispatchFuzzing.input(method: method.descriptor.fullName, request: request)))
    }
    seeds.append(
      (
        "AuthService-Login-unauthenticated",
        DispatchFuzzing.input(
          method: "simpeg.v1.AuthService/Login", authenticated: false,
          request: try! Simpeg_V1_LoginRequest.with {
            $0.username = "admin"
            $0.password = "not-the-password"
          }.serializedBytes())
      ))
    return seeds
  }

  /// `type`'s message with the common fields set (ids 1, year 2025, a page size, a name), those
  /// the type has; an empty message when none apply.
  static func typicalRequest(of type: any SwiftProtobuf.Message.Type) -> [UInt8] {
    let ids = [
      "accountId", "activityId", "competitionId", "dialogueId", "employeeId", "evaluationId",
      "evaluatorEmployeeId", "followUpId", "id", "ikiId", "innovationId", "keyId", "parentId",
      "planId", "positionId", "requestId", "rhkId", "rootId", "serviceId", "skpId", "unitId",
    ]
    var candidates = Dictionary(uniqueKeysWithValues: ids.map { ($0, "1") })
    candidates.merge(
      [
        "account": "{\"id\": \"1\"}", "year": "2025", "pageSize": "5", "limit": "5",
        "name": "\"Seed\"", "query": "\"a\"", "nip": "\"198501012010011001\"", "seed": "1",
      ], uniquingKeysWith: { first, _ in first })
    var options = JSONDecodingOptions()
    options.ignoreUnknownFields = true
    func decoded(_ fields: [String: String]) -> (any SwiftProtobuf.Message)? {
      let json =
        "{"
        + fields.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }
        .joined(separator: ", ") + "}"
      return try? type.init(jsonString: json, options: options)
    }
    // Only the names the type has with a type these values fit, one member per oneof: each
    // candidate in turn is kept when the message still decodes with it.
    var fitting: [String: String] = [:]
    for (name, value) in candidates.sorted(by: { $0.key < $1.key }) {
      var trial = fitting
      trial[name] = value
      if decoded(trial) != nil { fitting = trial }
    }
    guard let message = decoded(fitting), let bytes: [UInt8] = try? message.serializedBytes() else {
      return []
    }
    return bytes
  }

  /// Writes every target's seeds under `folder`/<target>/.
  public static func write(to folder: String) throws {
    for (target, seeds) in [("frames", frames()), ("dispatch", dispatch())] {
      let directory = URL(fileURLWithPath: folder).appendingPathComponent(target)
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      for seed in seeds {
        try Data(seed.bytes).write(to: directory.appendingPathComponent(seed.name))
      }
    }
  }
}
