import Foundation
import SimpegAPI
import SimpegTestSupport
import Testing

/// Hostile HTTP clients against the real simpeg-web in front of the real simpegd: slowloris
/// heads, trickled bodies, many idle connections, a connection limit held by idle peers, huge
/// headers. Each attack runs while a well-behaved client keeps asking the gateway's health
/// (which calls simpegd) through curl, and the test asserts that every one of its requests
/// succeeded, that the attackers got what the README says, and that the gateway still runs.
/// Latencies are printed as figures, never asserted. Gated like HostileClientTests (whose name
/// this suite's contains, so Tools/test runs it with them, alone).
@Suite(
  .serialized,
  .enabled(
    if: ProcessInfo.processInfo.environment["SIMPEG_TEST_HOSTILE_CLIENTS"] == "1",
    "runs alone: SIMPEG_TEST_HOSTILE_CLIENTS=1 swift test --filter HostileClientTests (Tools/test does)"))
struct WebHostileClientTests {
  /// The gateway's limits in these tests: short, so attacks end in seconds.
  static let limits = ["--idle-timeout", "3s", "--body-timeout", "3s", "--max-header-size", "16KiB"]

  /// simpeg-web in front of simpegd, and a well-behaved client of its health endpoint.
  struct Setup {
    let city: WebCity
    let client: WellBehavedClient

    static func start(_ arguments: [String] = limits) async throws -> Setup {
      let city = try await WebCity.start(webArguments: arguments)
      let curl = city.curl
      var client = WellBehavedClient(caller: try await city.admin())
      client.call = { _, timeout in
        let seconds = Double(timeout.components.seconds)
        let response = try await curl.request("GET", "/healthz", timeout: seconds)
        guard response.status == 200 else { throw CurlFailure("health answered \(response)") }
      }
      return Setup(city: city, client: client)
    }

    var port: Int { city.web.httpPort }

    /// The gateway still answers once the attack is over.
    func expectServing() async throws {
      #expect(city.web.process.isRunning, "the gateway still runs")
      #expect(try await city.curl.request("GET", "/healthz").status == 200)
    }
  }

  /// The status of the response read from `peer`, nil when the connection closed without one.
  static func responseStatus(_ peer: WirePeer, timeout: Double) throws -> Int? {
    var received: [UInt8] = []
    while !received.contains(13) || String(decoding: received, as: UTF8.self).range(of: "\r\n") == nil {
      guard let bytes = try peer.receive(timeout: timeout) else { break }
      received += bytes
    }
    let line = String(decoding: received, as: UTF8.self).split(separator: "\r\n").first ?? ""
    let parts = line.split(separator: " ")
    guard parts.count >= 2, parts[0].hasPrefix("HTTP/") else { return nil }
    return Int(parts[1])
  }

  @Test func slowlorisHeadsAreCutOffAtTheIdleTimeoutWhileOthersAreServed() async throws {
    let setup = try await Setup.start()
    defer { setup.city.cleanUp() }
    let port = setup.port
    let baseline = await setup.client.baseline()
    let (closedAfter, during) = try await setup.client.measure {
      try await onThread { () -> [Double] in
        // 50 peers each trickle a request head one byte every 50 ms and never finish it.
        let head =
          Array("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Lambat: ".utf8)
          + Array(repeating: UInt8(ascii: "a"), count: 4000)
        let peers = try (0..<50).map { _ in try WirePeer.connect(port: port) }
        let started = Date()
        var closed = [Double?](repeating: nil, count: peers.count)
        var offset = 0
        while closed.contains(where: { $0 == nil }), Date().timeIntervalSince(started) < 60,
          offset < head.count
        {
          for (index, peer) in peers.enumerated() where closed[index] == nil {
            do { try peer.send([head[offset]]) } catch { closed[index] = Date().timeIntervalSince(started) }
          }
          offset += 1
          pause(milliseconds: 50)
        }
        for (index, peer) in peers.enumerated() where closed[index] == nil {
          if try peer.waitForClose(timeout: 10) { closed[index] = Date().timeIntervalSince(started) }
        }
        return closed.compactMap { $0 }
      }
    }
    #expect(closedAfter.count == 50, "every slow head was cut off")
    #expect(during.failures.isEmpty, "\(during.failures.prefix(3))")
    Figures.record(
      "web slowloris: 50 heads cut off after \(String(format: "%.1f", closedAfter.max() ?? 0)) s at most (idle-timeout 3 s); "
        + "health during \(during), baseline \(baseline)")
    try await setup.expectServing()
    await setup.city.stop()
  }

  @Test func tricklingBodiesAreRefusedAtTheBodyTimeoutAndSilentOnesCutOff() async throws {
    let setup = try await Setup.start()
    defer { setup.city.cleanUp() }
    let port = setup.port
    let ((trickled, silent), during) = try await setup.client.measure {
      try await onThread { () -> ([Int?], [Double?]) in
        let head = Array(
          ("POST /simpeg.v1.HealthService/Check HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n").utf8)
        let trickling = try (0..<10).map { _ in try WirePeer.connect(port: port) }
        let stalled = try (0..<10).map { _ in try WirePeer.connect(port: port) }
        let started = Date()
        for peer in trickling + stalled { try peer.send(head) }
        // The trickling peers send a body byte every 100 ms until the gateway answers (never
        // after, which could reset the connection before the answer is read); the stalled ones
        // send nothing more.
        var statuses = [Int?](repeating: nil, count: trickling.count)
        var answered = [Bool](repeating: false, count: trickling.count)
        while answered.contains(false), Date().timeIntervalSince(started) < 20 {
          for (index, peer) in trickling.enumerated() where !answered[index] {
            if peer.isReadable() {
              answered[index] = true
              statuses[index] = try Self.responseStatus(peer, timeout: 5)
            } else {
              try? peer.send([UInt8(ascii: " ")])
            }
          }
          pause(milliseconds: 100)
        }
        let closed: [Double?] = try stalled.map { peer in
          try peer.waitForClose(timeout: 20) ? Date().timeIntervalSince(started) : nil
        }
        return (statuses, closed)
      }
    }
    #expect(trickled.allSatisfy { $0 == 504 }, "each trickled body gets deadline_exceeded (504): \(trickled)")
    #expect(silent.allSatisfy { $0 != nil }, "each stalled body's connection is closed at the idle timeout")
    #expect(during.failures.isEmpty, "\(during.failures.prefix(3))")
    Figures.record(
      "web slow bodies: 10 trickled refused with 504 at body-timeout 3 s, 10 stalled closed after "
        + "\(String(format: "%.1f", silent.compactMap { $0 }.max() ?? 0)) s at most (idle-timeout 3 s); health during \(during)"
    )
    try await setup.expectServing()
    await setup.city.stop()
  }

  @Test func manyIdleConnectionsAreClosedAtTheIdleTimeoutWhileOthersAreServed() async throws {
    let setup = try await Setup.start()
    defer { setup.city.cleanUp() }
    let port = setup.port
    let held = min(2_000, max(100, FileLimit.raised - 500))
    let (closed, during) = try await setup.client.measure {
      try await onThread { () -> Int in
        let peers = try (0..<held).map { _ in try WirePeer.connect(port: port) }
        return try peers.filter { try $0.waitForClose(timeout: 30) }.count
      }
    }
    #expect(closed == held, "all \(held) idle connections were closed by the gateway")
    #expect(during.failures.isEmpty, "\(during.failures.prefix(3))")
    Figures.record(
      "web idle connections: \(held) held, all closed at idle-timeout 3 s; health during \(during); "
        + "gateway RSS \(Figures.residentMiB(setup.city.web.process.processIdentifier) ?? -1) MiB after")
    try await setup.expectServing()
    await setup.city.stop()
  }

  @Test func peersHoldingEveryConnectionSlotDelayOthersOnlyUntilTheyTimeOut() async throws {
    let setup = try await Setup.start(Self.limits + ["--max-connections", "20"])
    defer { setup.city.cleanUp() }
    let port = setup.port
    let (served, during) = try await setup.client.measure(minimumRounds: 5) {
      try await onThread { () -> Bool in
        let peers = try (0..<40).map { _ in try WirePeer.connect(port: port) }
        defer { for peer in peers { peer.close() } }
        pause(milliseconds: 500)
        // A 41st client waits in the backlog until idle peers are closed, then is served.
        let late = try WirePeer.connect(port: port)
        try late.send(Array("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8))
        return try Self.responseStatus(late, timeout: 30) == 200
      }
    }
    #expect(served, "a client beyond max-connections is served once a slot frees")
    #expect(during.failures.isEmpty, "\(during.failures.prefix(3))")
    Figures.record("web connection limit: 40 idle peers on 20 slots; health during \(during)")
    try await setup.expectServing()
    await setup.city.stop()
  }

  @Test func hugeHeadersAreRefusedAndTheirConnectionsClosed() async throws {
    let setup = try await Setup.start()
    defer { setup.city.cleanUp() }
    let port = setup.port
    let (statuses, during) = try await setup.client.measure {
      try await onThread { () -> [Int?] in
        var statuses: [Int?] = []
        let big =
          "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Besar: " + String(repeating: "b", count: 20 << 10)
          + "\r\n\r\n"
        var many = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for index in 0..<1000 { many += "X-Banyak-\(index): 1\r\n" }
        many += "\r\n"
        for request in Array(repeating: big, count: 100) + [many] {
          let peer = try WirePeer.connect(port: port)
          try? peer.send(Array(request.utf8))
          statuses.append(try Self.responseStatus(peer, timeout: 15))
          _ = try peer.waitForClose(timeout: 15)
        }
        return statuses
      }
    }
    #expect(
      statuses.allSatisfy { $0 == 400 || $0 == 431 || $0 == nil }, "\(Set(statuses.map { "\($0 ?? 0)" }))")
    #expect(!statuses.contains(200))
    #expect(during.failures.isEmpty, "\(during.failures.prefix(3))")
    Figures.record(
      "web huge headers: 101 refused (\(Set(statuses.map { "\($0 ?? 0)" }).sorted())); health during \(during)"
    )
    try await setup.expectServing()
    await setup.city.stop()
  }
}
