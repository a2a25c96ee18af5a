import Foundation
import NIOConcurrencyHelpers

/// How far a running backup has got, for operators and metrics.
public struct BackupProgress: Sendable, Hashable {
  /// When the copy began (its read transaction is as old as this).
  public let startedAt: Date
  /// How long the copy has run, in seconds: the age of its read transaction.
  public let ageSeconds: Double
  /// The bytes copied so far.
  public let bytesCopied: Int
}

/// The copies running now, so that map growth, closing the store and metrics can see them, and
/// map growth or shutdown can abandon them.
///
/// A copy holds a read transaction for its whole life, which pins every page it began with and
/// keeps the map from being resized; each copy registered here can be told to stop, and then
/// ends within moments, releasing both.
final class BackupRegistry: Sendable {
  /// One running copy.
  final class Copy: Sendable {
    let startedAt = Date()
    let started = ContinuousClock.now
    private let state = NIOLockedValueBox(State())

    private struct State {
      var bytes = 0
      var abandonment: String?
      var onAbandon: [@Sendable (String) -> Void] = []
    }

    /// Adds to the bytes copied.
    func add(bytes: Int) {
      state.withLockedValue { $0.bytes += bytes }
    }

    /// Why the copy was abandoned, once it was.
    var abandonment: String? { state.withLockedValue { $0.abandonment } }

    /// Runs `action` with the reason when the copy is abandoned (at once if it was already).
    func onAbandon(_ action: @escaping @Sendable (_ reason: String) -> Void) {
      let reason = state.withLockedValue { state -> String? in
        if let reason = state.abandonment { return reason }
        state.onAbandon.append(action)
        return nil
      }
      if let reason { action(reason) }
    }

    /// Tells the copy to stop; the first reason given is kept. Returns whether this call did it.
    @discardableResult
    func abandon(_ reason: String) -> Bool {
      let actions = state.withLockedValue { state -> [@Sendable (String) -> Void]? in
        guard state.abandonment == nil else { return nil }
        state.abandonment = reason
        defer { state.onAbandon.removeAll() }
        return state.onAbandon
      }
      guard let actions else { return false }
      for action in actions { action(reason) }
      return true
    }

    var progress: BackupProgress {
      let bytes = state.withLockedValue { $0.bytes }
      let age = ContinuousClock.now - started
      let seconds = Double(age.components.seconds) + Double(age.components.attoseconds) / 1e18
      return BackupProgress(startedAt: startedAt, ageSeconds: seconds, bytesCopied: bytes)
    }
  }

  private let copies = NIOLockedValueBox<[ObjectIdentifier: Copy]>([:])

  /// Registers a new copy.
  func begin() -> Copy {
    let copy = Copy()
    copies.withLockedValue { $0[ObjectIdentifier(copy)] = copy }
    return copy
  }

  /// Removes a finished copy.
  func end(_ copy: Copy) {
    _ = copies.withLockedValue { $0.removeValue(forKey: ObjectIdentifier(copy)) }
  }

  /// Abandons every running copy with `reason`; returns how many were told.
  @discardableResult
  func abandonAll(_ reason: String) -> Int {
    let running = copies.withLockedValue { Array($0.values) }
    return running.filter { $0.abandon(reason) }.count
  }

  /// The running copies, oldest first.
  var running: [BackupProgress] {
    copies.withLockedValue { Array($0.values) }.map(\.progress).sorted { $0.startedAt < $1.startedAt }
  }
}
