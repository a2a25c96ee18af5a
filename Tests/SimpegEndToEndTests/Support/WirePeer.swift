import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A client of the wire protocol (Schema/PROTOCOL.md) on a plain blocking socket, written from
/// the spec alone, so tests can do what a well-behaved client never would: trickle partial
/// frames, send huge call headers or bytes that are not protobuf, stop reading, or vanish
/// without a goodbye.
final class WirePeer {
  /// One frame as read from the socket.
  struct Frame {
    let type: UInt8
    let flags: UInt8
    let callID: UInt32
    let payload: [UInt8]
  }

  /// Frame types (PROTOCOL.md, section 4.1).
  enum Kind: UInt8 {
    case settings = 1
    case ping, goAway, call, message, halfClose, trailer, cancel, credit
  }

  /// What a call ended with.
  struct Outcome: CustomStringConvertible {
    let code: Int
    let message: String
    let response: [UInt8]?
    var description: String { "code \(code): \(message)" }
  }

  /// Why the server refused or ended the connection.
  struct GoAway: CustomStringConvertible {
    let lastCallID: UInt64
    let error: Int
    let message: String
    var description: String { "GOAWAY error \(error): \(message)" }
  }

  struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
  }

  static let magic: [UInt8] = Array("SIMPEG\r\n".utf8)
  /// The client preface: magic and protocol version 1.
  static let preface: [UInt8] = magic + [0, 1]
  /// Status codes used by the tests (gRPC's numbering).
  static let ok = 0
  static let invalidArgument = 3
  static let resourceExhausted = 8
  static let aborted = 10
  static let unauthenticated = 16
  /// Connection errors used by the tests.
  static let frameTooLarge = 4
  static let tooManyConnections = 6

  let descriptor: Int32
  private var buffered: [UInt8] = []
  private var isOpen = true

  private init(descriptor: Int32) { self.descriptor = descriptor }

  deinit { close() }

  /// Closes the socket (a normal close: FIN).
  func close() {
    guard isOpen else { return }
    isOpen = false
    Glibc.close(descriptor)
  }

  /// Connects to `127.0.0.1:port`, from the loopback address `source` when given (any of
  /// 127.0.0.0/8 works on Linux, so one machine can play several client hosts).
  static func connect(port: Int, from source: String? = nil, timeout: Double = 20) throws -> WirePeer {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw Failure("socket: \(String(cString: strerror(errno)))") }
    let peer = WirePeer(descriptor: descriptor)
    var time = timeval(tv_sec: Int(timeout), tv_usec: 0)
    setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
    if let source {
      var local = sockaddr_in()
      local.sin_family = sa_family_t(AF_INET)
      local.sin_addr.s_addr = inet_addr(source)
      let bound = withUnsafePointer(to: &local) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
      }
      guard bound == 0 else { throw Failure("bind \(source): \(String(cString: strerror(errno)))") }
    }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else { throw Failure("connect: \(String(cString: strerror(errno)))") }
    return peer
  }

  // MARK: Sending

  /// Sends `bytes` whole.
  func send(_ bytes: [UInt8]) throws {
    var offset = 0
    while offset < bytes.count {
      let sent = bytes[offset...].withUnsafeBytes {
        Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
      }
      if sent < 0 {
        if errno == EINTR { continue }
        throw Failure("send: \(String(cString: strerror(errno)))")
      }
      offset += sent
    }
  }

  /// The bytes of one frame.
  static func frame(_ kind: Kind, flags: UInt8 = 0, callID: UInt32, payload: [UInt8] = []) -> [UInt8] {
    frame(kind, flags: flags, callID: callID, payload: payload, declaredLength: UInt32(payload.count))
  }

  /// The bytes of one frame whose header declares `declaredLength` (which may differ from the
  /// payload's, for partial or oversized frames).
  static func frame(
    _ kind: Kind, flags: UInt8 = 0, callID: UInt32, payload: [UInt8], declaredLength: UInt32
  ) -> [UInt8] {
    var bytes = withUnsafeBytes(of: declaredLength.bigEndian, Array.init)
    bytes += [kind.rawValue, flags]
    bytes += withUnsafeBytes(of: callID.bigEndian, Array.init)
    return bytes + payload
  }

  /// The preface and an all-defaults SETTINGS frame.
  static var opening: [UInt8] { preface + frame(.settings, callID: 0) }

  /// The CALL frame and the request's MESSAGE frame (with END_STREAM) of one unary or
  /// server-streaming call.
  static func call(
    _ id: UInt32, method: String, token: String? = nil, request: [UInt8], timeoutMicros: UInt64 = 0
  ) -> [UInt8] {
    var metadata: [(String, [UInt8])] = []
    if let token { metadata.append(("authorization", Array("Bearer \(token)".utf8))) }
    let header = Proto.callHeader(
      method: Array(method.utf8), timeoutMicros: timeoutMicros, metadata: metadata)
    return frame(.call, callID: id, payload: header)
      + frame(.message, flags: 1, callID: id, payload: request)
  }

  /// Sends the preface and SETTINGS.
  func sendOpening() throws { try send(Self.opening) }

  /// Completes the handshake: nil when established, the GOAWAY when the server refused.
  @discardableResult
  func handshake(timeout: Double = 20) throws -> GoAway? {
    try sendOpening()
    return try readServerOpening(timeout: timeout)
  }

  /// Reads the server's preface and SETTINGS (nil) or GOAWAY (returned).
  func readServerOpening(timeout: Double = 20) throws -> GoAway? {
    let deadline = Date().addingTimeInterval(timeout)
    guard let preface = try read(10, until: deadline) else {
      throw Failure("the server closed before its preface")
    }
    guard Array(preface.prefix(8)) == Self.magic else { throw Failure("the server's preface is wrong") }
    guard let frame = try nextFrame(until: deadline) else {
      throw Failure("the server closed after its preface")
    }
    switch frame.type {
    case Kind.settings.rawValue: return nil
    case Kind.goAway.rawValue: return Self.goAway(frame.payload)
    default: throw Failure("the server sent frame type \(frame.type) in place of SETTINGS")
    }
  }

  /// Sends a unary call and reads until its trailer, answering pings on the way.
  func unary(
    _ id: UInt32, method: String, token: String? = nil, request: [UInt8], timeout: Double = 30
  ) throws -> Outcome {
    try send(Self.call(id, method: method, token: token, request: request))
    return try outcome(of: id, timeout: timeout)
  }

  /// Reads frames until the trailer of call `id`; throws when the connection ends first.
  func outcome(of id: UInt32, timeout: Double = 30) throws -> Outcome {
    let deadline = Date().addingTimeInterval(timeout)
    var response: [UInt8]?
    while true {
      guard let frame = try nextFrame(until: deadline) else {
        throw Failure("the connection closed before call \(id) ended")
      }
      if frame.callID != id {
        if frame.type == Kind.goAway.rawValue {
          throw Failure("the server ended the connection: \(Self.goAway(frame.payload))")
        }
        continue
      }
      if frame.type == Kind.message.rawValue { response = frame.payload }
      if frame.type == Kind.trailer.rawValue {
        let fields = Proto.fields(frame.payload)
        return Outcome(
          code: Int(fields.varint(1) ?? 0), message: fields.string(2) ?? "", response: response)
      }
    }
  }

  /// Reads frames until the trailers of all of `ids` arrived, in whatever order the server
  /// sends them; throws when the connection ends first or `timeout` passes.
  func outcomes(of ids: [UInt32], timeout: Double = 60) throws -> [UInt32: Outcome] {
    let deadline = Date().addingTimeInterval(timeout)
    let wanted = Set(ids)
    var responses: [UInt32: [UInt8]] = [:]
    var outcomes: [UInt32: Outcome] = [:]
    while outcomes.count < wanted.count {
      guard let frame = try nextFrame(until: deadline) else {
        throw Failure("the connection closed with \(wanted.count - outcomes.count) calls unanswered")
      }
      if frame.type == Kind.goAway.rawValue {
        throw Failure("the server ended the connection: \(Self.goAway(frame.payload))")
      }
      guard wanted.contains(frame.callID) else { continue }
      if frame.type == Kind.message.rawValue { responses[frame.callID] = frame.payload }
      if frame.type == Kind.trailer.rawValue {
        let fields = Proto.fields(frame.payload)
        outcomes[frame.callID] = Outcome(
          code: Int(fields.varint(1) ?? 0), message: fields.string(2) ?? "",
          response: responses[frame.callID])
      }
    }
    return outcomes
  }

  /// Closes with a TCP reset (SO_LINGER 0): no FIN, no GOAWAY, calls in flight abandoned.
  func closeAbruptly() {
    var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
    setsockopt(descriptor, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
    close()
  }

  /// Shrinks the socket's receive buffer, so a peer that does not read pushes back sooner.
  func shrinkReceiveBuffer(to bytes: Int32 = 4096) {
    var size = bytes
    setsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
  }

  // MARK: Reading

  /// The next frame, answering PINGs; nil when the server closed the connection.
  func nextFrame(timeout: Double = 30) throws -> Frame? {
    try nextFrame(until: Date().addingTimeInterval(timeout))
  }

  private func nextFrame(until deadline: Date) throws -> Frame? {
    while true {
      guard let header = try read(10, until: deadline) else { return nil }
      let length = header[0..<4].reduce(0) { $0 << 8 | Int($1) }
      let callID = header[6..<10].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
      guard let payload = try read(length, until: deadline) else { return nil }
      let frame = Frame(type: header[4], flags: header[5], callID: callID, payload: payload)
      if frame.type == Kind.ping.rawValue, frame.flags & 1 == 0 {
        try send(Self.frame(.ping, flags: 1, callID: 0, payload: payload))
        continue
      }
      return frame
    }
  }

  /// Whether the server closes the connection within `timeout`, skipping frames.
  func waitForClose(timeout: Double = 30) throws -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    do {
      while try nextFrame(until: deadline) != nil {}
      return true
    } catch let failure as Failure where failure.description.hasPrefix("timed out") {
      return false
    }
  }

  /// Whether bytes (or the end of the stream) wait to be read, without waiting.
  func isReadable() -> Bool {
    if !buffered.isEmpty { return true }
    var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
    return poll(&poller, 1, 0) > 0
  }

  /// Whatever bytes are buffered or arrive next (at most `timeout` seconds' wait), for peers of
  /// other protocols (the web gateway's HTTP tests); nil at end of stream (or a reset).
  func receive(timeout: Double = 30) throws -> [UInt8]? {
    var bytes: [UInt8] = []
    if buffered.isEmpty {
      guard let first = try read(1, until: Date().addingTimeInterval(timeout)) else { return nil }
      bytes = first
    }
    defer { buffered.removeAll() }
    return bytes + buffered
  }

  /// Exactly `count` bytes; nil at end of stream (or a reset). Throws when `deadline` passes.
  private func read(_ count: Int, until deadline: Date) throws -> [UInt8]? {
    while buffered.count < count {
      let remaining = deadline.timeIntervalSinceNow
      guard remaining > 0 else { throw Failure("timed out waiting for the server") }
      var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
      let ready = poll(&poller, 1, Int32(min(remaining * 1000, 1000)) + 1)
      if ready < 0 && errno != EINTR { throw Failure("poll: \(String(cString: strerror(errno)))") }
      guard ready > 0 else { continue }
      var chunk = [UInt8](repeating: 0, count: max(65_536, count - buffered.count))
      let received = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
      if received < 0 {
        if errno == EINTR || errno == EAGAIN { continue }
        return nil  // e.g. ECONNRESET: the connection is gone
      }
      if received == 0 { return nil }
      buffered += chunk[0..<received]
    }
    let bytes = Array(buffered[0..<count])
    buffered.removeFirst(count)
    return bytes
  }

  static func goAway(_ payload: [UInt8]) -> GoAway {
    let fields = Proto.fields(payload)
    return GoAway(
      lastCallID: fields.varint(1) ?? 0, error: Int(fields.varint(2) ?? 0), message: fields.string(3) ?? "")
  }
}

/// Protobuf's binary encoding by hand, so tests can write what a generated encoder never
/// would (invalid UTF-8, lengths past the end, nesting without end).
enum Proto {
  static func varint(_ value: UInt64) -> [UInt8] {
    var value = value
    var bytes: [UInt8] = []
    while value >= 0x80 {
      bytes.append(UInt8(value & 0x7F) | 0x80)
      value >>= 7
    }
    bytes.append(UInt8(value))
    return bytes
  }

  static func tag(_ field: Int, _ wireType: Int) -> [UInt8] { varint(UInt64(field << 3 | wireType)) }

  /// A varint field.
  static func uint(_ field: Int, _ value: UInt64) -> [UInt8] { tag(field, 0) + varint(value) }

  /// A length-delimited field (string, bytes or message) holding `bytes` as they are.
  static func bytes(_ field: Int, _ bytes: [UInt8]) -> [UInt8] {
    tag(field, 2) + varint(UInt64(bytes.count)) + bytes
  }

  /// A CallHeader: method, timeout and metadata entries with text values (raw bytes).
  static func callHeader(method: [UInt8], timeoutMicros: UInt64 = 0, metadata: [(String, [UInt8])] = [])
    -> [UInt8]
  {
    var header = bytes(1, method)
    if timeoutMicros > 0 { header += uint(2, timeoutMicros) }
    for (key, value) in metadata {
      header += bytes(3, bytes(1, Array(key.utf8)) + bytes(2, value))
    }
    return header
  }

  /// The fields of a message, by number: varints and length-delimited values (others skipped).
  struct Fields {
    var varints: [Int: UInt64] = [:]
    var lengthDelimited: [Int: [UInt8]] = [:]
    func varint(_ field: Int) -> UInt64? { varints[field] }
    func string(_ field: Int) -> String? {
      lengthDelimited[field].map { String(decoding: $0, as: UTF8.self) }
    }
  }

  static func fields(_ bytes: [UInt8]) -> Fields {
    var fields = Fields()
    var index = 0
    func readVarint() -> UInt64? {
      var value: UInt64 = 0
      var shift: UInt64 = 0
      while index < bytes.count, shift < 64 {
        let byte = bytes[index]
        index += 1
        value |= UInt64(byte & 0x7F) << shift
        if byte & 0x80 == 0 { return value }
        shift += 7
      }
      return nil
    }
    while index < bytes.count, let key = readVarint() {
      let field = Int(key >> 3)
      switch key & 7 {
      case 0:
        guard let value = readVarint() else { return fields }
        fields.varints[field] = value
      case 1: index += 8
      case 2:
        guard let length = readVarint(), index + Int(length) <= bytes.count else { return fields }
        fields.lengthDelimited[field] = Array(bytes[index..<index + Int(length)])
        index += Int(length)
      case 5: index += 4
      default: return fields
      }
    }
    return fields
  }
}
