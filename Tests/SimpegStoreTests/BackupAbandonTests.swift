import Foundation
import NIOConcurrencyHelpers
import SimpegStore
import Testing

@Suite("Backups that stall or stand in the way")
struct BackupAbandonTests {
  let folder = TemporaryFolder()

  /// Fills the store so a backup takes many chunks.
  private func fill(_ store: Store, rows: Int) async throws {
    let payload = String(repeating: "x", count: 2000)
    for start in stride(from: 0, to: rows, by: 100) {
      try await store.write { txn in
        for row in start..<min(start + 100, rows) {
          try Fixtures.quiet.put(record(["pad": payload]), for: UInt64(row), in: txn)
        }
      }
    }
  }

  @Test func aBackupWhoseReaderStallsIsAbandonedAndReleasesItsReadTransaction() async throws {
    var configuration = StoreConfiguration(mapSize: 64 << 20)
    configuration.backupStallTimeout = .seconds(2)
    let store = try openStore(folder.child("live"), configuration: configuration)
    defer { store.close() }
    try await fill(store, rows: 2_000)
    var iterator = store.backupStream(chunkSize: 4096).makeAsyncIterator()
    _ = try await iterator.next()
    #expect(store.runningBackups.count == 1)
    // The reader stops taking chunks: within the stall timeout (and the copy's end) the copy lets go.
    #expect(await waitUntil(timeout: .seconds(30)) { store.runningBackups.isEmpty })
    do {
      while try await iterator.next() != nil {}
      Issue.record("a stalled backup ran to its end")
    } catch let error as StoreError {
      #expect(error.kind == .backupAbandoned)
      #expect(error.message.contains("took no data"))
    }
  }

  @Test func mapGrowthDuringAStalledBackupAbandonsItAndWritesGoOn() async throws {
    var configuration = StoreConfiguration(mapSize: 1 << 20)
    configuration.growthPatience = .milliseconds(200)
    configuration.backupStallTimeout = .seconds(600)
    let store = try openStore(folder.child("live"), configuration: configuration)
    defer { store.close() }
    try await fill(store, rows: 100)
    var iterator = store.backupStream(chunkSize: 4096).makeAsyncIterator()
    _ = try await iterator.next()
    // A consumer busy elsewhere (an RPC waiting for its client) learns of the abandonment at once.
    let copy = iterator
    let told = Task { await copy.abandonment() }
    // The backup now holds its read transaction and the map; these writes need the map to grow.
    let clock = ContinuousClock()
    let started = clock.now
    try await fill(store, rows: 3_000)
    let took = clock.now - started
    #expect(try store.stats().mapResizes > 0)
    #expect(store.runningBackups.isEmpty)
    let reason = await told.value
    #expect(reason?.contains("map had to grow") == true, "\(String(describing: reason))")
    // Asked again after the fact, it answers at once.
    #expect(await iterator.abandonment() == reason)
    await #expect(throws: StoreError.self) {
      while try await iterator.next() != nil {}
    }
    // Measured, not asserted: how long the writes took with the backup in their way.
    print("writes past a stalled backup with the map growing: \(took)")
  }

  @Test func closingTheStoreAbandonsARunningBackup() async throws {
    let store = try openStore(folder.child("live"))
    try await fill(store, rows: 500)
    var iterator = store.backupStream(chunkSize: 4096).makeAsyncIterator()
    _ = try await iterator.next()
    try await onThread { store.close() }
    await #expect(throws: (any Error).self) {
      while try await iterator.next() != nil {}
    }
  }

  @Test func waitingForAnAbandonmentThatNeverComesEndsWhenTheWaiterIsCancelled() async throws {
    let store = try openStore(folder.child("live"))
    defer { store.close() }
    try await fill(store, rows: 500)
    var iterator = store.backupStream(chunkSize: 4096).makeAsyncIterator()
    _ = try await iterator.next()
    let copy = iterator
    let waiter = Task { await copy.abandonment() }
    try await Task.sleep(for: .milliseconds(50))
    waiter.cancel()
    #expect(await waiter.value == nil)
    // Cancelled before it began waiting: nil at once too.
    let early = Task {
      withUnsafeCurrentTask { $0?.cancel() }
      return await copy.abandonment()
    }
    #expect(await early.value == nil)
    while try await iterator.next() != nil {}
  }
}
