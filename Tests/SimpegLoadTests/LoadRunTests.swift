import Foundation
import NIOConcurrencyHelpers
import SimpegAPI
import Testing

@testable import SimpegLoad

@Suite("simpeg-load against a server that fails on purpose")
struct LoadRunTests {
  @Test("failures are counted by status code, successes reach the histogram and the ack log")
  func errorAccounting() async throws {
    let server = try await FailingServer.start()
    let client = try server.client()
    let ackPath = try temporaryPath("acks.jsonl")
    let ackLog = try AckLog(path: ackPath)
    let recorder = LoadRecorder()
    let calls = LoadCalls(client: client, world: FailingServer.world, recorder: recorder, ackLog: ackLog)
    // Bounded by count: exactly 200 calls, however slow the machine.
    let plan = LoadPlan(
      mix: .writes, callers: 8, warmup: .zero, duration: .seconds(600), maxCalls: 200, seed: 3)
    let outcome = await LoadDriver(plan: plan, calls: calls).run { _ in }
    ackLog.close()
    await client.close()
    await server.server.shutdown(grace: .seconds(5))

    let totals = recorder.totals()
    let log = try #require(totals.operations[.log])
    let served = server.handler.served.load(ordering: .relaxed)
    #expect(served == 200)
    #expect(log.succeeded == 160)
    #expect(log.failures == [.resourceExhausted: 20, .permissionDenied: 20])
    #expect(log.latencies.totalCount == 160)
    #expect(totals.acknowledgedWrites == 160)
    let sawToken = server.handler.sawToken.load(ordering: .relaxed)
    #expect(sawToken)

    let report = LoadReport(plan: plan, connections: 2, totals: totals, outcome: outcome)
    #expect(report.rows.map { $0.operation } == ["log", "all"])
    #expect(report.rows[1].ok == 160)
    #expect(report.rows[1].errors == 40)
    #expect(report.errorsByStatus == ["RESOURCE_EXHAUSTED": 20, "PERMISSION_DENIED": 20])
    #expect(report.errorRate == 0.2)
    #expect(!report.passes(maxErrorRate: 0.1))
    #expect(report.passes(maxErrorRate: 0.2))
    #expect(report.table.contains("errors: 20.000% (PERMISSION_DENIED 20, RESOURCE_EXHAUSTED 20)"))

    // Every acknowledged write is in the ack log, once, with the employee who logged it.
    let entries = try AckLog.read(path: ackPath)
    let succeededIDs = server.handler.succeededIDs.withLockedValue { $0 }
    #expect(entries.map { $0.activityID }.sorted() == succeededIDs.sorted())
    for entry in entries {
      #expect(entry.employeeID == 100 + entry.skpID)
      #expect(entry.nip == "nip-\(entry.skpID)")
    }
  }

  @Test("an open loop sends the calls due, or counts them unsent, and records them all")
  func openLoop() async throws {
    let server = try await FailingServer.start()
    let client = try server.client()
    let recorder = LoadRecorder()
    let calls = LoadCalls(client: client, world: FailingServer.world, recorder: recorder)
    let schedule = try OpenLoopSchedule(rate: 200)
    let plan = LoadPlan(
      mix: try LoadMix(parsing: "log=1"), callers: 4, schedule: schedule, warmup: .zero,
      duration: .seconds(2), seed: 5)
    let lines = LinesSeen()
    let outcome = await LoadDriver(plan: plan, calls: calls).run { lines.add($0) }
    await client.close()
    await server.server.shutdown(grace: .seconds(5))

    let all = recorder.totals().all
    let made = all.succeeded + all.failed
    let served = server.handler.served.load(ordering: .relaxed)
    #expect(made == served)
    // Every call due is either made or counted unsent. (How many are made depends on how much
    // CPU the run got: on a machine loaded enough, none.)
    #expect(made + outcome.unsent == schedule.calls(before: .seconds(2)))
    let report = LoadReport(plan: plan, connections: 2, totals: recorder.totals(), outcome: outcome)
    #expect(report.loop == "open")
    #expect(report.rate == 200)
    #expect(report.table.contains("unsent"))
  }

  @Test("a daemon that dies is charged UNAVAILABLE until the end, and the run still reports")
  func daemonDies() async throws {
    let server = try await FailingServer.start()
    let client = try server.client()
    let recorder = LoadRecorder()
    let calls = LoadCalls(
      client: client, world: FailingServer.world, recorder: recorder, timeout: .seconds(5))
    // The run ends at its call bound, which the calls refused after the kill reach quickly; the
    // duration only bounds it on a machine too loaded to get there.
    let plan = LoadPlan(
      mix: .writes, callers: 4, warmup: .zero, duration: .seconds(60), maxCalls: 3_000, seed: 1)
    let killer = Task {
      // Bounded polling: stop the server once it has answered some calls.
      let deadline = ContinuousClock.now + .seconds(30)
      while server.handler.served.load(ordering: .relaxed) < 20, ContinuousClock.now < deadline {
        try? await Task.sleep(for: .milliseconds(1))
      }
      server.server.closeAllConnectionsNow()
      await server.server.shutdown(grace: .zero)
    }
    let outcome = await LoadDriver(plan: plan, calls: calls).run { _ in }
    await killer.value
    await client.close()

    let totals = recorder.totals()
    let report = LoadReport(plan: plan, connections: 2, totals: totals, outcome: outcome)
    #expect(totals.all.succeeded > 0)
    #expect((totals.all.failures[.unavailable] ?? 0) > 0)
    #expect(report.errorsByStatus["UNAVAILABLE"] == totals.all.failures[.unavailable])
    #expect(!report.passes(maxErrorRate: 0.01))
  }

  @Test("percentiles and the maximum come from the histogram, in milliseconds; JSON round-trips")
  func histogramOutput() throws {
    let recorder = LoadRecorder()
    for micros in 1...1_000 {
      recorder.record(.getEmployee, micros: UInt64(micros) * 10, status: .ok, measured: true)
    }
    recorder.record(.getEmployee, micros: 1, status: .unavailable, measured: true)
    recorder.record(.getEmployee, micros: 999_999, status: .ok, measured: false)
    let plan = LoadPlan(mix: .reads, callers: 2, duration: .seconds(2))
    let report = LoadReport(
      plan: plan, connections: 1, totals: recorder.totals(), outcome: .init(elapsed: .seconds(2), unsent: 0))
    let row = try #require(report.rows.first { $0.operation == "get-employee" })
    #expect(row.ok == 1_000)
    #expect(row.errors == 1)
    #expect(row.perSecond == 500)
    #expect(abs(row.p50 - 5.0) <= 0.01)
    #expect(abs(row.p90 - 9.0) <= 0.01)
    #expect(abs(row.p99 - 9.9) <= 0.01)
    #expect(abs(row.p999 - 9.99) <= 0.01)
    #expect(abs(row.max - 10.0) <= 0.01)
    #expect(report.table.contains("get-employee"))
    #expect(report.table.contains("p99.9 ms"))

    let decoder = JSONDecoder()
    #expect(try decoder.decode(LoadReport.self, from: Data(report.json.utf8)) == report)
    #expect(report.json.contains("\"errors_by_status\""))
    #expect(report.json.contains("\"p999\""))

    let progress = LoadReport.progressLine(second: 3, interval: recorder.takeInterval())
    #expect(progress.contains("1001 ok/s"))
    #expect(progress.contains("errors 1 (UNAVAILABLE 1)"))
    #expect(recorder.takeInterval().succeeded == 0)
  }
}

/// Progress lines a run printed.
final class LinesSeen: Sendable {
  private let lines = NIOLockedValueBox<[String]>([])
  func add(_ line: String) { lines.withLockedValue { $0.append(line) } }
  var all: [String] { lines.withLockedValue { $0 } }
}
