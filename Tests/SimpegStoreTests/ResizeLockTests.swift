import Testing

@testable import SimpegStore

@Suite("Resize lock")
struct ResizeLockTests {
  @Test func readingOneStoreInsideAnotherStoresReadStillLocksTheSecondStore() throws {
    let first = TemporaryFolder()
    let second = TemporaryFolder()
    let storeA = try openStore(first.path)
    defer { storeA.close() }
    let storeB = try openStore(second.path)
    defer { storeB.close() }
    let heldInside = try storeA.read { _ in
      try storeB.read { _ in storeB.environment.mapLock.isHeldSharedByCurrentThread }
    }
    #expect(heldInside)
    let heldWhileOnlyAIsRead = try storeA.read { _ in
      storeB.environment.mapLock.isHeldSharedByCurrentThread
    }
    #expect(!heldWhileOnlyAIsRead)
    #expect(!storeA.environment.mapLock.isHeldSharedByCurrentThread)
  }
}
