import Foundation
import NIOConcurrencyHelpers
import Testing

@testable import SimpegStore

@Suite("Map lock")
struct MapLockTests {
  @Test func aReaderIsNotParkedBehindAResizerThatWaitsForALongHolder() async throws {
    let lock = MapLock()
    let longHolderMayEnd = DispatchSemaphore(value: 0)
    let longHolderIn = DispatchSemaphore(value: 0)
    let resized = NIOLockedValueBox(false)
    let longHolder = Thread {
      lock.withLongShared {
        longHolderIn.signal()
        longHolderMayEnd.wait()
      }
    }
    longHolder.start()
    longHolderIn.wait()
    let resizer = Thread {
      lock.withExclusive { resized.withLockedValue { $0 = true } }
    }
    resizer.start()
    // The resizer now waits for the long holder. A reader must still get in at once, every time.
    let readsDone = try await onThread { () -> Int in
      var count = 0
      for _ in 0..<1_000 { lock.withShared { count += 1 } }
      return count
    }
    #expect(readsDone == 1_000)
    #expect(!resized.withLockedValue { $0 })
    longHolderMayEnd.signal()
    #expect(await waitUntil { resized.withLockedValue { $0 } })
  }

  @Test func aResizerWaitingOnALongHolderIsToldHowLongItHasWaited() async throws {
    let lock = MapLock()
    let release = DispatchSemaphore(value: 0)
    let entered = DispatchSemaphore(value: 0)
    Thread {
      lock.withLongShared {
        entered.signal()
        release.wait()
      }
    }.start()
    entered.wait()
    let told = NIOLockedValueBox<[Int]>([])
    try await onThread {
      lock.withExclusive(
        whileWaiting: { holders, waited in
          told.withLockedValue { $0.append(holders) }
          if waited >= .milliseconds(200) { release.signal() }
        }, {})
    }
    let reports = told.withLockedValue { $0 }
    #expect(!reports.isEmpty)
    #expect(reports.allSatisfy { $0 == 1 })
  }
}
