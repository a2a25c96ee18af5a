import Foundation
import SimpegBenchKit
import SimpegServer

/// Every size in turn: build the data, serve it from another process, measure, delete.
struct Growth {
  let options: GrowthOptions

  /// What one size measured.
  struct Step {
    var employees: Int
    var activities: Int
    var build: Duration
    var megabytes: Double
    var rows: [Drive.Row]
    /// What the daemon said of warming its tables when the measurements ended.
    var warming: String
  }

  func run() async throws {
    emit(
      "synthetic organisation: units of \(options.unitSize), \(options.activitiesPerEmployee) activities per "
        + "employee, year \(options.year); \(options.concurrency) callers over loopback, "
        + "\(options.warmup) s warm-up then \(options.seconds) s per call and size")
    emit(
      "GetEmployee: the administrator reads a random employee; GetEmployee 2nd: the same again after the "
        + "ListActivities cell")
    emit(
      "ListActivities: one of \(options.supervisors) unit heads lists the activities of a random member of "
        + "their unit (page of 100)")
    emit(
      options.pageCache == "drop"
        ? "the data folder's pages are evicted from the page cache before the daemon starts (a cold start)"
        : "the page cache keeps what writing the data left in it")
    var steps: [Step] = []
    for size in options.sizes {
      let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("simpeg-bench-growth-\(UUID().uuidString)").path
      defer { try? FileManager.default.removeItem(atPath: folder) }
      note("\(size) employees: writing the data")
      let started = ContinuousClock.now
      let counts = try await SyntheticOrganisation.write(
        shape(options, size), intoDataFolder: folder, logger: quietLogger
      ) {
        if $0.employees % 200_000 == 0 { note("  \($0.employees) employees, \($0.activities) activities") }
      }
      let build = ContinuousClock.now - started
      let megabytes = Double(try diskUse(folder)) / 1_048_576
      note(String(format: "  written in %.1f s, %.0f MB on disk; serving", seconds(build), megabytes))
      if options.pageCache == "drop" {
        let evicted = try PageCache.evict(folder: folder)
        note(
          String(
            format: "  evicted %.0f MB of the data folder from the page cache", Double(evicted) / 1_048_576))
      }
      let (rows, warming) = try await measure(folder: folder, size: size)
      steps.append(
        Step(
          employees: counts.employees, activities: counts.activities, build: build, megabytes: megabytes,
          rows: rows, warming: warming))
      try? FileManager.default.removeItem(atPath: folder)
      note("  deleted the data folder")
    }
    report(steps)
  }

  /// Starts `serve` on the folder in a child process, drives it, stops it; returns the rows and
  /// the daemon's last line (how warming its tables went).
  private func measure(folder: String, size: Int) async throws -> ([Drive.Row], String) {
    let child = try BenchChild.startSelf(["serve", "--data", folder])
    do {
      let line = try await child.firstLine()
      let parts = line.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ")
      guard parts.count == 2, let port = Int(parts[0]) else {
        throw BenchError("the server did not report its port: \(line)")
      }
      let rows = try await Drive(
        options: options, port: port, credentialsFile: String(parts[1]), shape: shape(options, size)
      ).run()
      let rest = await child.stop()
      return (rows, rest.split(separator: "\n").last.map(String.init) ?? "")
    } catch {
      await child.stop()
      throw error
    }
  }

  private func report(_ steps: [Step]) {
    guard !steps.isEmpty else { return }
    let base = steps.first { $0.employees == 10_000 } ?? steps[0]
    emit("")
    emit(
      "employees  activities  build s  data MB  call             calls/s   p50 us   p99 us   p50 x   p99 x  rate x  errors"
    )
    for step in steps {
      for row in step.rows {
        let reference = base.rows.first { $0.call == row.call } ?? row
        let sizes = String(
          format: "%9d %11d %8.1f %8.0f  ", step.employees, step.activities, seconds(step.build),
          step.megabytes)
        let figures = String(
          format: " %9.0f %8d %8d %7.2f %7.2f %7.2f %6d", row.callsPerSecond, Int(row.p50), Int(row.p99),
          Double(row.p50) / Double(max(1, reference.p50)), Double(row.p99) / Double(max(1, reference.p99)),
          row.callsPerSecond / max(1, reference.callsPerSecond), Int(row.errors))
        emit(sizes + row.call.padding(toLength: 15, withPad: " ", startingAt: 0) + figures)
      }
    }
    emit("x: the ratio to the \(base.employees)-employee row of the same call (p50, p99, calls/s)")
    emit("")
    emit("first GetEmployee pass after the daemon started, against the second (p50), and warming its tables:")
    for step in steps {
      let first = step.rows.first { $0.call == "GetEmployee" }
      let second = step.rows.first { $0.call == "GetEmployee 2nd" }
      let ratio = first.flatMap { first in second.map { Double(first.p50) / Double(max(1, $0.p50)) } } ?? .nan
      emit(
        String(
          format: "%9d  p50 %.2fx  p99 %.2fx  ", step.employees, ratio,
          first.flatMap { first in second.map { Double(first.p99) / Double(max(1, $0.p99)) } } ?? .nan)
          + step.warming)
    }
  }
}

/// Bytes the files below `folder` occupy on disk (allocated blocks; LMDB's file is sparse).
func diskUse(_ folder: String) throws -> Int {
  var total = 0
  let enumerator = FileManager.default.enumerator(atPath: folder)
  while let name = enumerator?.nextObject() as? String {
    var info = stat()
    if stat((folder as NSString).appendingPathComponent(name), &info) == 0, (info.st_mode & S_IFMT) == S_IFREG
    {
      total += Int(info.st_blocks) * 512
    }
  }
  return total
}

/// Seconds in a duration.
func seconds(_ duration: Duration) -> Double {
  Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}
