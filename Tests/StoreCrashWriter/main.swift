// A child process for the storage tests.
//
//   store-crash-writer write FOLDER   writes pairs of rows with group commit from 16 tasks and
//                                     prints "ack ID" as soon as each write returned (durable);
//                                     the test kills it with SIGKILL at random moments.
//   store-crash-writer hold FOLDER    opens the store, prints "ready PID", and keeps it open
//                                     until its standard input closes.
// Every loop is bounded in count and time; an alarm ends the process after 120 s regardless.

import Foundation
import Logging
import SimpegStore
import SwiftProtobuf

#if canImport(Glibc)
  import Glibc
#endif

let left = Table<UInt64, Google_Protobuf_StringValue>(name: "left")
let right = Table<UInt64, Google_Protobuf_StringValue>(name: "right")
let schema = StoreSchema(version: 1, tables: [left, right])
let logger = Logger(label: "store-crash-writer", factory: { _ in SwiftLogNoOpLogHandler() })

func say(_ line: String) {
  let bytes = Array((line + "\n").utf8)
  _ = bytes.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
}

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data((message + "\n").utf8))
  exit(2)
}

let arguments = CommandLine.arguments
guard arguments.count == 3 else { fail("usage: store-crash-writer write|hold FOLDER") }
alarm(120)
let folder = arguments[2]

switch arguments[1] {
case "hold":
  let store: Store
  do {
    store = try Store.open(at: folder, schema: schema, logger: logger)
  } catch {
    fail("open failed: \(error)")
  }
  say("ready \(getpid())")
  var byte: UInt8 = 0
  while read(0, &byte, 1) > 0 {}
  store.close()

case "write":
  // A small map, so the map also grows while the process gets killed.
  let configuration = StoreConfiguration(mapSize: 256 << 10, maxBatchSize: 64)
  let store: Store
  do {
    store = try Store.open(at: folder, configuration: configuration, schema: schema, logger: logger)
  } catch {
    fail("open failed: \(error)")
  }
  let first: UInt64
  do {
    first = try store.read { try left.keys(in: $0, direction: .reverse, limit: 1).first ?? 0 } + 1
  } catch {
    fail("read failed: \(error)")
  }
  let writers: UInt64 = 16
  let perWriter: UInt64 = 20_000
  let payload = String(repeating: "p", count: 300)
  let deadline = ContinuousClock.now.advanced(by: .seconds(100))
  await withTaskGroup(of: Void.self) { group in
    for writer in 0..<writers {
      group.addTask {
        for round in 0..<perWriter where ContinuousClock.now < deadline {
          let id = first + round * writers + writer
          do {
            try await store.write { txn in
              var value = Google_Protobuf_StringValue()
              value.value = "\(id)-\(payload)"
              try left.put(value, for: id, in: txn)
              try right.put(value, for: id, in: txn)
            }
            say("ack \(id)")
          } catch {
            fail("write \(id) failed: \(error)")
          }
        }
      }
    }
  }
  store.close()

default:
  fail("unknown mode \(arguments[1])")
}
