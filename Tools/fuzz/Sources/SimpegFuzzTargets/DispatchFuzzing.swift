import Foundation
import Logging
import NIOCore
import NIOEmbedded
import SimpegAPI
import SimpegFuzzFrames
import SimpegRPC
import SimpegServer
import SwiftProtobuf
import Synchronization

/// The "dispatch" fuzz target: request messages for every method of every service, sent over a
/// whole connection to simpegd's dispatcher (authentication, access, the handlers, the store).
///
/// One daemon over a temporary data folder serves every execution; each execution is one
/// connection on an in-memory channel (``RPCServer/serveProtocol(on:)``) carrying the preface,
/// SETTINGS, a CALL with a valid header, the request as one MESSAGE that ends the client's
/// stream, and GOAWAY. An input is:
///
/// - byte 0: the method, an index (modulo the count) into ``methods``;
/// - byte 1: bit 0 set sends no credentials, clear sends the administrator's session token;
/// - the rest: the request message's bytes, as they are.
///
/// Findings: the connection does not end in time (a hang), the call does not end with exactly
/// one TRAILER, the status is `UNKNOWN`, `INTERNAL` or `DATA_LOSS` (a client must never be
/// able to cause those), or the daemon's periodic checks fail (the audit chain stays intact,
/// health answers). Crashes are the fuzzer's to see.
public final class DispatchFuzzing: Sendable {
  /// Every method of every service of the catalogue, sorted by full name.
  public static let methods: [MethodSchema] = SimpegCatalogue.services.flatMap(\.methods)
    .sorted { $0.descriptor.fullName < $1.descriptor.fullName }

  /// The bytes before the request message.
  public static let headerLength = 2

  /// How long one execution may take before it counts as a hang.
  static let hangLimit: Duration = .seconds(20)
  /// How long a server-streaming call runs before the client cancels it.
  static let streamLimit: Duration = .milliseconds(50)
  /// The daemon's checks run every this many executions.
  static let checkInterval = 500

  private struct State {
    var daemon: Daemon
    var folder: String
    var token: String
    var executions = 0
  }

  private let state: Mutex<State?>
  private let loop = NIOAsyncTestingEventLoop()
  private let sampleSeed: UInt64?
  private let logger: Logger

  /// Opens a daemon over a new temporary folder; `sampleSeed` loads the sample city first, so
  /// that requests find records to act on.
  public init(sampleSeed: UInt64? = 1) async throws {
    self.sampleSeed = sampleSeed
    var logger = Logger(label: "simpeg.fuzz")
    logger.logLevel = .critical
    self.logger = logger
    state = Mutex(nil)
    try await reopen()
  }

  /// The input that calls `method` (a full name) with `request`, with or without the session.
  public static func input(method: String, authenticated: Bool = true, request: [UInt8]) -> [UInt8] {
    let index = methods.firstIndex { $0.descriptor.fullName == method }!
    return [UInt8(index), authenticated ? 0 : 1] + request
  }

  /// Runs one input; returns what was wrong, if anything.
  public func run(_ input: [UInt8]) async -> FuzzFinding? {
    guard input.count >= Self.headerLength else { return nil }
    let method = Self.methods[Int(input[0]) % Self.methods.count]
    let authenticated = input[1] & 1 == 0
    let request = Array(input[Self.headerLength...])
    guard let (daemon, token) = state.withLock({ $0.map { ($0.daemon, $0.token) } }) else {
      return FuzzFinding("the daemon is closed")
    }
    do {
      let outcome = try await call(
        daemon, method: method, token: authenticated ? token : nil, request: request)
      if let status = outcome.status, [.unknown, .internal, .dataLoss].contains(status) {
        return FuzzFinding(
          "\(method.descriptor.fullName) ended with \(status.name): \(outcome.message)")
      }
      let executions = state.withLock { state -> Int in
        state?.executions += 1
        return state?.executions ?? 0
      }
      if method.descriptor.service.hasSuffix("AuthService")
        || method.descriptor.service.hasSuffix("AccountService")
      {
        try await keepSession()
      }
      if executions % Self.checkInterval == 0 { try await check() }
      return nil
    } catch let finding as FuzzFinding {
      return finding
    } catch {
      return FuzzFinding("\(method.descriptor.fullName): \(error)")
    }
  }

  /// Checks the daemon: health answers and the audit chain is intact.
  public func check() async throws {
    guard let (daemon, token) = state.withLock({ $0.map { ($0.daemon, $0.token) } }) else { return }
    let health = try await call(
      daemon, method: Self.schema("simpeg.v1.HealthService/Check"), token: nil,
      request: try Simpeg_V1_HealthCheckRequest().serializedBytes())
    guard health.status == .ok else {
      throw FuzzFinding("health check ended with \(health.status?.name ?? "nothing"): \(health.message)")
    }
    let audit = try await call(
      daemon, method: Self.schema("simpeg.v1.AdminService/VerifyAudit"), token: token,
      request: try Simpeg_V1_VerifyAuditRequest().serializedBytes())
    guard audit.status == .ok, let bytes = audit.response,
      let verdict = try? Simpeg_V1_VerifyAuditResponse(serializedBytes: bytes)
    else {
      throw FuzzFinding("VerifyAudit ended with \(audit.status?.name ?? "nothing"): \(audit.message)")
    }
    guard verdict.intact else {
      throw FuzzFinding("the audit chain broke at \(verdict.brokenAt): \(verdict.problem)")
    }
  }

  /// Runs the checks, shuts the daemon down and removes its folder.
  public func close() async throws {
    let checked: Result<Void, any Error>
    do {
      try await check()
      checked = .success(())
    } catch {
      checked = .failure(error)
    }
    guard
      let closing = state.withLock({ state -> State? in
        defer { state = nil }
        return state
      })
    else { return }
    await closing.daemon.shutdown(grace: .seconds(5))
    try? FileManager.default.removeItem(atPath: closing.folder)
    await loop.shutdownGracefully()
    try checked.get()
  }

  // MARK: The daemon and its session

  private func reopen() async throws {
    if let old = state.withLock({ state -> State? in
      defer { state = nil }
      return state
    }) {
      await old.daemon.shutdown(grace: .seconds(5))
      try? FileManager.default.removeItem(atPath: old.folder)
    }
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("simpeg-fuzz-\(UUID().uuidString)").path
    var configuration = DaemonConfiguration()
    configuration.dataFolder = folder
    configuration.passwordParameters = .fastForTests
    configuration.store.durability = .noSync
    configuration.sampleSeed = sampleSeed
    configuration.sampleServiceRequests = 200
    // A fuzzer guesses passwords: lockouts would only end its session for good.
    configuration.failedLoginsPerAccount = .max
    configuration.failedLoginsPerHost = .max
    let daemon = try await Daemon.open(configuration: configuration, logger: logger)
    do {
      let token = try await logIn(daemon)
      state.withLock { $0 = State(daemon: daemon, folder: folder, token: token) }
    } catch {
      await daemon.shutdown(grace: .seconds(1))
      try? FileManager.default.removeItem(atPath: folder)
      throw error
    }
  }

  /// Logs the bootstrap administrator in through the daemon's own dispatcher.
  private func logIn(_ daemon: Daemon) async throws -> String {
    guard let file = daemon.bootstrapCredentialsFile else {
      throw FuzzFinding("the daemon wrote no bootstrap credentials")
    }
    let text = try String(contentsOfFile: file, encoding: .utf8)
    let fields = Dictionary(
      text.split(separator: "\n").compactMap { line -> (String, String)? in
        guard let equals = line.firstIndex(of: "=") else { return nil }
        return (String(line[..<equals]), String(line[line.index(after: equals)...]))
      }, uniquingKeysWith: { first, _ in first })
    var login = Simpeg_V1_LoginRequest()
    login.username = fields["username"] ?? "admin"
    login.password = fields["password"] ?? ""
    let outcome = try await call(
      daemon, method: Self.schema("simpeg.v1.AuthService/Login"), token: nil,
      request: try login.serializedBytes())
    guard outcome.status == .ok, let bytes = outcome.response,
      let response = try? Simpeg_V1_LoginResponse(serializedBytes: bytes)
    else {
      throw FuzzFinding("the administrator cannot log in: \(outcome.status?.name ?? "-") \(outcome.message)")
    }
    return response.token
  }

  /// After a call that may have ended the session (logout, revoked sessions, a disabled or
  /// changed account): logs in again, or starts over with a new daemon when that fails.
  private func keepSession() async throws {
    guard let (daemon, token) = state.withLock({ $0.map { ($0.daemon, $0.token) } }) else { return }
    let whoAmI = try await call(
      daemon, method: Self.schema("simpeg.v1.AuthService/WhoAmI"), token: token,
      request: try Simpeg_V1_WhoAmIRequest().serializedBytes())
    if whoAmI.status == .ok { return }
    if let fresh = try? await logIn(daemon) {
      let check = try await call(
        daemon, method: Self.schema("simpeg.v1.AuthService/WhoAmI"), token: fresh,
        request: try Simpeg_V1_WhoAmIRequest().serializedBytes())
      if check.status == .ok {
        state.withLock { $0?.token = fresh }
        return
      }
    }
    try await reopen()
  }

  private static func schema(_ fullName: String) -> MethodSchema {
    methods.first { $0.descriptor.fullName == fullName }!
  }

  // MARK: One connection

  /// How a call ended.
  struct Outcome {
    /// The trailer's status; `nil` if the server sent none.
    var status: StatusCode?
    /// The trailer's message.
    var message = ""
    /// The first response message.
    var response: [UInt8]?
  }

  /// Opens a connection, makes one call with `request` and reads the server's side until the
  /// server closes it.
  private func call(
    _ daemon: Daemon, method: MethodSchema, token: String?, request: [UInt8]
  ) async throws -> Outcome {
    let channel = NIOAsyncTestingChannel(loop: loop)
    let server = daemon.rpcServer
    try await loop.executeInContext { try server.serveProtocol(on: channel) }
    try await channel.connect(to: try SocketAddress(ipAddress: "127.0.0.1", port: 7400)).get()

    var metadata: [ProtoField] = []
    if let token {
      metadata.append(.message(3, [.string(1, "authorization"), .string(2, "Bearer \(token)")]))
    }
    var bytes = ByteBuffer()
    bytes.writeBytes(WireProtocol.magic)
    bytes.writeInteger(WireProtocol.version)
    // SETTINGS: the largest credit, so that no response waits for CREDIT frames.
    Self.writeFrame(&bytes, type: 0x01, callID: 0, payload: encode([.varint(3, UInt64(Int32.max))]))
    Self.writeFrame(
      &bytes, type: 0x04, callID: 1,
      payload: encode([.string(1, method.descriptor.fullName)] + metadata))
    Self.writeFrame(&bytes, type: 0x05, flags: 0x01, callID: 1, payload: request)
    Self.writeFrame(&bytes, type: 0x03, callID: 0, payload: [])
    try await channel.writeInbound(bytes)

    let started = ContinuousClock.now
    var received = ByteBuffer()
    var cancelled = false
    while true {
      // Work the event loop queued for itself (flushes, frames from handlers): the testing
      // loop runs it only when asked; its clock stands still, so no timer fires.
      await loop.run()
      while let part = try await channel.readOutbound(as: ByteBuffer.self) {
        received.writeImmutableBuffer(part)
      }
      if try await !isOpen(channel) { break }
      let elapsed = ContinuousClock.now - started
      if method.descriptor.kind.serverStreams, !cancelled, elapsed > Self.streamLimit {
        var cancel = ByteBuffer()
        Self.writeFrame(&cancel, type: 0x08, callID: 1, payload: [])
        try await channel.writeInbound(cancel)
        cancelled = true
      }
      if elapsed > Self.hangLimit {
        _ = try? await channel.close()
        throw FuzzFinding(
          "\(method.descriptor.fullName) did not end within \(Self.hangLimit) "
            + "(\(received.readableBytes) bytes answered)")
      }
      try await Task.sleep(for: .microseconds(100))
    }
    while let part = try await channel.readOutbound(as: ByteBuffer.self) {
      received.writeImmutableBuffer(part)
    }
    return try Self.outcome(of: received, method: method, cancelled: cancelled)
  }

  private func isOpen(_ channel: NIOAsyncTestingChannel) async throws -> Bool {
    try await loop.executeInContext { channel.isActive }
  }

  /// Reads the server's side of the connection: exactly one trailer for call 1 (or none, when
  /// the client cancelled the call, which the server ends without one).
  static func outcome(of bytes: ByteBuffer, method: MethodSchema, cancelled: Bool) throws -> Outcome {
    var reader = WireReader(maxFrameSize: .max)
    var remaining = bytes
    var outcome = Outcome()
    var trailers = 0
    do {
      while let item = try reader.next(&remaining) {
        switch item {
        case .trailer(callID: 1, let status, let message):
          trailers += 1
          outcome.status = status
          outcome.message = message
        case .frame(type: 0x05, flags: _, callID: 1, let payload):
          if outcome.response == nil { outcome.response = Array(payload.readableBytesView) }
        case .goAway(_, let code, let message) where code != 0:
          throw FuzzFinding(
            "\(method.descriptor.fullName): the server ended the connection: \(code ?? -1) \(message)")
        default:
          break
        }
      }
    } catch let violation as WireReader.Violation {
      throw FuzzFinding("\(method.descriptor.fullName): the server's bytes break the protocol: \(violation)")
    }
    guard remaining.readableBytes == 0 else {
      throw FuzzFinding("\(method.descriptor.fullName): the server's bytes end inside a frame")
    }
    guard trailers == 1 || (cancelled && trailers == 0) else {
      throw FuzzFinding("\(method.descriptor.fullName): the call ended with \(trailers) trailers")
    }
    return outcome
  }

  static func writeFrame(
    _ buffer: inout ByteBuffer, type: UInt8, flags: UInt8 = 0, callID: UInt32, payload: [UInt8]
  ) {
    buffer.writeInteger(UInt32(payload.count))
    buffer.writeInteger(type)
    buffer.writeInteger(flags)
    buffer.writeInteger(callID)
    buffer.writeBytes(payload)
  }
}

/// A protobuf field for the few wire messages the harness writes by hand (the runtime's own
/// message types are internal to it).
enum ProtoField {
  case varint(UInt64, UInt64)
  case string(UInt64, String)
  case message(UInt64, [ProtoField])
}

/// The protobuf encoding of `fields`.
func encode(_ fields: [ProtoField]) -> [UInt8] {
  var out: [UInt8] = []
  func varint(_ value: UInt64) {
    var value = value
    while value >= 0x80 {
      out.append(UInt8(value & 0x7F) | 0x80)
      value >>= 7
    }
    out.append(UInt8(value))
  }
  for field in fields {
    switch field {
    case .varint(let number, let value):
      varint(number << 3)
      varint(value)
    case .string(let number, let text):
      varint(number << 3 | 2)
      varint(UInt64(text.utf8.count))
      out.append(contentsOf: text.utf8)
    case .message(let number, let inner):
      let bytes = encode(inner)
      varint(number << 3 | 2)
      varint(UInt64(bytes.count))
      out.append(contentsOf: bytes)
    }
  }
  return out
}
