import Foundation
import Logging
import SimpegStore
import SimpegTestSupport
import SwiftProtobuf

/// The record type the tests store: a protobuf Struct of string fields.
typealias Record = Google_Protobuf_Struct

/// Makes a record from string fields.
func record(_ fields: [String: String]) -> Record {
  var value = Record()
  for (name, text) in fields {
    value.fields[name] = Google_Protobuf_Value(stringValue: text)
  }
  return value
}

extension Google_Protobuf_Struct {
  /// A string field, or nil.
  func string(_ name: String) -> String? {
    guard case .stringValue(let text)? = fields[name]?.kind else { return nil }
    return text
  }
}

/// Tables and schema shared by the tests.
enum Fixtures {
  static let byName = Index<String, Record>(name: "by_name", key: { $0.string("name") })
  static let byEmail = Index<String, Record>(name: "by_email", unique: true, key: { $0.string("email") })
  static let byTag = Index<String, Record>(
    name: "by_tag", keys: { $0.string("tags")?.split(separator: ",").map(String.init) ?? [] })
  static let people = Table<UInt64, Record>(
    name: "people", recordsChanges: true, indexes: [byName, byEmail, byTag])
  static let notes = Table<CompositeKey2<String, Int64>, Record>(name: "notes")
  static let ledger = Table<UInt64, Record>(name: "ledger", recordsChanges: true, indexes: [byName])
  static let quiet = Table<UInt64, Record>(name: "quiet")

  static func schema(version: UInt64 = 1, migrations: [Migration] = []) -> StoreSchema {
    StoreSchema(version: version, tables: [people, notes, ledger, quiet], migrations: migrations)
  }
}

/// A logger that discards everything.
let silentLogger = Logger(label: "simpeg.store.tests", factory: { _ in SwiftLogNoOpLogHandler() })

/// A fresh folder under the system temporary directory, removed when the test is done.
final class TemporaryFolder: Sendable {
  let path: String

  init() {
    let base = FileManager.default.temporaryDirectory.path
    path = base + "/simpeg-store-tests-" + UUID().uuidString
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(atPath: path)
  }

  /// A path inside the folder (not created).
  func child(_ name: String) -> String { path + "/" + name }
}

/// Opens a store in `folder` with test-friendly defaults.
func openStore(
  _ path: String, configuration: StoreConfiguration = StoreConfiguration(mapSize: 16 << 20),
  schema: StoreSchema = Fixtures.schema()
) throws -> Store {
  try Store.open(at: path, configuration: configuration, schema: schema, logger: silentLogger)
}

/// Runs blocking work on a thread of its own so it never blocks the test's executor.
func onThread<T: Sendable>(_ job: @escaping @Sendable () throws -> T) async throws -> T {
  try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
    let thread = Thread { continuation.resume(with: Result { try job() }) }
    thread.start()
  }
}

/// Waits until `condition` holds, checking after each yield, for at most `timeout`.
func waitUntil(timeout: Duration = .seconds(60), _ condition: () throws -> Bool) async rethrows -> Bool {
  let clock = ContinuousClock()
  let deadline = clock.now.advanced(by: timeout)
  var rounds = 0
  while clock.now < deadline && rounds < 1_000_000 {
    if try condition() { return true }
    rounds += 1
    try? await Task.sleep(for: .milliseconds(1))
  }
  return try condition()
}

/// The path of an executable built beside the test bundle.
func builtExecutable(_ name: String) -> String {
  let me =
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
    ?? CommandLine.arguments[0]
  var directory = URL(fileURLWithPath: me).deletingLastPathComponent()
  if directory.lastPathComponent == "MacOS" {  // bundle layout on Darwin
    directory = directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  }
  return directory.appendingPathComponent(name).path
}

/// The path of a program on PATH, or nil.
func programOnPath(_ name: String) -> String? {
  let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
  for directory in paths + ["/usr/bin", "/usr/sbin"] {
    let candidate = "\(directory)/\(name)"
    if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
  }
  return nil
}

/// Runs a program to completion and returns its exit status and output.
func runProgram(_ path: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
  let process = ChildProcess()
  process.executableURL = URL(fileURLWithPath: path)
  process.arguments = arguments
  let pipe = Pipe()
  process.standardOutput = pipe
  process.standardError = FileHandle.nullDevice
  try process.run()
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
