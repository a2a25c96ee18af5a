import NIOCore
import NIOEmbedded
import Testing

@testable import SimpegRPC

/// The hashed timer wheel, with time given by the test: when timers fire, what cancelling does,
/// and that a wheel driven on an event loop fires without ever cancelling a NIO task.
@Suite struct TimerWheelTests {
  static let start = NIODeadline.uptimeNanoseconds(1_000_000_000)

  static func wheel(slots: Int = 8) -> TimerWheel<String> {
    TimerWheel(tick: .milliseconds(10), slotCount: slots, now: start)
  }

  @Test func timerFiresAtItsDeadlineNotBefore() {
    var wheel = Self.wheel()
    _ = wheel.schedule(at: Self.start + .milliseconds(25), "a")
    #expect(wheel.expire(now: Self.start + .milliseconds(20)).isEmpty)
    #expect(wheel.expire(now: Self.start + .milliseconds(29)).isEmpty)
    #expect(wheel.expire(now: Self.start + .milliseconds(30)) == ["a"])
    #expect(wheel.count == 0)
  }

  @Test func timerFiresOnceOnly() {
    var wheel = Self.wheel()
    _ = wheel.schedule(at: Self.start + .milliseconds(10), "a")
    #expect(wheel.expire(now: Self.start + .milliseconds(10)) == ["a"])
    #expect(wheel.expire(now: Self.start + .seconds(10)).isEmpty)
  }

  @Test func cancelledTimerNeverFires() {
    var wheel = Self.wheel()
    let handle = wheel.schedule(at: Self.start + .milliseconds(10), "a").handle
    let first = wheel.cancel(handle)
    let second = wheel.cancel(handle)
    #expect(first)
    #expect(!second)
    #expect(wheel.count == 0)
    #expect(wheel.expire(now: Self.start + .seconds(1)).isEmpty)
  }

  @Test func cancellingOneTimerLeavesTheOthersOfItsSlot() {
    var wheel = Self.wheel()
    let a = wheel.schedule(at: Self.start + .milliseconds(10), "a").handle
    _ = wheel.schedule(at: Self.start + .milliseconds(10), "b")
    wheel.cancel(a)
    #expect(wheel.expire(now: Self.start + .milliseconds(10)) == ["b"])
  }

  @Test func timersOfLaterRotationsStayUntilTheirTurn() {
    // 8 slots of 10 ms, a rotation of 80 ms: 35 ms and 115 ms fall due at ticks 8 apart, in one slot.
    var wheel = Self.wheel(slots: 8)
    _ = wheel.schedule(at: Self.start + .milliseconds(115), "late")
    _ = wheel.schedule(at: Self.start + .milliseconds(35), "early")
    #expect(wheel.expire(now: Self.start + .milliseconds(40)) == ["early"])
    #expect(wheel.expire(now: Self.start + .milliseconds(110)).isEmpty)
    #expect(wheel.expire(now: Self.start + .milliseconds(120)) == ["late"])
  }

  @Test func aJumpOfManyRotationsFiresEverythingDueInDeadlineOrder() {
    var wheel = Self.wheel(slots: 8)
    _ = wheel.schedule(at: Self.start + .milliseconds(500), "c")
    _ = wheel.schedule(at: Self.start + .milliseconds(15), "a")
    _ = wheel.schedule(at: Self.start + .milliseconds(240), "b")
    _ = wheel.schedule(at: Self.start + .seconds(60), "later")
    #expect(wheel.expire(now: Self.start + .seconds(1)) == ["a", "b", "c"])
    #expect(wheel.count == 1)
  }

  @Test func timersOfTheSameTickFireInTheOrderArmed() {
    var wheel = Self.wheel()
    for name in ["1", "2", "3", "4"] { _ = wheel.schedule(at: Self.start + .milliseconds(7), name) }
    #expect(wheel.expire(now: Self.start + .milliseconds(10)) == ["1", "2", "3", "4"])
  }

  @Test func deadlineAlreadyPastFiresAtTheNextTick() {
    var wheel = Self.wheel()
    _ = wheel.expire(now: Self.start + .milliseconds(50))
    let (_, firesFrom) = wheel.schedule(at: Self.start, "late")
    #expect(firesFrom == Self.start + .milliseconds(60))
    #expect(wheel.expire(now: Self.start + .milliseconds(55)).isEmpty)
    #expect(wheel.expire(now: Self.start + .milliseconds(60)) == ["late"])
  }

  @Test func farDeadlinesDoNotOverflow() {
    var wheel = Self.wheel()
    _ = wheel.schedule(at: .distantFuture, "never")
    #expect(wheel.expire(now: Self.start + .hours(24 * 365)).isEmpty)
    #expect(wheel.nextWake != nil)
  }

  @Test func nextWakeIsTheFirstTickWithATimer() {
    var wheel = Self.wheel()
    #expect(wheel.nextWake == nil)
    _ = wheel.schedule(at: Self.start + .milliseconds(42), "a")
    #expect(wheel.nextWake == Self.start + .milliseconds(50))
    let b = wheel.schedule(at: Self.start + .milliseconds(12), "b").handle
    #expect(wheel.nextWake == Self.start + .milliseconds(20))
    wheel.cancel(b)
    #expect(wheel.nextWake == Self.start + .milliseconds(50))
  }

  @Test func wheelOnAnEventLoopFiresTimersAndSkipsCancelledOnes() throws {
    let loop = EmbeddedEventLoop()
    let wheel = EventLoopTimerWheel(eventLoop: loop)
    var fired: [String] = []
    _ = wheel.schedule(in: .milliseconds(30)) { fired.append("30 ms") }
    let cancelled = wheel.schedule(in: .milliseconds(20)) { fired.append("cancelled") }
    _ = wheel.schedule(in: .seconds(9)) { fired.append("9 s") }
    wheel.cancel(cancelled)
    loop.advanceTime(by: .milliseconds(29))
    #expect(fired.isEmpty)
    loop.advanceTime(by: .milliseconds(11))
    #expect(fired == ["30 ms"])
    loop.advanceTime(by: .seconds(9))
    #expect(fired == ["30 ms", "9 s"])
    #expect(wheel.count == 0)
    try loop.syncShutdownGracefully()
  }

  @Test func timerArmedWhileFiringRunsAtItsOwnTime() throws {
    let loop = EmbeddedEventLoop()
    let wheel = EventLoopTimerWheel(eventLoop: loop)
    var ticks = 0
    func tick() {
      ticks += 1
      if ticks < 5 { _ = wheel.schedule(in: .milliseconds(100), tick) }
    }
    _ = wheel.schedule(in: .milliseconds(100), tick)
    for _ in 0..<10 { loop.advanceTime(by: .milliseconds(100)) }
    #expect(ticks == 5)
    try loop.syncShutdownGracefully()
  }

  @Test func tenThousandTimersCancelledAtOnceLeaveNothingBehind() throws {
    let loop = EmbeddedEventLoop()
    let wheel = EventLoopTimerWheel(eventLoop: loop)
    var fired = 0
    let handles = (0..<10_000).map { index in
      wheel.schedule(in: .milliseconds(Int64(index % 700) + 1)) { fired += 1 }
    }
    for handle in handles { wheel.cancel(handle) }
    #expect(wheel.count == 0)
    loop.advanceTime(by: .seconds(10))
    #expect(fired == 0)
    try loop.syncShutdownGracefully()
  }
}
