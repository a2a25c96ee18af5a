import Foundation
import SimpegAPI
import SimpegRPC
import Synchronization

/// Latencies of a well-behaved client's calls, in milliseconds, and the calls that failed.
struct Latencies: CustomStringConvertible {
  var samples: [Double] = []
  var failures: [String] = []

  func percentile(_ fraction: Double) -> Double {
    guard !samples.isEmpty else { return .nan }
    let sorted = samples.sorted()
    return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * fraction).rounded()))]
  }

  var description: String {
    func ms(_ value: Double) -> String { String(format: "%.1f", value) }
    return "\(samples.count) calls, p50 \(ms(percentile(0.5))) ms, p95 \(ms(percentile(0.95))) ms, "
      + "max \(ms(samples.max() ?? .nan)) ms, \(failures.count) failed"
  }
}

/// A client that behaves: it calls the daemon in a loop (10 ms apart, each call with a generous
/// deadline, 30 s unless set) while an attack runs beside it, and records how long each call took. Tests
/// assert that every call succeeded and print the latencies; they never assert on them.
struct WellBehavedClient {
  let caller: Caller
  /// The deadline of each call.
  var timeout: Duration = .seconds(30)
  /// The call made each round; WhoAmI by default (authentication and a store read).
  var call: @Sendable (Caller, Duration) async throws -> Void = { caller, timeout in
    _ = try await caller.auth.whoAmI(Simpeg_V1_WhoAmIRequest(), options: CallOptions(timeout: timeout))
  }

  private final class Flag: Sendable {
    let raised = Atomic<Bool>(false)
  }

  /// Measures `rounds` calls with nothing else going on.
  func baseline(rounds: Int = 30) async -> Latencies {
    await measure(minimumRounds: rounds) {}.1
  }

  /// Runs `attack` while calling in a loop; returns its result and the latencies seen. At least
  /// `minimumRounds` calls are made; the loop is bounded to 10,000 calls and 5 minutes.
  func measure<T>(minimumRounds: Int = 20, during attack: () async throws -> T) async rethrows
    -> (T, Latencies)
  {
    let stop = Flag()
    let caller = self.caller
    let call = self.call
    let timeout = self.timeout
    let probe = Task {
      var latencies = Latencies()
      let start = ContinuousClock.now
      var rounds = 0
      while rounds < minimumRounds
        || (!stop.raised.load(ordering: .acquiring) && rounds < 10_000
          && ContinuousClock.now - start < .seconds(300))
      {
        let began = ContinuousClock.now
        do {
          try await call(caller, timeout)
          let elapsed = ContinuousClock.now - began
          latencies.samples.append(
            Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
        } catch {
          latencies.failures.append("\(error)")
        }
        rounds += 1
        try? await Task.sleep(for: .milliseconds(10))
      }
      return latencies
    }
    let result: T
    do {
      result = try await attack()
    } catch {
      stop.raised.store(true, ordering: .releasing)
      _ = await probe.value
      throw error
    }
    stop.raised.store(true, ordering: .releasing)
    return (result, await probe.value)
  }
}

/// Figures the reliability tests print for the README: one line each, with the machine's load.
enum Figures {
  /// The 1-minute load average now.
  static var load: String {
    let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?"
    return String(text.split(separator: " ").first ?? "?")
  }

  /// The resident memory of process `pid` in MiB, from /proc.
  static func residentMiB(_ pid: Int32) -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
      let kib = Int(line.split(separator: " ").dropFirst().first ?? "")
    else { return nil }
    return kib / 1024
  }

  /// Prints `line` under a common prefix, with the cores and the load average.
  static func record(_ line: String) {
    print("reliability figure: \(line) [\(ProcessInfo.processInfo.activeProcessorCount) cores, load \(load)]")
  }
}
