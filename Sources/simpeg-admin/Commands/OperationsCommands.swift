import ArgumentParser
import Foundation
import SimpegAPI
import SimpegAdmin
import SimpegRPC

/// `status`: health, the store's figures, connections and versions.
struct Status: ConnectedCommand {
  static let configuration = CommandConfiguration(
    abstract: "Health, store statistics, connections and versions of the daemon.",
    discussion: """
      Health needs no login; the statistics need ADMIN or AUDITOR and are left out (with a \
      notice) without them. Exits 0 when the daemon serves, 3 when it does not.
      """)

  @OptionGroup var connection: ConnectionOptions
  @OptionGroup var output: OutputOptions

  func run(_ connection: AdminConnection, _ console: Console) async throws {
    let health = try await connection.health.check(Simpeg_V1_HealthCheckRequest(), options: connection.unary)
    var stats: Simpeg_V1_GetStatsResponse?
    var statsProblem: String?
    do {
      stats = try await connection.admin.getStats(Simpeg_V1_GetStatsRequest(), options: connection.unary)
    } catch let error as RPCError where error.code == .unauthenticated || error.code == .permissionDenied {
      statsProblem = "\(error.code.name): statistics need a login with ADMIN or AUDITOR"
    }
    let serving = health.status == .serving
    let healthName = Display.name(health.status).isEmpty ? "UNKNOWN" : Display.name(health.status)
    if console.isJSON {
      try console.printJSON(
        .object([
          "address": .string(connection.settings.address.description), "health": .string(healthName),
          "stats": stats.map { .message($0) } ?? .null, "client": .string(AdminSession.version),
        ]))
    } else {
      var list = KeyValueList()
      list.add("daemon", "\(connection.settings.address) (\(healthName))")
      if let stats {
        list.add("version", stats.version)
        list.add("started", Display.time(stats.startedAt))
        list.add("connections", "\(stats.openConnections)")
        list.add(
          "map",
          "\(ByteCount.decimal(Int64(stats.mapUsedBytes))) used of \(ByteCount.decimal(Int64(stats.mapSizeBytes)))"
        )
        list.add("readers", "\(stats.readersUsed) of \(stats.readersMax)")
        list.add("last sequence", "\(stats.lastSequence)")
        list.add("schema", "\(stats.schemaVersion)")
      }
      list.add("client", AdminSession.version)
      console.print(list)
      if let stats {
        console.print("")
        console.print(
          TextTable(
            [.init("TABLE"), .init("ENTRIES", .right), .init("DEPTH", .right), .init("PAGES", .right)],
            rows: stats.tables.map { ["\($0.name)", "\($0.entries)", "\($0.depth)", "\($0.pages)"] }))
      }
    }
    if let statsProblem { console.notice(statsProblem) }
    guard serving else {
      throw AdminFailure(.unavailable, "the daemon answers but does not serve (\(healthName))")
    }
  }
}

/// `methods`: what the daemon serves.
struct Methods: ConnectedCommand {
  static let configuration = CommandConfiguration(
    abstract: "List the methods the daemon serves, their kind and who may call them.")

  @OptionGroup var connection: ConnectionOptions
  @OptionGroup var output: OutputOptions

  func run(_ connection: AdminConnection, _ console: Console) async throws {
    let response = try await connection.admin.listMethods(
      Simpeg_V1_ListMethodsRequest(), options: connection.unary)
    if console.isJSON {
      try console.printJSON(.message(response))
    } else {
      console.print(RecordTables.methods(response.methods))
    }
  }
}

/// `sample load`: the sample Kota Salatiga.
struct SampleCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sample", abstract: "The sample Kota Salatiga.", subcommands: [Load.self])

  struct Load: ConnectedCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Fill an empty daemon with the sample city: organisation, performance cycle, public services (AdminService/LoadSample)."
    )

    @Option(help: "The seed: the same seed gives the same city.") var seed: UInt64 = 1
    @Option(help: "The year of the performance cycle (default 2025).") var year: Int32 = 2025
    @Option(help: "How many public-service requests (default 6000).") var serviceRequests: UInt32 = 6_000
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run(_ connection: AdminConnection, _ console: Console) async throws {
      var request = Simpeg_V1_LoadSampleRequest()
      request.seed = seed
      request.year = year
      request.serviceRequests = serviceRequests
      var options = connection.unary
      options.timeout = max(options.timeout ?? .seconds(60), .seconds(300))
      let response = try await connection.admin.loadSample(request, options: options)
      if console.isJSON {
        try console.printJSON(.message(response))
      } else {
        console.print(
          "loaded the sample of seed \(seed): \(response.units) units, \(response.positions) positions, "
            + "\(response.employees) employees, \(response.skps) SKPs of \(year), "
            + "\(response.activities) activities, \(response.evaluations) evaluations, "
            + "\(response.publicServices) public services, \(response.serviceRequests) service requests")
      }
    }
  }
}

/// `call METHOD [JSON]`: any method, JSON in and out.
struct Call: ConnectedCommand {
  static let configuration = CommandConfiguration(
    abstract: "Call any method with a JSON request (protobuf's JSON mapping); print the response as JSON.",
    discussion: """
      METHOD is `simpeg.v1.OrgService/GetUnit`, `OrgService/GetUnit`, or `GetUnit` when unique. \
      The request is JSON given as an argument, `@FILE`, or `-` for standard input (default: `{}`, \
      or standard input for streaming requests). Server-streaming responses print one JSON \
      line each; client-streaming and bidirectional calls read one JSON request per line (or \
      a JSON array).
      """)

  @Argument(help: "The method.") var method: String
  @Argument(help: "The request: JSON, @FILE or -.") var request: String?
  @OptionGroup var connection: ConnectionOptions
  @OptionGroup var output: OutputOptions

  func run(_ connection: AdminConnection, _ console: Console) async throws {
    let schema = try GenericCall.method(named: method)
    let source = request ?? (schema.descriptor.kind.clientStreams ? "-" : "{}")
    let input: String
    if source == "-" {
      input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
    } else if source.hasPrefix("@") {
      let path = String(source.dropFirst())
      do {
        input = try String(contentsOfFile: path, encoding: .utf8)
      } catch {
        throw AdminFailure(.usage, "cannot read the request file \(path): \(error.localizedDescription)")
      }
    } else {
      input = source
    }
    let options = schema.descriptor.kind == .unary ? connection.unary : connection.streaming
    try await GenericCall.run(schema, input: input, client: connection.client, options: options) { json in
      console.print(json)
    }
  }
}
