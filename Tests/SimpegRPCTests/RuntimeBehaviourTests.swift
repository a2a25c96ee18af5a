import Foundation
import NIOConcurrencyHelpers
import NIOCore
import SimpegEcho
import Testing

@testable import SimpegRPC

@Suite struct RuntimeBehaviourTests {
  @Test(arguments: Transport.allCases)
  func thousandConcurrentCallsOnOneConnectionAreAnsweredOutOfOrder(over transport: Transport) async throws {
    try await withTestServer(transport: transport, configure: { $0.maxConcurrentCallsPerConnection = 1000 }) {
      server in
      let echo = try server.echo { $0.connections = 1 }
      let completions = Completions()
      try await withThrowingTaskGroup(of: Void.self) { group in
        for index in 0..<1000 {
          group.addTask {
            // Earlier calls wait longer, so later ones must overtake them.
            let delay = UInt32((999 - index) / 50)
            let response = try await echo.get(echoRequest("call \(index)", delayMillis: delay))
            #expect(response.text == "call \(index)")
            completions.append(index)
          }
        }
        try await group.waitForAll()
      }
      let order = completions.order
      #expect(Set(order) == Set(0..<1000))
      #expect(order != order.sorted(), "responses came back strictly in call order")
      #expect(server.server.openConnections == 1)
    }
  }

  @Test(arguments: Transport.allCases)
  func deadlineExceededEndsTheCallAndCancelsTheHandler(over transport: Transport) async throws {
    let probe = Probe()
    try await withTestServer(transport: transport, services: [ProbeService(probe: probe)]) { server in
      let client = try server.client()
      // Long enough for the handler to start even on a loaded machine, far shorter than its wait.
      let call = Task {
        let _: Simpeg_Echo_V1_EchoResponse = try await client.unary(
          ProbeService.hold, request: echoRequest(""), options: CallOptions(timeout: .seconds(1)))
      }
      let result = await call.result
      #expect(throws: RPCError.self) { try result.get() }
      if case .failure(let error as RPCError) = result {
        #expect(error.code == .deadlineExceeded)
      }
      // A handler that started before the deadline must have been cancelled by it.
      if probe.count("hold.started") > 0 {
        #expect(await eventually { probe.count("hold.cancelled") == 1 })
      }
    }
  }

  @Test(arguments: Transport.allCases)
  func serverEnforcesTheDeadlineEvenIfTheClientDoesNot(over transport: Transport) async throws {
    let probe = Probe()
    try await withTestServer(transport: transport, services: [ProbeService(probe: probe)]) { server in
      let raw = try await RawConnection.handshake(to: server)
      try await raw.sendCall(
        1, method: ProbeService.hold.fullName, request: echoRequest(""), timeoutMicros: 1_000_000)
      let trailer = try raw.trailer(try #require(try await raw.nextFrame(.trailer)))
      #expect(trailer.code == .deadlineExceeded)
      // On a loaded machine the deadline may pass before the handler even starts; a handler
      // that did start must have been cancelled.
      if probe.count("hold.started") > 0 {
        #expect(await eventually { probe.count("hold.cancelled") == 1 })
      }
    }
  }

  @Test(arguments: Transport.allCases)
  func clientCancellationReachesTheHandler(over transport: Transport) async throws {
    let probe = Probe()
    try await withTestServer(transport: transport, services: [ProbeService(probe: probe)]) { server in
      let client = try server.client()
      let task = Task {
        let _: Simpeg_Echo_V1_EchoResponse = try await client.unary(
          ProbeService.hold, request: echoRequest(""))
      }
      #expect(await eventually { probe.count("hold.started") == 1 })
      task.cancel()
      let result = await task.result
      #expect(throws: RPCError.self) { try result.get() }
      #expect(await eventually { probe.count("hold.cancelled") == 1 })
    }
  }

  @Test(arguments: Transport.allCases)
  func clientThatNeverReadsHoldsTheServerToOneWindow(over transport: Transport) async throws {
    let probe = Probe()
    try await withTestServer(transport: transport, services: [ProbeService(probe: probe), EchoHandler()]) {
      server in
      let client = try server.client()
      let echo = Simpeg_Echo_V1_EchoService.Client(wrapping: client)
      // Each response is 1,000 payload bytes plus 5 of framing fields: 1,005 bytes. The server
      // may send while its credit (64 KiB) is positive, so exactly ceil(65536 / 1005) = 66.
      let expected = 66
      try await client.serverStreaming(ProbeService.flood, request: echoRequest("")) {
        (responses: ResponseStream<Simpeg_Echo_V1_EchoResponse>) in
        #expect(await eventually { probe.count("flood.written") >= expected })
        // Let the server run many more turns; the flood must stay blocked.
        for index in 0..<50 { _ = try await echo.get(echoRequest("\(index)")) }
        #expect(probe.count("flood.written") == expected)
        // Reading releases credit and the stream moves on.
        var iterator = responses.makeAsyncIterator()
        for _ in 0..<200 { _ = try await iterator.next() }
        #expect(await eventually { probe.count("flood.written") > 200 })
      }
    }
  }

  @Test(arguments: Transport.allCases)
  func gracefulShutdownFinishesInFlightCallsAndRefusesNewOnes(over transport: Transport) async throws {
    let probe = Probe()
    try await withTestServer(transport: transport, services: [EchoHandler(), ProbeService(probe: probe)]) {
      server in
      let client = try server.client()
      let echo = Simpeg_Echo_V1_EchoService.Client(wrapping: client)
      let inFlight = Task {
        let response: Simpeg_Echo_V1_EchoResponse = try await client.unary(
          ProbeService.gate, request: echoRequest("in flight"))
        return response.text
      }
      // The call is in flight once its handler waits at the gate.
      #expect(await eventually { probe.count("gate.waiting") == 1 })
      server.server.beginGracefulShutdown()
      let shutdown = Task { await server.server.shutdown(grace: .seconds(30)) }
      let refused = await #expect(throws: RPCError.self) {
        _ = try await echo.get(echoRequest("too late"))
      }
      #expect(refused?.code == .unavailable)
      probe.hit("gate.open")
      #expect(try await inFlight.value == "in flight")
      await shutdown.value
      #expect(server.server.openConnections == 0)
    }
  }

  @Test(arguments: Transport.allCases)
  func shutdownEndsCallsThatOutliveTheGraceWithUnavailable(over transport: Transport) async throws {
    let probe = Probe()
    let server = try await TestServer.start(transport: transport, services: [ProbeService(probe: probe)])
    let client = try server.client()
    let call = Task {
      let _: Simpeg_Echo_V1_EchoResponse = try await client.unary(ProbeService.hold, request: echoRequest(""))
    }
    #expect(await eventually { probe.count("hold.started") == 1 })
    await server.server.shutdown(grace: .milliseconds(100))
    let result = await call.result
    #expect(throws: RPCError(.unavailable, "the server shut down before the call finished; retry")) {
      try result.get()
    }
    #expect(probe.count("hold.cancelled") == 1)
  }

  @Test func clientReconnectsAfterTheServerRestarts() async throws {
    let first = try await TestServer.start()
    let port = first.port
    let echo = try first.echo()
    #expect(try await echo.get(echoRequest("one")).text == "one")
    await first.stop()
    var configuration = ServerConfiguration(host: "127.0.0.1", port: port)
    configuration.idleTimeout = nil
    let second = RPCServer(configuration: configuration, services: [EchoHandler()])
    try await second.start()
    #expect(try await echo.get(echoRequest("two")).text == "two")
    await second.shutdown(grace: .seconds(1))
  }

  @Test(arguments: Transport.allCases)
  func idleConnectionsAreClosedAndTheClientReconnects(over transport: Transport) async throws {
    try await withTestServer(transport: transport, configure: { $0.idleTimeout = .seconds(4) }) { server in
      let echo = try server.echo()
      #expect(try await echo.get(echoRequest("a")).text == "a")
      #expect(await eventually { server.server.openConnections == 0 })
      #expect(try await echo.get(echoRequest("b")).text == "b")
    }
  }

  @Test func nothingListeningIsUnavailable() async throws {
    // A port bound but not listening refuses connections, and no other test can take it meanwhile.
    let refusing = try ReservedPort()
    defer { refusing.release() }
    let echo = Simpeg_Echo_V1_EchoService.Client(
      wrapping: try RPCClient(host: "127.0.0.1", port: refusing.port))
    let error = await #expect(throws: RPCError.self) { _ = try await echo.get(echoRequest("")) }
    #expect(error?.code == .unavailable)
  }

  @Test(arguments: Transport.allCases)
  func requestLargerThanTheServersFrameLimitFailsLocally(over transport: Transport) async throws {
    try await withTestServer(transport: transport, configure: { $0.maxFrameSize = 64 * 1024 }) { server in
      let echo = try server.echo()
      let error = await #expect(throws: RPCError.self) {
        _ = try await echo.get(echoRequest("", payload: 100_000))
      }
      #expect(error?.code == .resourceExhausted)
      #expect(error?.message.contains("65536") == true)
      #expect(try await echo.get(echoRequest("small")).text == "small")
    }
  }

  @Test(arguments: Transport.allCases)
  func handlerErrorsReachTheClientWithTheirStatus(over transport: Transport) async throws {
    try await withTestServer(transport: transport, services: [ProbeService(probe: Probe())]) { server in
      let client = try server.client()
      let error = await #expect(throws: RPCError.self) {
        let _: Simpeg_Echo_V1_EchoResponse = try await client.unary(
          ProbeService.fail, request: echoRequest("123"))
      }
      #expect(error?.code == .notFound)
      #expect(error?.message == "no employee with NIP 123; check the number")
    }
  }

  @Test(arguments: Transport.allCases)
  func unexpectedHandlerErrorsBecomeInternalWithoutDetail(over transport: Transport) async throws {
    try await withTestServer(transport: transport, services: [ProbeService(probe: Probe())]) { server in
      let client = try server.client()
      let error = await #expect(throws: RPCError.self) {
        let _: Simpeg_Echo_V1_EchoResponse = try await client.unary(
          ProbeService.crash, request: echoRequest(""),
          options: CallOptions(metadata: Metadata(["request-id": "req-42"])))
      }
      #expect(error?.code == .internal)
      #expect(error?.message.contains("req-42") == true)
      #expect(error?.message.contains("SecretInternalFailure") == false)
    }
  }

  @Test(arguments: Transport.allCases)
  func interceptorsRefuseCallsAndEnrichTheContext(over transport: Transport) async throws {
    try await withTestServer(
      transport: transport, services: [ProbeService(probe: Probe())], interceptors: [GateInterceptor()]
    ) { server in
      let client = try server.client()
      let refused = await #expect(throws: RPCError.self) {
        let _: Simpeg_Echo_V1_EchoResponse = try await client.unary(
          ProbeService.whoAmI, request: echoRequest(""))
      }
      #expect(refused?.code == .unauthenticated)
      let response: Simpeg_Echo_V1_EchoResponse = try await client.unary(
        ProbeService.whoAmI, request: echoRequest(""),
        options: CallOptions(metadata: Metadata(["authorization": "let-me-in", "user": "siti"])))
      #expect(response.text == "siti")
    }
  }

  @Test(arguments: Transport.allCases)
  func unknownMethodReachesTheTypedClientAsUnimplemented(over transport: Transport) async throws {
    try await withTestServer(transport: transport) { server in
      let client = try server.client()
      let error = await #expect(throws: RPCError.self) {
        let _: Simpeg_Echo_V1_EchoResponse = try await client.unary(
          MethodDescriptor(service: "simpeg.v1.Nope", method: "Nothing", kind: .unary),
          request: echoRequest(""))
      }
      #expect(error?.code == .unimplemented)
    }
  }

  @Test(arguments: Transport.allCases)
  func callsSpreadOverSeveralConnections(over transport: Transport) async throws {
    try await withTestServer(transport: transport) { server in
      let echo = try server.echo { $0.connections = 4 }
      for index in 0..<8 { _ = try await echo.get(echoRequest("\(index)")) }
      #expect(server.server.openConnections == 4)
    }
  }
}

/// The order in which concurrent calls completed.
final class Completions: Sendable {
  private let state = NIOLockedValueBox<[Int]>([])
  func append(_ index: Int) { state.withLockedValue { $0.append(index) } }
  var order: [Int] { state.withLockedValue { $0 } }
}
