import Foundation
import SimpegAPI
import SimpegBenchKit
import SimpegRPC

/// The driving side: sets up sessions for employees of the sample and their supervisor, then
/// measures LogActivity, GetEmployee and the watch stream.
struct Drive {
  let options: PerformanceBenchOptions
  let port: Int
  let credentialsFile: String

  /// An employee ready to log: their own session and connection, and the RHK of their SKP.
  struct Employee: Sendable {
    let activities: Simpeg_V1_ActivityService.Client
    let request: Simpeg_V1_LogActivityRequest
  }

  func run() async throws {
    let setup = try await BenchSetup.prepare(
      port: port, credentialsFile: credentialsFile, employees: options.employees)
    if let probe = options.callgrind { return try await countInstructions(setup, probe) }
    if options.format == "tsv" { return try await runTabular(setup) }
    emit(
      "sample Kota Salatiga (seed 7), \(setup.employees.count) employees with their own sessions and "
        + "connections; the watcher is the Sekda, above all of them")
    emit("")
    emit(
      "LogActivity, durable (each acknowledged write is fsync'd; group commit), closed loop, "
        + "\(options.warmup) s warm-up then \(options.seconds) s per cell")
    emit("employees  activities/s    p50 ms    p99 ms   errors")
    for concurrency in options.concurrency {
      let result = await EmployeeLoad(options: options).run(Array(setup.employees.prefix(concurrency))) {
        _, _, _ in
      }
      emit(
        String(
          format: "%9d  %12.0f  %8.2f  %8.2f  %7d", concurrency, result.callsPerSecond,
          result.millis(50), result.millis(99), result.errors))
    }
    if !options.readConcurrency.isEmpty {
      emit("")
      emit(
        "GetEmployee: the administrator's session reads random employees of the sample over "
          + (options.readConnections > 0
            ? "\(options.readConnections) connections" : "a connection per caller")
          + ", closed loop")
      emit("  callers       calls/s    p50 us    p99 us   errors")
      for concurrency in options.readConcurrency {
        let result = try await readEmployees(setup, concurrency: concurrency)
        emit(
          String(
            format: "%9d  %12.0f  %8d  %8d  %7d", concurrency, result.callsPerSecond, result.micros(50),
            result.micros(99), result.errors))
      }
    }
    emit("")
    emit(
      "WatchActivities: delay of each LogActivity's event at the Sekda's stream, measured from the "
        + "call's start (sent) and from its acknowledgement (ack; negative: the supervisor had it first)")
    emit("employees    events  sent->event p50 ms  p99 ms   ack->event p50 ms  p99 ms  missed")
    for concurrency in options.watchConcurrency {
      let probe = try await DeliveryProbe(watcher: setup.watcher, options: options)
        .run(Array(setup.employees.prefix(concurrency)))
      emit(
        String(
          format: "%9d  %8d  %18.2f  %6.2f  %17.2f  %6.2f  %6d", concurrency, probe.delivered,
          Percentile.of(probe.fromSent, 50), Percentile.of(probe.fromSent, 99),
          Percentile.of(probe.fromAck, 50), Percentile.of(probe.fromAck, 99), probe.missed))
    }
  }

  /// One GetEmployee cell: `concurrency` callers, each on a connection of its own with the
  /// administrator's session, reading random employees; every answer checked.
  private func readEmployees(_ setup: BenchSetup, concurrency: Int) async throws -> LoadRun.Result {
    let (clients, call) = try await employeeReads(setup, concurrency: concurrency)
    let run = LoadRun(
      concurrency: concurrency, duration: .milliseconds(Int(options.seconds * 1_000)),
      warmup: .milliseconds(Int(options.warmup * 1_000)), maxCalls: options.maxCalls)
    let result = await run.run(call)
    for client in clients { await client.close() }
    return result
  }

  /// Connections for `concurrency` callers (`--read-connections`, each opened with one call)
  /// and the call caller `i` makes on connection `i` modulo their number: GetEmployee of a
  /// random employee of the sample, checked.
  private func employeeReads(_ setup: BenchSetup, concurrency: Int) async throws
    -> ([RPCClient], @Sendable (Int) async throws -> Void)
  {
    let ids = setup.lookupEmployeeIDs
    guard !ids.isEmpty else { throw BenchError("the sample has no employees to read") }
    let connections = options.readConnections > 0 ? min(options.readConnections, concurrency) : concurrency
    let clients = try await setup.administratorConnections(connections)
    let readers = clients.map { Simpeg_V1_EmployeeService.Client(wrapping: $0) }
    for reader in readers {
      var request = Simpeg_V1_GetEmployeeRequest()
      request.id = ids[0]
      _ = try await reader.getEmployee(request)
    }
    let call: @Sendable (Int) async throws -> Void = { caller in
      var request = Simpeg_V1_GetEmployeeRequest()
      request.id = ids.randomElement()!
      let employee = try await readers[caller % readers.count].getEmployee(request)
      guard employee.id == request.id else { throw BenchError("GetEmployee answered another employee") }
    }
    return (clients, call)
  }
}

extension Drive {
  /// The same cells as ``run()``, one tab-separated line each and nothing else on standard output:
  /// `logactivity  employees  activities/s  p50 ms  p99 ms  errors  calls`,
  /// `getemployee  callers  calls/s  p50 us  p99 us  errors  calls` and
  /// `watch  employees  events  sent->event p50 ms  p99 ms  ack->event p50 ms  p99 ms  missed`.
  func runTabular(_ setup: BenchSetup) async throws {
    for concurrency in options.concurrency {
      // The measured window's usage, sampled beside the load: it starts after the warm-up.
      let usage = Task { await measuredUsage() }
      let result = await EmployeeLoad(options: options).run(Array(setup.employees.prefix(concurrency))) {
        _, _, _ in
      }
      var line = String(
        format: "logactivity\t%d\t%.1f\t%.3f\t%.3f\t%d\t%d", concurrency, result.callsPerSecond,
        result.millis(50), result.millis(99), result.errors, result.calls)
      if let spent = await usage.value, result.calls > 0 {
        line += spent.perCall(Double(result.calls))
      }
      emit(line)
    }
    for concurrency in options.readConcurrency {
      let result = try await readEmployees(setup, concurrency: concurrency)
      emit(
        "getemployee\t\(concurrency)\t\(String(format: "%.1f", result.callsPerSecond))\t\(result.micros(50))\t"
          + "\(result.micros(99))\t\(result.errors)\t\(result.calls)")
    }
    for concurrency in options.watchConcurrency {
      let probe = try await DeliveryProbe(watcher: setup.watcher, options: options)
        .run(Array(setup.employees.prefix(concurrency)))
      emit(
        String(
          format: "watch\t%d\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%d", concurrency, probe.delivered,
          Percentile.of(probe.fromSent, 50), Percentile.of(probe.fromSent, 99),
          Percentile.of(probe.fromAck, 50), Percentile.of(probe.fromAck, 99), probe.missed))
    }
  }

  /// Under callgrind: the daemon's instructions per call, one tab-separated line per cell:
  /// `instructions  logactivity|getemployee  callers  calls  errors  instructions  per-call`.
  /// LogActivity: 200 uncounted activities, then `--calls`; GetEmployee: 2,000 uncounted reads,
  /// then `--calls`.
  func countInstructions(_ setup: BenchSetup, _ probe: CallgrindProbe) async throws {
    func line(_ call: String, _ callers: Int, _ count: LoadRun.Count) -> String {
      "instructions\t\(call)\t\(callers)\t\(count.calls)\t\(count.errors)\t\(count.instructions)\t\(count.perCall)"
    }
    for concurrency in options.concurrency {
      let employees = Array(setup.employees.prefix(concurrency))
      _ = await EmployeeLoad(calls: 200).run(employees) { _, _, _ in }
      try await probe.start()
      let result = await EmployeeLoad(calls: options.countedCalls).run(employees) { _, _, _ in }
      let instructions = try await probe.stop()
      emit(
        line(
          "logactivity", concurrency,
          LoadRun.Count(
            calls: UInt64(result.calls), errors: UInt64(result.errors), instructions: instructions)))
    }
    for concurrency in options.readConcurrency {
      let (clients, call) = try await employeeReads(setup, concurrency: concurrency)
      let count = try await LoadRun.counted(
        options.countedCalls, concurrency: concurrency, warmupCalls: 2_000, by: probe, call)
      for client in clients { await client.close() }
      emit(line("getemployee", concurrency, count))
    }
  }
}

/// Nearest-rank percentiles of a list of milliseconds.
enum Percentile {
  static func of(_ values: [Double], _ percentile: Double) -> Double {
    guard !values.isEmpty else { return .nan }
    let sorted = values.sorted()
    let rank = Int((percentile / 100 * Double(sorted.count)).rounded(.up))
    return sorted[max(0, min(sorted.count - 1, rank - 1))]
  }
}

/// Milliseconds between two instants.
func elapsedMillis(_ from: ContinuousClock.Instant, _ to: ContinuousClock.Instant) -> Double {
  let (seconds, attoseconds) = (to - from).components
  return Double(seconds) * 1_000 + Double(attoseconds) / 1e15
}

/// What the daemon, its store's writer thread and this driver spent in a LogActivity cell's
/// measured window, and what the disk under the temporary folder (the daemon's store) wrote.
struct CellUsage {
  var daemon: ProcessUsage
  var writer: ProcessUsage
  var driver: ProcessUsage
  var disk: DeviceWrites

  /// The tab-separated columns added to a `logactivity` line, per call: the daemon's user and
  /// system microseconds, the writer thread's user and system microseconds, the driver's
  /// microseconds (user and system), and the disk's write requests and bytes.
  func perCall(_ calls: Double) -> String {
    let micros = { (seconds: Double) in seconds * 1_000_000 / calls }
    return String(
      format: "\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.2f\t%.0f", micros(daemon.user), micros(daemon.system),
      micros(writer.user), micros(writer.system), micros(driver.user + driver.system),
      Double(disk.requests) / calls, Double(disk.bytes) / calls)
  }
}

extension Drive {
  /// Samples the daemon (when this process started it), its writer thread, this process and the
  /// disk at the end of the warm-up and at the end of the measured seconds; nil without a
  /// daemon's pid or where /proc or /sys cannot be read.
  func measuredUsage() async -> CellUsage? {
    guard let pid = options.serverPID else { return nil }
    let folder = FileManager.default.temporaryDirectory.path
    let sample = {
      (
        ProcessUsage.of(pid: pid), ProcessUsage.of(pid: pid, threadsNamed: "store-writer"),
        ProcessUsage.of(pid: getpid()), DeviceWrites.under(folder)
      )
    }
    try? await Task.sleep(for: .milliseconds(Int(options.warmup * 1_000)))
    let before = sample()
    try? await Task.sleep(for: .milliseconds(Int(options.seconds * 1_000)))
    let after = sample()
    guard let daemon0 = before.0, let writer0 = before.1, let driver0 = before.2, let disk0 = before.3,
      let daemon1 = after.0, let writer1 = after.1, let driver1 = after.2, let disk1 = after.3
    else { return nil }
    return CellUsage(
      daemon: daemon1 - daemon0, writer: writer1 - writer0, driver: driver1 - driver0, disk: disk1 - disk0)
  }
}
