import NIOConcurrencyHelpers
import NIOCore

/// One value per event loop, made on that loop the first time it is asked for there: a task
/// executor, a timer wheel. The lock is held only to find or add an entry, never across I/O.
final class PerEventLoop<Value>: Sendable {
  private let values = NIOLockedValueBox<[ObjectIdentifier: NIOLoopBound<Value>]>([:])
  private let make: @Sendable (any EventLoop) -> Value

  /// Values made by `make`, which runs on the loop they are for.
  init(_ make: @escaping @Sendable (any EventLoop) -> Value) {
    self.make = make
  }

  /// The value of `eventLoop`; call on that loop. Entries keep their loop, so its identity is
  /// never reused for another loop while this exists.
  func value(on eventLoop: any EventLoop) -> Value {
    values.withLockedValue { values in
      let key = ObjectIdentifier(eventLoop)
      if let existing = values[key] { return existing }
      let made = NIOLoopBound(make(eventLoop), eventLoop: eventLoop)
      values[key] = made
      return made
    }.value
  }
}
