import Foundation
import NIOConcurrencyHelpers
import SimpegAdmin
import Testing

/// The progress line: at most four redraws a second, a summary at the end, silence when off.
@Suite struct ProgressLineTests {
  /// A clock moved by hand and everything written.
  final class Recorder: Sendable {
    let written = NIOLockedValueBox<[String]>([])
    let now = NIOLockedValueBox<ContinuousClock.Instant>(ContinuousClock.now)

    func advance(_ duration: Duration) { now.withLockedValue { $0 += duration } }
    var text: [String] { written.withLockedValue { $0 } }

    func line(enabled: Bool = true, interactive: Bool = true) -> ProgressLine {
      ProgressLine(
        label: "backup", enabled: enabled, interactive: interactive,
        write: { text in self.written.withLockedValue { $0.append(text) } },
        now: { self.now.withLockedValue { $0 } })
    }
  }

  @Test func redrawsAreThrottledToTheInterval() {
    let recorder = Recorder()
    let progress = recorder.line()
    for _ in 0..<10 { progress.advance(by: 1000) }
    #expect(recorder.text.count == 1)
    recorder.advance(.milliseconds(100))
    progress.advance(by: 1000)
    #expect(recorder.text.count == 1)
    recorder.advance(.milliseconds(200))
    progress.advance(by: 1000)
    #expect(recorder.text.count == 2)
    #expect(recorder.text.allSatisfy { $0.hasPrefix("\r") })
  }

  @Test func theSummaryCountsEveryByteAndTheRate() {
    let recorder = Recorder()
    let progress = recorder.line()
    progress.advance(by: 1_500_000)
    recorder.advance(.seconds(2))
    progress.advance(by: 500_000)
    progress.finish()
    let summary = recorder.text.last!
    #expect(summary.contains("backup: 2,000,000 bytes (2.0 MB) in 2.0 s, 1.0 MB/s"))
    #expect(summary.hasSuffix("\n"))
  }

  @Test func withoutATerminalOnlyTheSummaryIsWritten() {
    let recorder = Recorder()
    let progress = recorder.line(interactive: false)
    for _ in 0..<5 {
      progress.advance(by: 10)
      recorder.advance(.seconds(1))
    }
    progress.finish()
    #expect(recorder.text.count == 1)
    #expect(!recorder.text[0].hasPrefix("\r"))
  }

  @Test func anAbandonedLineEndsSoTheErrorStartsOnALineOfItsOwn() {
    let drawn = Recorder()
    let progress = drawn.line()
    progress.advance(by: 10)
    progress.abandon()
    #expect(drawn.text.last == "\n")
    let untouched = Recorder()
    untouched.line().abandon()
    #expect(untouched.text.isEmpty)
  }

  @Test func aDisabledLineWritesNothing() {
    let recorder = Recorder()
    let progress = recorder.line(enabled: false)
    progress.advance(by: 10)
    progress.finish()
    #expect(recorder.text.isEmpty)
  }
}
