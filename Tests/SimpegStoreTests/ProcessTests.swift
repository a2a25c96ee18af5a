import Foundation
import SimpegStore
import SimpegTestSupport
import SwiftProtobuf
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The tables `store-crash-writer` writes: every request puts the same id into both.
enum CrashTables {
  static let left = Table<UInt64, Google_Protobuf_StringValue>(name: "left")
  static let right = Table<UInt64, Google_Protobuf_StringValue>(name: "right")
  static let schema = StoreSchema(version: 1, tables: [left, right])
}

/// A running `store-crash-writer` whose standard output is read line by line.
final class ChildWriter: @unchecked Sendable {
  // Safe to share: a test uses it from one thread at a time, handing it to another thread and
  // awaiting that thread's end before touching it again (the await orders the accesses).
  let process = ChildProcess()
  private let output = Pipe()
  private let input = Pipe()
  private var pending = Data()
  private(set) var finished = false

  init(mode: String, folder: String) throws {
    process.executableURL = URL(fileURLWithPath: builtExecutable("store-crash-writer"))
    process.arguments = [mode, folder]
    process.standardOutput = output
    process.standardInput = input
    process.standardError = FileHandle.nullDevice
    try process.run()
  }

  /// The next complete line, or nil at end of output. Blocks.
  func nextLine() -> String? {
    while true {
      if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
        let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
        pending.removeSubrange(pending.startIndex...newline)
        return line
      }
      let data = output.fileHandleForReading.availableData
      if data.isEmpty {
        finished = true
        return nil
      }
      pending.append(data)
    }
  }

  func kill() {
    _ = Glibc.kill(process.processIdentifier, SIGKILL)
  }

  func closeInput() {
    try? input.fileHandleForWriting.close()
  }

  func wait() {
    process.waitUntilExit()
  }
}

@Suite("Processes", .serialized)
struct ProcessTests {
  @Test func folderOpenedByAnotherProcessIsReportedWithItsPID() async throws {
    let folder = TemporaryFolder()
    let path = folder.path
    let child = try ChildWriter(mode: "hold", folder: path)
    let ready = try await onThread { child.nextLine() }
    #expect(ready == "ready \(child.process.processIdentifier)")
    let error = #expect(throws: StoreError.self) {
      try Store.open(at: path, schema: CrashTables.schema, logger: silentLogger)
    }
    #expect(error?.kind == .folderInUse)
    #expect(
      error?.message.contains("in use by another process (pid \(child.process.processIdentifier))") == true)
    child.closeInput()
    try await onThread { child.wait() }
    let store = try Store.open(at: path, schema: CrashTables.schema, logger: silentLogger)
    store.close()
  }

  @Test func secondOpenInTheSameProcessIsRefused() throws {
    let folder = TemporaryFolder()
    let store = try openStore(folder.path)
    defer { store.close() }
    let error = #expect(throws: StoreError.self) { try openStore(folder.path) }
    #expect(error?.kind == .folderInUse)
  }

  @Test func acknowledgedWritesSurviveSIGKILLAndNoBatchIsHalfVisible() async throws {
    let folder = TemporaryFolder()
    let path = folder.path
    var generator = SystemRandomNumberGenerator()
    var acknowledged = Set<UInt64>()
    for cycle in 0..<20 {
      let target = Int.random(in: 1...400, using: &generator)
      let child = try ChildWriter(mode: "write", folder: path)
      let acks: [UInt64] = try await onThread {
        var acks: [UInt64] = []
        let deadline = ContinuousClock.now.advanced(by: .seconds(30))
        while acks.count < target && ContinuousClock.now < deadline, let line = child.nextLine() {
          if line.hasPrefix("ack "), let id = UInt64(line.dropFirst(4)) { acks.append(id) }
        }
        child.kill()
        // Lines written before the kill are still in the pipe: each is an acknowledged write.
        while let line = child.nextLine() {
          if line.hasPrefix("ack "), let id = UInt64(line.dropFirst(4)) { acks.append(id) }
        }
        child.wait()
        return acks
      }
      #expect(child.process.terminationReason == .uncaughtSignal, "cycle \(cycle): the child ended by itself")
      acknowledged.formUnion(acks)

      let store = try Store.open(at: path, schema: CrashTables.schema, logger: silentLogger)
      let (leftKeys, rightKeys) = try store.read { txn in
        (
          Set(try CrashTables.left.keys(in: txn)),
          Set(try CrashTables.right.keys(in: txn))
        )
      }
      store.close()
      let missing = acknowledged.subtracting(leftKeys)
      #expect(missing.isEmpty, "cycle \(cycle): acknowledged writes lost: \(missing.sorted().prefix(10))")
      #expect(leftKeys == rightKeys, "cycle \(cycle): a request is half visible")
    }
    #expect(acknowledged.count >= 20)
    print("crash test: \(acknowledged.count) acknowledged writes over 20 kills")
  }
}
