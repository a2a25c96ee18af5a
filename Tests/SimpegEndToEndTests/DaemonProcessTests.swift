import Foundation
import SimpegAPI
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The real simpegd binary: starting with no configuration, signals, metrics.
@Suite struct DaemonProcessTests {
  @Test func startsWithNoConfigurationAndWritesOwnerOnlyBootstrapCredentials() async throws {
    let daemon = try await SimpegdProcess.start()
    defer { daemon.removeFolder() }
    let file = daemon.dataFolder.appendingPathComponent("bootstrap-admin.txt")
    let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
    #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    let text = try String(contentsOf: file, encoding: .utf8)
    #expect(text.contains("username=admin"))
    #expect(daemon.log.contains("bootstrap-admin.txt"))
    let health = Simpeg_V1_HealthService.Client(wrapping: try daemon.client())
    #expect(try await health.check(Simpeg_V1_HealthCheckRequest()).status == .serving)
    await daemon.stop()
  }

  @Test func sigtermDrainsClosesTheStoreAndExitsZero() async throws {
    let daemon = try await SimpegdProcess.start()
    defer { daemon.removeFolder() }
    daemon.signal(SIGTERM)
    #expect(try await daemon.waitForExit() == 0)
    #expect(daemon.log.contains("store closed"))
  }

  @Test func metricsEndpointServesParsablePrometheusText() async throws {
    let daemon = try await SimpegdProcess.start()
    defer { daemon.removeFolder() }
    // Make a few calls so the call counters exist.
    let health = Simpeg_V1_HealthService.Client(wrapping: try daemon.client())
    for _ in 0..<3 { _ = try await health.check(Simpeg_V1_HealthCheckRequest()) }
    let port = try #require(daemon.metricsPort)
    let url = URL(string: "http://127.0.0.1:\(port)/metrics")!
    var samples: [String: Double] = [:]
    // The store gauges are refreshed every few seconds: poll until the call counter shows.
    for _ in 0..<300 {
      let (data, response) = try await URLSession.shared.data(from: url)
      #expect((response as? HTTPURLResponse)?.statusCode == 200)
      samples = try PrometheusText.parse(String(decoding: data, as: UTF8.self))
      if samples.keys.contains(where: { $0.hasPrefix("simpeg_rpc_calls_total{") }) { break }
      try await Task.sleep(for: .milliseconds(20))
    }
    let checks = samples.filter {
      $0.key.hasPrefix("simpeg_rpc_calls_total{") && $0.key.contains("HealthService/Check")
    }
    #expect(checks.values.reduce(0, +) >= 3)
    #expect(samples["simpeg_store_map_size_bytes"].map { $0 > 0 } == true)
    await daemon.stop()
  }

  @Test func configurationFileEnvironmentAndFlagsApplyInThatOrder() async throws {
    let folder = try SimpegdProcess.makeFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let config = folder.appendingPathComponent("simpegd.conf")
    try """
    # data folder from the file, overridden by the environment
    data = from-file
    log-level = debug
    """.write(to: config, atomically: true, encoding: .utf8)
    let daemon = try await SimpegdProcess.start(
      in: folder, arguments: ["--config", config.path, "--log-level", "notice"],
      environment: ["SIMPEG_DATA": "from-env"])
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("from-env/data.mdb").path))
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("from-file").path))
    // The flag's log level (notice) beat the file's (debug): no info lines.
    #expect(!daemon.log.contains(" info "))
    await daemon.stop()
  }

  @Test func badSettingIsRefusedNamingIt() async throws {
    let folder = try SimpegdProcess.makeFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let error = await #expect(throws: SimpegdProcess.Failure.self) {
      _ = try await SimpegdProcess.start(in: folder, arguments: ["--max-connections", "lots"])
    }
    #expect(error?.description.contains("max-connections") == true)
  }
}

/// Parses the Prometheus text exposition format into `name{labels}` -> value.
enum PrometheusText {
  struct Malformed: Error { let line: String }

  static func parse(_ text: String) throws -> [String: Double] {
    var samples: [String: Double] = [:]
    for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.isEmpty {
      guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...])
      else { throw Malformed(line: String(line)) }
      samples[String(line[..<space])] = value
    }
    return samples
  }
}
