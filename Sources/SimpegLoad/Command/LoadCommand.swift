import ArgumentParser
import Foundation
import SimpegAPI
import SimpegRPC

/// `simpeg-load`: drives a running simpegd with a scenario of calls and reports latency and
/// errors. The executable only calls `main()`.
public struct LoadCommand: AsyncParsableCommand {
  /// The command's name, summary and subcommands.
  public static let configuration = CommandConfiguration(
    commandName: "simpeg-load",
    abstract: "Drives a running simpegd with a mix of calls and reports latency and errors.",
    discussion: """
      `simpeg-load run` (the default) measures a scenario; `simpeg-load hold-connections` opens \
      idle connections for memory measurements. See `simpeg-load run --help`.

      \(LoadRunCommand.exitStatuses)
      """,
    subcommands: [LoadRunCommand.self, HoldConnections.self],
    defaultSubcommand: LoadRunCommand.self
  )

  /// Parses nothing itself.
  public init() {}

  /// Parses the command line, runs the command and ends the process with its exit status.
  public static func start() async {
    do {
      var command = try parseAsRoot()
      if var asyncCommand = command as? AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
      Foundation.exit(0)
    } catch {
      exit(withError: error)
    }
  }
}

/// `simpeg-load run`: sets up sessions, runs the plan, prints the report.
public struct LoadRunCommand: AsyncParsableCommand {
  /// The exit statuses, for `--help` and the README.
  public static let exitStatuses = """
    Exit status: 0 when the run made calls and its error rate was at most --max-error-rate; \
    1 when the error rate passed it (or no call completed); 2 when the set-up failed (daemon \
    unreachable, login refused, no sample organisation); 64 for invalid arguments.
    """

  /// The command's help.
  public static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Runs a scenario against a running simpegd and prints the report.",
    discussion: """
      Scenarios: reads (employee lookups and lists), writes (LogActivity), morning (a working \
      morning: 70% LogActivity, reads, supervisors listing and approving pending reviews, and \
      --watchers supervisors watching their staff's activities), custom (--mix).

      Set-up: --setup sample needs a daemon started with --sample-organisation (e.g. \
      Tools/serve) and the administrator's credentials: --credentials FILE (default \
      simpeg-data/bootstrap-admin.txt, the file the daemon writes on its first start), or \
      --admin-username with --admin-password-file. It makes accounts (or resets existing ones) \
      for --employees employees that have an approved SKP and for up to --supervisors of their \
      evaluators, and logs each in. --setup fresh takes a daemon that holds no units (started \
      on an empty data folder without --sample-organisation), loads the sample city into it \
      through AdminService/LoadSample (performance cycle --year, default this year), then sets \
      up the same way; it refuses a daemon that already holds units.

      Loops: without --rate, a closed loop: --callers callers each call again once answered. \
      With --rate R, an open loop: call i is due at i/R s whatever happened before, at most \
      --callers in flight, and latency counts from the due time (no coordinated omission).

      Failures never stop a run: a daemon that dies is charged UNAVAILABLE until --duration ends \
      (the client keeps reconnecting) and the report is still printed. --ack-log FILE gets one \
      JSON line per acknowledged LogActivity ({"activity_id","employee_id","nip","skp_id"}), \
      written as soon as it is acknowledged.

      Progress goes to stderr once a second; the report to stdout (a table, or --json).

      \(exitStatuses)
      """
  )

  /// The scenarios.
  public enum Scenario: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// Employee lookups and lists.
    case reads
    /// LogActivity.
    case writes
    /// The working morning.
    case morning
    /// `--mix`.
    case custom
  }

  /// The set-up modes.
  public enum SetupMode: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// The sample organisation.
    case sample
    /// A daemon with no units: the load tool fills it with the sample city first
    /// (`AdminService/LoadSample`), then sets up as for `sample`.
    case fresh
  }

  /// `--address`.
  @Option(help: "The daemon, host:port.") public var address = "127.0.0.1:7400"
  /// `--scenario`.
  @Option(help: "reads, writes, morning or custom.") public var scenario: Scenario = .morning
  /// `--mix`.
  @Option(
    help: ArgumentHelp(
      "Weights of a custom mix, e.g. log=80,get-employee=20 (implies --scenario custom).",
      discussion: "Operations: " + LoadOperation.allCases.map(\.rawValue).joined(separator: ", ")))
  public var mix: String?
  /// `--callers`.
  @Option(help: "Concurrent callers (open loop: the most calls in flight).") public var callers = 64
  /// `--connections`.
  @Option(help: "Connections to the daemon, shared by all callers.") public var connections = 4
  /// `--rate`.
  @Option(help: "Open loop at this many calls per second (default: closed loop).") public var rate: Double?
  /// `--duration`.
  @Option(help: "Seconds measured.") public var duration = 10.0
  /// `--warmup`.
  @Option(help: "Seconds of calls before measuring.") public var warmup = 1.0
  /// `--seed`.
  @Option(help: "Seeds the callers' choices.") public var seed: UInt64 = 1
  /// `--max-calls`.
  @Option(help: "At most this many calls in all.") public var maxCalls = 10_000_000
  /// `--timeout`.
  @Option(help: "Seconds each call may take.") public var timeout = 10.0
  /// `--watchers`.
  @Option(help: "Watch streams held by supervisors (default: 2 in the morning scenario, else 0).")
  public var watchers: Int?
  /// `--setup`.
  @Option(help: "sample (a daemon serving the sample city) or fresh (an empty daemon, filled first).")
  public var setup: SetupMode = .sample
  /// `--credentials`.
  @Option(help: "The administrator's credentials file (username= and password= lines).")
  public var credentials = "simpeg-data/bootstrap-admin.txt"
  /// `--admin-username`.
  @Option(help: "The administrator's username (with --admin-password-file).") public var adminUsername:
    String?
  /// `--admin-password-file`.
  @Option(help: "A file holding the administrator's password.") public var adminPasswordFile: String?
  /// `--employees`.
  @Option(help: "Employees to act as (default: --callers, at most 256).") public var employees: Int?
  /// `--supervisors`.
  @Option(help: "At most this many supervisors (the employees' evaluators).") public var supervisors = 8
  /// `--year`.
  @Option(help: "The SKPs' year (default: this year if the sample has it, else last year).")
  public var year: Int?
  /// `--ack-log`.
  @Option(help: "Append every acknowledged LogActivity to this file, one JSON line each.")
  public var ackLog: String?
  /// `--max-error-rate`.
  @Option(help: "Exit 1 when failed calls / all calls pass this (0-1).") public var maxErrorRate = 0.01
  /// `--json`.
  @Flag(help: "Print the report as JSON.") public var json = false
  /// `--quiet`.
  @Flag(help: "No progress lines.") public var quiet = false

  /// Defaults.
  public init() {}

  /// Checks the options against each other.
  public func validate() throws {
    _ = try plan()
    _ = try target()
    guard connections >= 1, connections <= 1_000 else {
      throw ValidationError("--connections must be from 1 to 1000")
    }
    guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
    guard (0...1).contains(maxErrorRate) else {
      throw ValidationError("--max-error-rate must be from 0 to 1")
    }
    guard supervisors >= 0 else { throw ValidationError("--supervisors must not be negative") }
    if let employees, !(1...10_000).contains(employees) {
      throw ValidationError("--employees must be from 1 to 10000")
    }
    if (adminUsername == nil) != (adminPasswordFile == nil) {
      throw ValidationError("--admin-username and --admin-password-file go together")
    }
  }

  /// The mix the options ask for.
  public func chosenMix() throws -> LoadMix {
    do {
      if let mix { return try LoadMix(parsing: mix) }
      switch scenario {
      case .reads: return .reads
      case .writes: return .writes
      case .morning: return .morning
      case .custom: throw ValidationError("--scenario custom needs --mix, e.g. --mix log=80,get-employee=20")
      }
    } catch let error as LoadUsageError {
      throw ValidationError("--mix: \(error.description)")
    }
  }

  /// The plan the options describe.
  public func plan() throws -> LoadPlan {
    if mix != nil, scenario != .custom, scenario != .morning {
      throw ValidationError("--mix goes with --scenario custom (or no --scenario), not \(scenario.rawValue)")
    }
    let mix = try chosenMix()
    guard (1...100_000).contains(callers) else { throw ValidationError("--callers must be from 1 to 100000") }
    guard duration > 0, duration <= 86_400 else {
      throw ValidationError("--duration must be from 0 to 86400 s")
    }
    guard warmup >= 0, warmup <= 3_600 else { throw ValidationError("--warmup must be from 0 to 3600 s") }
    guard maxCalls > 0 else { throw ValidationError("--max-calls must be positive") }
    let watchers = self.watchers ?? (mix == .morning ? 2 : 0)
    guard (0...1_000).contains(watchers) else { throw ValidationError("--watchers must be from 0 to 1000") }
    var schedule: OpenLoopSchedule?
    if let rate {
      do { schedule = try OpenLoopSchedule(rate: rate) } catch { throw ValidationError("--rate: \(error)") }
    }
    return LoadPlan(
      mix: mix, callers: callers, schedule: schedule, warmup: Self.duration(warmup),
      duration: Self.duration(duration), maxCalls: maxCalls, watchers: watchers, seed: seed)
  }

  /// The daemon's host and port.
  public func target() throws -> (host: String, port: Int) {
    guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),
      (1...65_535).contains(port), colon != address.startIndex
    else { throw ValidationError("--address must be host:port, e.g. 127.0.0.1:7400, not '\(address)'") }
    var host = String(address[..<colon])
    if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
    return (host, port)
  }

  /// The employees to set up.
  public var employeeCount: Int { employees ?? min(callers, 256) }

  static func duration(_ seconds: Double) -> Duration { .nanoseconds(Int64((seconds * 1e9).rounded())) }

  /// Sets up, runs, reports; exits 1 when the error rate passes the threshold, 2 when the
  /// set-up fails.
  public func run() async throws {
    let plan = try plan()
    let (host, port) = try target()
    let stderr = StandardError()
    var configuration = ClientConfiguration()
    configuration.connections = connections
    configuration.connectTimeout = .seconds(5)
    let client = try RPCClient(host: host, port: port, configuration: configuration)
    let world: LoadWorld
    do {
      let (username, password) = try adminCredentials()
      var setup = SampleSetup(
        client: client, adminUsername: username, adminPassword: password, employees: employeeCount,
        supervisors: supervisors, year: year)
      setup.parallelLogins = 4
      if self.setup == .fresh {
        _ = try await setup.loadSampleIntoEmptyDaemon(seed: seed) { stderr.line("simpeg-load: \($0)") }
      }
      world = try await setup.prepare { stderr.line("simpeg-load: \($0)") }
      try world.check(mix: plan.mix, watchers: plan.watchers)
    } catch {
      stderr.line("simpeg-load: set-up failed: \(Self.describe(error))")
      await client.close()
      throw ExitCode(2)
    }
    let log: AckLog?
    do { log = try ackLog.map { try AckLog(path: $0) } } catch {
      stderr.line("simpeg-load: \(error)")
      await client.close()
      throw ExitCode(2)
    }
    let recorder = LoadRecorder()
    let calls = LoadCalls(
      client: client, world: world, recorder: recorder, ackLog: log, timeout: Self.duration(timeout))
    stderr.line(
      "simpeg-load: \(world.employees.count) employees, \(world.supervisors.count) supervisors; "
        + "\(plan.schedule == nil ? "closed" : "open") loop, \(callers) callers, mix \(plan.mix)")
    let quiet = self.quiet
    let outcome = await LoadDriver(plan: plan, calls: calls).run { line in
      if !quiet { stderr.line(line) }
    }
    log?.close()
    await client.close()
    let report = LoadReport(
      plan: plan, connections: connections, totals: recorder.totals(), outcome: outcome)
    print(json ? report.json : report.table)
    if !report.passes(maxErrorRate: maxErrorRate) {
      stderr.line(
        String(
          format: "simpeg-load: error rate %.3f%% is above --max-error-rate %.3f%%", report.errorRate * 100,
          maxErrorRate * 100)
          + (report.rows.last.map { $0.ok + $0.errors } == 0 ? " (no call completed)" : ""))
      throw ExitCode(1)
    }
  }

  private func adminCredentials() throws -> (String, String) {
    if let adminUsername, let adminPasswordFile {
      guard let text = try? String(contentsOfFile: adminPasswordFile, encoding: .utf8) else {
        throw LoadUsageError("cannot read --admin-password-file \(adminPasswordFile)")
      }
      return (adminUsername, text.trimmingCharacters(in: .newlines))
    }
    return try SampleSetup.credentials(file: credentials)
  }

  static func describe(_ error: any Error) -> String {
    if let error = error as? RPCError {
      switch error.code {
      case .unavailable: return "\(error) (is simpegd running at the address given?)"
      case .unauthenticated: return "\(error) (check the administrator's credentials)"
      default: return error.description
      }
    }
    return "\(error)"
  }
}

/// Writes lines to stderr at once.
struct StandardError: Sendable {
  func line(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }
}
