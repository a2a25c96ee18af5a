import NIOCore

/// Names one timer of a ``TimerWheel`` so that it can be cancelled.
struct TimerHandle: Hashable, Sendable {
  fileprivate let id: UInt64
}

/// Timers on a hashed wheel: arming and cancelling cost the same whatever the number of timers,
/// so a connection can arm and drop a deadline per call, and ten thousand connections can close
/// at once, without the linear search NIO makes to cancel a scheduled task.
///
/// Time is divided into ticks; a timer falls into the slot of the tick at or after its deadline
/// (`tick mod slotCount`), so it fires no earlier than its deadline and at most one tick later
/// than whoever drives the wheel calls ``expire(now:)``. A slot holds the timers of every
/// rotation; those of a later rotation stay when the slot is visited.
///
/// Pure: time is given, never read. ``EventLoopTimerWheel`` drives one on an event loop.
struct TimerWheel<Payload> {
  private struct Entry {
    let dueTick: Int64
    let payload: Payload
  }

  /// The length of a tick in nanoseconds.
  let tickNanoseconds: Int64
  private var slots: [Set<UInt64>]
  private var entries: [UInt64: Entry] = [:]
  private var nextID: UInt64 = 0
  /// Every timer due at or before this tick has fired.
  private(set) var processedTick: Int64

  /// An empty wheel of `slotCount` slots (a power of two) of `tick` each, starting at `now`.
  init(tick: TimeAmount, slotCount: Int, now: NIODeadline) {
    precondition(tick.nanoseconds > 0, "a timer wheel's tick must be positive")
    precondition(slotCount > 0 && slotCount & (slotCount - 1) == 0, "slotCount must be a power of two")
    tickNanoseconds = tick.nanoseconds
    slots = Array(repeating: [], count: slotCount)
    processedTick = Self.nanoseconds(now) / tick.nanoseconds
  }

  /// The timers armed and not yet fired or cancelled.
  var count: Int { entries.count }

  /// Arms a timer for `deadline`; a deadline already past fires at the next ``expire(now:)``
  /// that reaches a new tick. Returns its handle and the moment from which an ``expire(now:)``
  /// fires it.
  mutating func schedule(at deadline: NIODeadline, _ payload: Payload) -> (
    handle: TimerHandle, firesFrom: NIODeadline
  ) {
    let nanoseconds = Self.nanoseconds(deadline)
    var due = nanoseconds / tickNanoseconds
    if nanoseconds % tickNanoseconds != 0 { due += 1 }
    due = max(due, processedTick + 1)
    nextID += 1
    entries[nextID] = Entry(dueTick: due, payload: payload)
    slots[slot(of: due)].insert(nextID)
    return (TimerHandle(id: nextID), start(of: due))
  }

  /// Disarms a timer; returns whether it was still armed.
  @discardableResult
  mutating func cancel(_ handle: TimerHandle) -> Bool {
    guard let entry = entries.removeValue(forKey: handle.id) else { return false }
    slots[slot(of: entry.dueTick)].remove(handle.id)
    return true
  }

  /// Removes the timers due at `now` and returns their payloads, earliest deadline first (in
  /// the order armed for the same tick).
  mutating func expire(now: NIODeadline) -> [Payload] {
    let target = Self.nanoseconds(now) / tickNanoseconds
    guard target > processedTick else { return [] }
    var due: [(tick: Int64, id: UInt64)] = []
    if target - processedTick >= Int64(slots.count) {
      for index in slots.indices { collect(slot: index, upTo: target, into: &due) }
    } else {
      var tick = processedTick + 1
      while tick <= target {
        collect(slot: slot(of: tick), upTo: target, into: &due)
        tick += 1
      }
    }
    processedTick = target
    due.sort { ($0.tick, $0.id) < ($1.tick, $1.id) }
    return due.compactMap { entries.removeValue(forKey: $0.id)?.payload }
  }

  /// When the wheel next needs driving: the start of the first tick after ``processedTick``
  /// whose slot holds a timer (which may belong to a later rotation, so nothing may be due
  /// then); `nil` when no timer is armed.
  var nextWake: NIODeadline? {
    guard !entries.isEmpty else { return nil }
    for offset in 1...Int64(slots.count) {
      let tick = processedTick + offset
      if !slots[slot(of: tick)].isEmpty { return start(of: tick) }
    }
    return nil  // unreachable: an armed timer is in some slot
  }

  private func start(of tick: Int64) -> NIODeadline {
    let (nanoseconds, overflow) = tick.multipliedReportingOverflow(by: tickNanoseconds)
    return overflow ? .distantFuture : .uptimeNanoseconds(UInt64(nanoseconds))
  }

  private func slot(of tick: Int64) -> Int {
    Int(tick & Int64(slots.count - 1))
  }

  private mutating func collect(
    slot index: Int, upTo target: Int64, into due: inout [(tick: Int64, id: UInt64)]
  ) {
    let first = due.count
    for id in slots[index] {
      guard let entry = entries[id], entry.dueTick <= target else { continue }
      due.append((entry.dueTick, id))
    }
    for (_, id) in due[first...] { slots[index].remove(id) }
  }

  private static func nanoseconds(_ deadline: NIODeadline) -> Int64 {
    Int64(clamping: deadline.uptimeNanoseconds)
  }
}

/// A ``TimerWheel`` of closures on one event loop: the timers of every connection on that loop.
///
/// The wheel is driven by NIO scheduled tasks at the ticks where a slot holds a timer; those
/// tasks are never cancelled (one that finds nothing due only looks for the next), so their
/// number stays small whatever the number of timers. Use it only on its event loop.
final class EventLoopTimerWheel {
  /// The tick: timers fire up to this much after their deadline.
  static let tick = TimeAmount.milliseconds(10)
  /// Slots per rotation: 512 ticks of 10 ms, about 5 s.
  static let slotCount = 512

  /// The wheels of the process, one per event loop, which every server and client on that loop
  /// shares: ten thousand clients on two loops hold two wheels.
  private static let wheels = PerEventLoop { EventLoopTimerWheel(eventLoop: $0) }

  /// The wheel of `eventLoop`, made on first use; call on that loop.
  static func on(_ eventLoop: any EventLoop) -> EventLoopTimerWheel {
    wheels.value(on: eventLoop)
  }

  private let eventLoop: any EventLoop
  private var wheel: TimerWheel<() -> Void>
  /// The deadlines of the scheduled tasks that will drive the wheel.
  private var wakes: [NIODeadline] = []

  /// A wheel on `eventLoop` of its own (connections use ``on(_:)``); call on that loop.
  init(eventLoop: any EventLoop) {
    eventLoop.preconditionInEventLoop()
    self.eventLoop = eventLoop
    wheel = TimerWheel(tick: Self.tick, slotCount: Self.slotCount, now: eventLoop.now)
  }

  /// Timers armed.
  var count: Int { wheel.count }

  /// Runs `body` on the loop once `delay` has passed, unless cancelled first.
  func schedule(in delay: TimeAmount, _ body: @escaping () -> Void) -> TimerHandle {
    let (handle, firesFrom) = wheel.schedule(at: eventLoop.now + delay, body)
    // A wake at or before this timer's tick finds it, or schedules the wake that will.
    if !wakes.contains(where: { $0 <= firesFrom }) { scheduleWake(at: firesFrom) }
    return handle
  }

  /// Disarms a timer; nothing happens for one that has fired or was cancelled.
  func cancel(_ handle: TimerHandle) {
    wheel.cancel(handle)
  }

  private func scheduleWake(at deadline: NIODeadline) {
    wakes.append(deadline)
    eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in wake(scheduledFor: deadline) }
  }

  private func wake(scheduledFor deadline: NIODeadline) {
    if let index = wakes.firstIndex(of: deadline) { wakes.remove(at: index) }
    for body in wheel.expire(now: eventLoop.now) { body() }
    if let next = wheel.nextWake, !wakes.contains(where: { $0 <= next }) { scheduleWake(at: next) }
  }
}
