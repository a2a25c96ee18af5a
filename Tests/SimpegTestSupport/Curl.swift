import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One HTTP exchange as curl saw it: the final response's status, headers and body.
public struct HTTPExchange: Sendable, CustomStringConvertible {
  /// The status code.
  public let status: Int
  /// The headers in order, names in lower case.
  public let headers: [Header]
  /// The body.
  public let body: Data

  /// A header line.
  public struct Header: Sendable {
    /// The name, in lower case.
    public let name: String
    /// The value.
    public let value: String
  }

  /// The first value of `name` (any case).
  public func header(_ name: String) -> String? {
    headers.first { $0.name == name.lowercased() }?.value
  }

  /// Every value of `name` (any case).
  public func headers(named name: String) -> [String] {
    headers.filter { $0.name == name.lowercased() }.map(\.value)
  }

  /// The body as UTF-8 text.
  public var text: String { String(decoding: body, as: UTF8.self) }

  /// The body as a JSON object.
  public func json() throws -> [String: Any] {
    guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
      throw CurlFailure("the body is not a JSON object: \(text.prefix(500))")
    }
    return object
  }

  /// The status and body, for failure messages.
  public var description: String { "HTTP \(status): \(text.prefix(1000))" }
}

/// A failure to run curl or read what it wrote.
public struct CurlFailure: Error, CustomStringConvertible {
  /// What went wrong.
  public let description: String
  /// Creates a failure.
  public init(_ description: String) { self.description = description }
}

/// Plain HTTP from the tests through curl, an HTTP client independent of the code under test.
/// Each request runs curl once, with its own files in `folder`; a cookie jar, when given, keeps
/// cookies between requests as a browser would.
public struct Curl: Sendable {
  /// `http://host:port` (or `https://`).
  public let baseURL: String
  /// Where request bodies and curl's output go.
  public let folder: URL
  /// The cookie jar, or nil for none.
  public let cookieJar: URL?
  /// Extra curl arguments for every request (e.g. `--cacert FILE`).
  public let options: [String]

  /// A client of `baseURL` writing into `folder`.
  public init(baseURL: String, folder: URL, cookieJar: URL? = nil, options: [String] = []) {
    self.baseURL = baseURL
    self.folder = folder
    self.cookieJar = cookieJar
    self.options = options
  }

  /// The same client with a cookie jar of its own (a browser's session).
  public func withCookieJar(_ name: String = UUID().uuidString) -> Curl {
    Curl(
      baseURL: baseURL, folder: folder, cookieJar: folder.appendingPathComponent("jar-\(name).txt"),
      options: options)
  }

  /// Sends `method path` with `headers` and `body`, and waits (at most `timeout` seconds) for
  /// the whole response.
  public func request(
    _ method: String, _ path: String, headers: [String: String] = [:], body: Data? = nil,
    timeout: Double = 60
  ) async throws -> HTTPExchange {
    let id = UUID().uuidString.prefix(8)
    let headerFile = folder.appendingPathComponent("curl-\(id).headers")
    let bodyFile = folder.appendingPathComponent("curl-\(id).body")
    var arguments =
      options + [
        "-sS", "-X", method, "--max-time", String(timeout), "-D", headerFile.path, "-o", bodyFile.path,
        "-H", "Expect:",
      ]
    for (name, value) in headers.sorted(by: { $0.key < $1.key }) { arguments += ["-H", "\(name): \(value)"] }
    if let body {
      let requestFile = folder.appendingPathComponent("curl-\(id).request")
      try body.write(to: requestFile)
      arguments += ["--data-binary", "@\(requestFile.path)"]
    }
    if let cookieJar { arguments += ["-b", cookieJar.path, "-c", cookieJar.path] }
    arguments.append(baseURL + path)
    let run = try await Self.run(arguments, folder: folder, timeout: timeout + 30)
    guard run.status == 0 else {
      throw CurlFailure("curl \(method) \(path) failed (\(run.status)): \(run.stderr)")
    }
    let headerText = (try? String(contentsOf: headerFile, encoding: .utf8)) ?? ""
    let responseBody = (try? Data(contentsOf: bodyFile)) ?? Data()
    return try Self.exchange(headerText: headerText, body: responseBody)
  }

  /// A JSON POST: `json` as the body with Content-Type application/json.
  public func post(
    _ path: String, json: String, headers: [String: String] = [:], timeout: Double = 60
  ) async throws -> HTTPExchange {
    var all = headers
    if all["Content-Type"] == nil { all["Content-Type"] = "application/json" }
    return try await request("POST", path, headers: all, body: Data(json.utf8), timeout: timeout)
  }

  /// Parses the last response head of curl's `-D` output.
  static func exchange(headerText: String, body: Data) throws -> HTTPExchange {
    let blocks = headerText.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
      .filter { $0.hasPrefix("HTTP/") }
    guard let last = blocks.last else { throw CurlFailure("curl wrote no response head") }
    var lines = last.split(separator: "\n").map(String.init)
    let statusLine = lines.removeFirst().split(separator: " ")
    guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
      throw CurlFailure("no status in '\(last.prefix(100))'")
    }
    let headers = lines.compactMap { line -> HTTPExchange.Header? in
      guard let colon = line.firstIndex(of: ":") else { return nil }
      return HTTPExchange.Header(
        name: line[..<colon].lowercased(),
        value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }
    return HTTPExchange(status: status, headers: headers, body: body)
  }

  /// The outcome of running curl to its end.
  struct Run {
    let status: Int32
    let stderr: String
  }

  static func run(_ arguments: [String], folder: URL, timeout: Double) async throws -> Run {
    let process = ChildProcess()
    process.executableURL = try binary
    process.arguments = arguments
    let errorFile = folder.appendingPathComponent("curl-\(UUID().uuidString.prefix(8)).stderr")
    _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
    process.standardOutput = FileHandle.nullDevice
    process.standardError = try FileHandle(forWritingTo: errorFile)
    try process.run()
    let deadline = ContinuousClock.now + .seconds(timeout)
    while process.isRunning {
      guard ContinuousClock.now < deadline else {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        throw CurlFailure("curl did not finish within \(timeout) s")
      }
      try await Task.sleep(for: .milliseconds(5))
    }
    return Run(
      status: process.terminationStatus,
      stderr: (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "")
  }

  /// curl on the PATH.
  static var binary: URL {
    get throws {
      for folder in ["/usr/bin", "/usr/local/bin", "/bin"] {
        let candidate = URL(fileURLWithPath: folder).appendingPathComponent("curl")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      }
      throw CurlFailure("curl is not installed; Tools/lib/ensure-deps.sh installs it")
    }
  }
}

/// A response read by curl as it arrives (`curl -N`), for streams: the test reads what has come
/// so far, and stops curl to drop the connection, as a browser tab that closes would.
public final class CurlStream: @unchecked Sendable {
  // @unchecked: `process` is thread-safe for isRunning/terminate; the file paths are constants.
  private let process: ChildProcess
  /// The file the body goes into.
  public let bodyFile: URL
  /// The file the response head goes into.
  public let headerFile: URL

  /// Starts `method path` on `curl` with `headers` and `body`, reading the body as it comes.
  public init(
    _ curl: Curl, _ method: String, _ path: String, headers: [String: String] = [:], body: Data? = nil
  ) throws {
    let id = UUID().uuidString.prefix(8)
    bodyFile = curl.folder.appendingPathComponent("stream-\(id).body")
    headerFile = curl.folder.appendingPathComponent("stream-\(id).headers")
    _ = FileManager.default.createFile(atPath: bodyFile.path, contents: nil)
    var arguments =
      curl.options + [
        "-sS", "-N", "-X", method, "-D", headerFile.path, "-o", bodyFile.path, "-H", "Expect:",
      ]
    for (name, value) in headers.sorted(by: { $0.key < $1.key }) { arguments += ["-H", "\(name): \(value)"] }
    if let body {
      let requestFile = curl.folder.appendingPathComponent("stream-\(id).request")
      try body.write(to: requestFile)
      arguments += ["--data-binary", "@\(requestFile.path)"]
    }
    if let jar = curl.cookieJar { arguments += ["-b", jar.path] }
    arguments.append(curl.baseURL + path)
    process = ChildProcess()
    process.executableURL = try Curl.binary
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
  }

  deinit { stop() }

  /// The body so far.
  public var body: Data { (try? Data(contentsOf: bodyFile)) ?? Data() }

  /// The response head, once it came.
  public var head: HTTPExchange? {
    guard let text = try? String(contentsOf: headerFile, encoding: .utf8),
      text.contains("\n\n") || text.contains("\r\n\r\n")
    else { return nil }
    return try? Curl.exchange(headerText: text, body: Data())
  }

  /// Whether curl still reads (the server has not ended the response).
  public var isRunning: Bool { process.isRunning }

  /// Polls (every 20 ms, at most `timeout`) until `condition` holds of the body so far.
  public func wait(
    timeout: Duration = .seconds(60), until condition: (Data) -> Bool
  ) async throws -> Data {
    let deadline = ContinuousClock.now + timeout
    while true {
      let body = self.body
      if condition(body) { return body }
      guard ContinuousClock.now < deadline else {
        throw CurlFailure(
          "the stream did not deliver what was awaited within \(timeout): \(String(decoding: body, as: UTF8.self).prefix(2000))"
        )
      }
      try await Task.sleep(for: .milliseconds(20))
    }
  }

  /// Waits (at most `timeout`) for the server to end the response.
  public func waitForEnd(timeout: Duration = .seconds(60)) async throws {
    let deadline = ContinuousClock.now + timeout
    while process.isRunning {
      guard ContinuousClock.now < deadline else {
        throw CurlFailure("the stream did not end within \(timeout)")
      }
      try await Task.sleep(for: .milliseconds(20))
    }
  }

  /// Drops the connection (kills curl).
  public func stop() {
    guard process.isRunning else { return }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }
}

/// Server-Sent Events as a test reads them.
public struct SSEEvent: Sendable, Equatable {
  /// The `id` field, if the event had one.
  public var id: String?
  /// The `event` field, nil for the default `message`.
  public var type: String?
  /// The data lines joined with line breaks.
  public var data: String

  /// The events in `body` (complete ones only; comments and `retry` skipped).
  public static func parse(_ body: Data) -> [SSEEvent] {
    let text = String(decoding: body, as: UTF8.self)
    var events: [SSEEvent] = []
    let blocks = text.components(separatedBy: "\n\n")
    for block in blocks.dropLast() {
      var event = SSEEvent(id: nil, type: nil, data: "")
      var dataLines: [String] = []
      for line in block.split(separator: "\n", omittingEmptySubsequences: true) {
        if line.hasPrefix("id: ") { event.id = String(line.dropFirst(4)) }
        if line.hasPrefix("event: ") { event.type = String(line.dropFirst(7)) }
        if line.hasPrefix("data: ") { dataLines.append(String(line.dropFirst(6))) }
      }
      guard !dataLines.isEmpty else { continue }
      event.data = dataLines.joined(separator: "\n")
      events.append(event)
    }
    return events
  }

  /// The data as a JSON object.
  public func json() throws -> [String: Any] {
    guard let object = try? JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any] else {
      throw CurlFailure("event data is not a JSON object: \(data.prefix(300))")
    }
    return object
  }
}

/// Connect's enveloped messages as a test reads them from a stream body.
public enum ConnectEnvelopes {
  /// One message of a stream body.
  public struct Message: Sendable {
    /// The flags byte (2: the end of the stream).
    public let flags: UInt8
    /// The message bytes.
    public let data: Data
  }

  /// A message with its 5-byte framing.
  public static func frame(_ data: Data, flags: UInt8 = 0) -> Data {
    var framed = Data([flags])
    let length = UInt32(data.count)
    framed.append(contentsOf: [
      UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF),
    ])
    framed.append(data)
    return framed
  }

  /// The complete messages of `body`.
  public static func parse(_ body: Data) -> [Message] {
    let bytes = [UInt8](body)
    var messages: [Message] = []
    var index = 0
    while index + 5 <= bytes.count {
      let length =
        Int(bytes[index + 1]) << 24 | Int(bytes[index + 2]) << 16 | Int(bytes[index + 3]) << 8
        | Int(bytes[index + 4])
      guard index + 5 + length <= bytes.count else { break }
      messages.append(Message(flags: bytes[index], data: Data(bytes[(index + 5)..<(index + 5 + length)])))
      index += 5 + length
    }
    return messages
  }
}
