import Foundation
import NIOConcurrencyHelpers

/// A progress line on standard error for long transfers: bytes so far and the rate, rewritten in
/// place at most four times a second on a terminal, and a final summary. Shows nothing when
/// disabled (`--json`, `--quiet`); when standard error is not a terminal only the summary shows.
public final class ProgressLine: Sendable {
  private let label: String
  private let enabled: Bool
  private let interactive: Bool
  private let start: ContinuousClock.Instant
  private let state = NIOLockedValueBox<State>(State())
  private let write: @Sendable (String) -> Void
  private let now: @Sendable () -> ContinuousClock.Instant

  private struct State {
    var bytes: Int64 = 0
    var lastShown: ContinuousClock.Instant?
    var widest = 0
  }

  /// The shortest time between two updates of the line.
  public static let interval = Duration.milliseconds(250)

  /// A progress line labelled `label` (e.g. `backup`); `write` and `now` replace standard error
  /// and the clock in tests.
  public init(
    label: String, enabled: Bool, interactive: Bool = isatty(STDERR_FILENO) == 1,
    write: @escaping @Sendable (String) -> Void = { StandardStreams.error($0) },
    now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
  ) {
    self.label = label
    self.enabled = enabled
    self.interactive = interactive
    self.write = write
    self.now = now
    self.start = now()
  }

  /// Records `count` more bytes and redraws the line if the last redraw is old enough.
  public func advance(by count: Int) {
    guard enabled else { return }
    let instant = now()
    let text: String? = state.withLockedValue { state in
      state.bytes += Int64(count)
      guard interactive else { return nil }
      if let last = state.lastShown, instant - last < Self.interval { return nil }
      state.lastShown = instant
      let line = describe(bytes: state.bytes, at: instant)
      let padding = String(repeating: " ", count: max(0, state.widest - line.count))
      state.widest = max(state.widest, line.count)
      return "\r" + line + padding
    }
    if let text { write(text) }
  }

  /// Shows `label: text` in place of the line (a step of work that is not counted in bytes),
  /// as rate-limited as ``advance(by:)``; only on a terminal.
  public func show(_ text: String) {
    guard enabled, interactive else { return }
    let instant = now()
    let line: String? = state.withLockedValue { state in
      if let last = state.lastShown, instant - last < Self.interval { return nil }
      state.lastShown = instant
      let line = "\(label): \(text)"
      let padding = String(repeating: " ", count: max(0, state.widest - line.count))
      state.widest = max(state.widest, line.count)
      return "\r" + line + padding
    }
    if let line { write(line) }
  }

  /// Ends a line of ``show(_:)`` steps, so what is printed next starts on a line of its own.
  public func clear() {
    guard enabled, interactive else { return }
    let widest = state.withLockedValue { $0.widest }
    guard widest > 0 else { return }
    write("\r" + String(repeating: " ", count: widest) + "\r")
  }

  /// Ends the line with a summary: `backup: 12.3 MB in 1.2 s (10.2 MB/s)`.
  public func finish(suffix: String = "") {
    guard enabled else { return }
    let instant = now()
    let (bytes, redrawn, widest) = state.withLockedValue { ($0.bytes, $0.lastShown != nil, $0.widest) }
    let summary = describe(bytes: bytes, at: instant) + suffix
    let padding = String(repeating: " ", count: max(0, widest - summary.count))
    write((redrawn ? "\r" : "") + summary + padding + "\n")
  }

  /// Ends a line that was drawn without a summary (the transfer failed), so what is printed
  /// next starts on a line of its own.
  public func abandon() {
    guard enabled, state.withLockedValue({ $0.lastShown != nil }) else { return }
    write("\n")
  }

  /// `label: 12,345,678 bytes (12.3 MB) in 1.2 s, 10.2 MB/s`.
  func describe(bytes: Int64, at instant: ContinuousClock.Instant) -> String {
    let elapsed = instant - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let megabytes = Double(bytes) / 1_000_000
    let rate = seconds > 0 ? megabytes / seconds : 0
    return "\(label): \(ByteCount.grouped(bytes)) bytes (\(ByteCount.decimal(bytes))) in "
      + "\(String(format: "%.1f", seconds)) s, \(String(format: "%.1f", rate)) MB/s"
  }
}

/// Byte counts for people.
public enum ByteCount {
  /// `12,345,678`.
  public static func grouped(_ bytes: Int64) -> String {
    let digits = Array(String(bytes.magnitude))
    var text = ""
    for (index, digit) in digits.enumerated() {
      if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
      text.append(digit)
    }
    return (bytes < 0 ? "-" : "") + text
  }

  /// `12.3 MB` (powers of 1000).
  public static func decimal(_ bytes: Int64) -> String {
    let units = ["B", "kB", "MB", "GB", "TB"]
    var value = Double(bytes)
    var unit = 0
    while abs(value) >= 1000, unit < units.count - 1 {
      value /= 1000
      unit += 1
    }
    return unit == 0 ? "\(bytes) B" : String(format: "%.1f", value) + " " + units[unit]
  }
}
