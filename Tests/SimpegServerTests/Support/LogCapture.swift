import Logging
import NIOConcurrencyHelpers

/// Collects every log line of a daemon (all levels, with metadata) so a test can search them.
final class LogCapture: Sendable {
  /// One line: its level, message and metadata, flattened to text.
  struct Line: Sendable {
    let level: Logger.Level
    let text: String
  }

  private let lines = NIOLockedValueBox<[Line]>([])

  /// A logger at `trace` level whose lines land here.
  var logger: Logger {
    var logger = Logger(label: "simpeg.test.capture") { _ in CapturingLogHandler(capture: self) }
    logger.logLevel = .trace
    return logger
  }

  /// Every line so far.
  var all: [Line] { lines.withLockedValue { $0 } }

  func append(_ line: Line) {
    lines.withLockedValue { $0.append(line) }
  }
}

/// Hands every event to a ``LogCapture``.
struct CapturingLogHandler: LogHandler {
  let capture: LogCapture
  var metadata: Logger.Metadata = [:]
  var logLevel: Logger.Level = .trace

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(event: LogEvent) {
    var text = "\(event.message)"
    for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
      text += " \(key)=\(value)"
    }
    if let error = event.error { text += " error=\(error)" }
    capture.append(LogCapture.Line(level: event.level, text: text))
  }
}
