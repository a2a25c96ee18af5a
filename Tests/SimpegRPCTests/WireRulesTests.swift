import NIOCore
import SimpegEcho
import SwiftProtobuf
import Testing

@testable import SimpegRPC

/// Breaks the rules of PROTOCOL.md on purpose against a live server and checks each gets a
/// clear error, a close where the connection cannot go on, and no effect on other connections.
@Suite struct WireRulesTests {
  static let get = "simpeg.echo.v1.EchoService/Get"

  @Test(arguments: Transport.allCases)
  func oversizedFrameIsRefusedFromItsHeaderAlone(over transport: Transport) async throws {
    try await withTestServer(transport: transport, configure: { $0.maxFrameSize = 64 * 1024 }) { server in
      let raw = try await RawConnection.handshake(to: server)
      var header = ByteBuffer()
      header.writeFrameHeader(type: FrameType.message.rawValue, flags: 0, callID: 1, length: 100_000_000)
      try await raw.send(header)  // no payload follows
      let (goAway, closed) = try await raw.expectGoAway()
      #expect(goAway.error == .frameTooLarge)
      #expect(goAway.message.contains("65536"))
      #expect(closed)
    }
  }

  @Test(arguments: Transport.allCases)
  func unknownFrameTypeEndsTheConnectionWithProtocolError(over transport: Transport) async throws {
    try await withTestServer(transport: transport) { server in
      let raw = try await RawConnection.handshake(to: server)
      var bytes = ByteBuffer()
      bytes.writeFrameHeader(type: 0x7F, flags: 0, callID: 1, length: 0)
      try await raw.send(bytes)
      let (goAway, closed) = try await raw.expectGoAway()
      #expect(goAway.error == .protocolError)
      #expect(goAway.message.contains("unknown frame type"))
      #expect(closed)
    }
  }

  @Test(arguments: Transport.allCases)
  func callIDReusedWhileInFlightEndsTheConnection(over transport: Transport) async throws {
    let probe = Probe()
    try await withTestServer(transport: transport, services: [EchoHandler(), ProbeService(probe: probe)]) {
      server in
      let raw = try await RawConnection.handshake(to: server)
      try await raw.sendCall(5, method: ProbeService.hold.fullName, request: echoRequest("a"))
      #expect(await eventually { probe.count("hold.started") == 1 })
      try await raw.sendCall(5, method: Self.get)
      let (goAway, closed) = try await raw.expectGoAway()
      #expect(goAway.error == .protocolError)
      #expect(goAway.message.contains("call id 5"))
      #expect(goAway.lastCallID == 5)
      #expect(closed)
      #expect(await eventually { probe.count("hold.cancelled") == 1 })
    }
  }

  @Test(arguments: Transport.allCases)
  func undecodableCallHeaderFailsOnlyThatCall(over transport: Transport) async throws {
    try await withTestServer(transport: transport) { server in
      let raw = try await RawConnection.handshake(to: server)
      try await raw.sendFrame(.call, callID: 1, payload: ByteBuffer(bytes: [0xFF, 0xFF, 0xFF]))
      let trailer = try raw.trailer(try #require(try await raw.nextFrame(.trailer)))
      #expect(trailer.code == .invalidArgument)
      #expect(trailer.message.contains("call header does not decode"))
      // The connection goes on.
      try await raw.sendCall(3, method: Self.get, request: echoRequest("masih hidup"))
      let message = try #require(try await raw.nextFrame(.message))
      #expect(try Simpeg_Echo_V1_EchoResponse(buffer: message.payload).text == "masih hidup")
      #expect(try raw.trailer(try #require(try await raw.nextFrame(.trailer))).code == .ok)
    }
  }

  @Test(arguments: Transport.allCases)
  func unknownMethodIsUnimplemented(over transport: Transport) async throws {
    try await withTestServer(transport: transport) { server in
      let raw = try await RawConnection.handshake(to: server)
      try await raw.sendCall(1, method: "simpeg.v1.NoSuchService/Nothing", request: echoRequest(""))
      let trailer = try raw.trailer(try #require(try await raw.nextFrame(.trailer)))
      #expect(trailer.code == .unimplemented)
      #expect(trailer.message.contains("simpeg.v1.NoSuchService/Nothing"))
    }
  }

  @Test(arguments: Transport.allCases)
  func wrongMagicIsRefusedWithBadPreface(over transport: Transport) async throws {
    try await withTestServer(transport: transport) { server in
      let raw = try await RawConnection.connect(to: server)
      try await raw.send(Array("GET / HTTP/1.1\r\n\r\n".utf8))
      guard case .preface = try await raw.next() else {
        Issue.record("the server did not send its preface before refusing")
        return
      }
      let (goAway, closed) = try await raw.expectGoAway()
      #expect(goAway.error == .badPreface)
      #expect(closed)
    }
  }

  @Test(arguments: Transport.allCases)
  func unsupportedVersionIsRefusedNamingBothVersions(over transport: Transport) async throws {
    try await withTestServer(transport: transport) { server in
      let raw = try await RawConnection.connect(to: server)
      var buffer = ByteBuffer()
      buffer.writePreface(version: 9)
      try await raw.send(buffer)
      guard case .preface(let version) = try await raw.next() else {
        Issue.record("the server did not send its preface first")
        return
      }
      #expect(version == WireProtocol.version)
      let (goAway, closed) = try await raw.expectGoAway()
      #expect(goAway.error == .unsupportedVersion)
      #expect(goAway.message.contains("version 9"))
      #expect(closed)
    }
  }

  @Test(arguments: Transport.allCases)
  func firstFrameOtherThanSettingsIsAProtocolError(over transport: Transport) async throws {
    try await withTestServer(transport: transport) { server in
      let raw = try await RawConnection.connect(to: server)
      var buffer = ByteBuffer()
      buffer.writePreface()
      try await raw.send(buffer)
      try await raw.sendCall(1, method: Self.get)
      let (goAway, _) = try await raw.expectGoAway()
      #expect(goAway.error == .protocolError)
      #expect(goAway.message.contains("SETTINGS"))
    }
  }

  @Test(arguments: Transport.allCases)
  func messageForACallNeverOpenedIsAProtocolError(over transport: Transport) async throws {
    try await withTestServer(transport: transport) { server in
      let raw = try await RawConnection.handshake(to: server)
      try await raw.sendFrame(.message, callID: 9, payload: ByteBuffer())
      let (goAway, _) = try await raw.expectGoAway()
      #expect(goAway.error == .protocolError)
      #expect(goAway.message.contains("never opened"))
    }
  }

  @Test(arguments: Transport.allCases)
  func trailerFromAClientIsAProtocolError(over transport: Transport) async throws {
    try await withTestServer(transport: transport) { server in
      let raw = try await RawConnection.handshake(to: server)
      try await raw.sendFrame(.trailer, callID: 1, payload: ByteBuffer())
      let (goAway, _) = try await raw.expectGoAway()
      #expect(goAway.error == .protocolError)
    }
  }

  @Test(arguments: Transport.allCases)
  func pingIsAnsweredWithTheSameBytes(over transport: Transport) async throws {
    try await withTestServer(transport: transport) { server in
      let raw = try await RawConnection.handshake(to: server)
      let bytes = ByteBuffer(bytes: [1, 2, 3, 4, 5, 6, 7, 8])
      try await raw.sendFrame(.ping, callID: 0, payload: bytes)
      let pong = try #require(try await raw.nextFrame(.ping))
      #expect(pong.flags.contains(.ack))
      #expect(pong.payload == bytes)
    }
  }

  @Test(arguments: Transport.allCases)
  func secondRequestOnAUnaryCallFailsTheCall(over transport: Transport) async throws {
    try await withTestServer(transport: transport) { server in
      let raw = try await RawConnection.handshake(to: server)
      var header = Simpeg_Rpc_V1_CallHeader()
      header.method = Self.get
      try await raw.sendFrame(.call, callID: 1, payload: try header.serializedBuffer())
      let body = try echoRequest("a").serializedBuffer()
      try await raw.sendFrame(.message, callID: 1, payload: body)
      try await raw.sendFrame(.message, callID: 1, payload: body)
      let trailer = try raw.trailer(try #require(try await raw.nextFrame(.trailer)))
      #expect(trailer.code == .invalidArgument)
      #expect(trailer.message.contains("exactly one request"))
    }
  }

  @Test(arguments: Transport.allCases)
  func unaryEndedWithoutRequestFailsTheCall(over transport: Transport) async throws {
    try await withTestServer(transport: transport) { server in
      let raw = try await RawConnection.handshake(to: server)
      var header = Simpeg_Rpc_V1_CallHeader()
      header.method = Self.get
      try await raw.sendFrame(.call, flags: .endStream, callID: 1, payload: try header.serializedBuffer())
      let trailer = try raw.trailer(try #require(try await raw.nextFrame(.trailer)))
      #expect(trailer.code == .invalidArgument)
    }
  }

  @Test(arguments: Transport.allCases)
  func messagePastCreditFailsTheCallWithResourceExhausted(over transport: Transport) async throws {
    let probe = Probe()
    try await withTestServer(transport: transport, services: [ProbeService(probe: probe)]) { server in
      let raw = try await RawConnection.handshake(to: server)
      var header = Simpeg_Rpc_V1_CallHeader()
      header.method = ProbeService.ignore.fullName
      try await raw.sendFrame(.call, callID: 1, payload: try header.serializedBuffer())
      // The handler never reads, so no credit returns: 40 KiB twice spends the 64 KiB window.
      let body = try echoRequest("", payload: 40_000).serializedBuffer()
      for _ in 0..<3 { try await raw.sendFrame(.message, callID: 1, payload: body) }
      let trailer = try raw.trailer(try #require(try await raw.nextFrame(.trailer)))
      #expect(trailer.code == .resourceExhausted)
      #expect(trailer.message.contains("credit"))
    }
  }

  @Test(arguments: Transport.allCases)
  func aResponseLargerThanTheClientsFramesEndsTheCallSayingWhatFrameSizeItNeeds(
    over transport: Transport
  ) async throws {
    try await withTestServer(transport: transport) { server in
      var settings = Simpeg_Rpc_V1_Settings()
      settings.maxFrameSize = 16_384
      let raw = try await RawConnection.handshake(to: server, settings: settings)
      try await raw.sendCall(1, method: Self.get, request: echoRequest("", payload: 20_000))
      let status = try raw.trailer(try #require(try await raw.nextFrame(.trailer)))
      #expect(status.code == .resourceExhausted)
      #expect(status.message.contains("max frame size of 16384 bytes"), "\(status.message)")
      #expect(status.message.contains("max_frame_size of at least 200"), "\(status.message)")
      raw.close()
    }
  }

  @Test(arguments: Transport.allCases)
  func oversizedCallHeaderIsRefused(over transport: Transport) async throws {
    try await withTestServer(transport: transport) { server in
      let raw = try await RawConnection.handshake(to: server)
      var header = Simpeg_Rpc_V1_CallHeader()
      header.method = Self.get
      var entry = Simpeg_Rpc_V1_MetadataEntry()
      entry.key = "x-padding"
      entry.text = String(repeating: "a", count: 20_000)
      header.metadata = [entry]
      try await raw.sendFrame(.call, callID: 1, payload: try header.serializedBuffer())
      let trailer = try raw.trailer(try #require(try await raw.nextFrame(.trailer)))
      #expect(trailer.code == .resourceExhausted)
      #expect(trailer.message.contains("metadata"))
    }
  }

  @Test(arguments: Transport.allCases)
  func tooManyConcurrentCallsGetResourceExhausted(over transport: Transport) async throws {
    let probe = Probe()
    try await withTestServer(
      transport: transport, services: [EchoHandler(), ProbeService(probe: probe)],
      configure: { $0.maxConcurrentCallsPerConnection = 2 }
    ) { server in
      let raw = try await RawConnection.handshake(to: server)
      try await raw.sendCall(1, method: ProbeService.hold.fullName, request: echoRequest(""))
      try await raw.sendCall(2, method: ProbeService.hold.fullName, request: echoRequest(""))
      try await raw.sendCall(3, method: Self.get, request: echoRequest(""))
      let trailer = try #require(try await raw.nextFrame(.trailer))
      #expect(trailer.callID == 3)
      let status = try raw.trailer(trailer)
      #expect(status.code == .resourceExhausted)
      #expect(status.message.contains("limit"))
      raw.close()
    }
  }

  @Test(arguments: Transport.allCases)
  func connectionsOverTheLimitAreRefused(over transport: Transport) async throws {
    try await withTestServer(transport: transport, configure: { $0.maxConnections = 1 }) { server in
      let first = try await RawConnection.handshake(to: server)
      let second = try await RawConnection.connect(to: server)
      guard case .preface = try await second.next() else {
        Issue.record("no preface before the refusal")
        return
      }
      let (goAway, closed) = try await second.expectGoAway()
      #expect(goAway.error == .tooManyConnections)
      #expect(closed)
      // The first connection is unaffected.
      try await first.sendCall(1, method: Self.get, request: echoRequest("ok"))
      #expect(try first.trailer(try #require(try await first.nextFrame(.trailer))).code == .ok)
    }
  }

  @Test(arguments: Transport.allCases)
  func unansweredPingClosesTheConnection(over transport: Transport) async throws {
    try await withTestServer(
      transport: transport,
      configure: {
        $0.keepaliveInterval = .milliseconds(100)
        $0.keepaliveTimeout = .milliseconds(200)
      }
    ) { server in
      let raw = try await RawConnection.handshake(to: server)
      let ping = try #require(try await raw.nextFrame(.ping))
      #expect(!ping.flags.contains(.ack))
      let (goAway, closed) = try await raw.expectGoAway()
      #expect(goAway.error == .keepaliveTimeout)
      #expect(closed)
    }
  }

  @Test(arguments: Transport.allCases)
  func connectionWithoutItsPrefaceAndSettingsInTimeIsClosed(over transport: Transport) async throws {
    try await withTestServer(transport: transport, configure: { $0.handshakeTimeout = .seconds(5) }) {
      server in
      // A complete handshake is not affected and stays open past the timeout. A call answered
      // on it proves the server has read its preface and settings, however loaded the machine.
      let other = try await RawConnection.handshake(to: server)
      try await other.sendCall(1, method: Self.get, request: echoRequest("handshake done"))
      #expect(try other.trailer(try #require(try await other.nextFrame(.trailer))).code == .ok)
      // Half a preface, then nothing: a slow sender. On a machine loaded enough to delay this
      // task past the timeout, the server has closed the connection before the bytes go out,
      // which is the rule under test too.
      let raw = try await RawConnection.connect(to: server)
      do {
        try await raw.send(Array("SIMP".utf8))
        let (goAway, closed) = try await raw.expectGoAway()
        #expect(goAway.error == .protocolError)
        #expect(goAway.message.contains("in time"))
        #expect(closed)
      } catch let error as ChannelError where error == .ioOnClosedChannel {
        #expect(await eventually { server.server.openConnections == 1 })
      }
      try await other.sendCall(3, method: Self.get, request: echoRequest("still here"))
      #expect(try other.trailer(try #require(try await other.nextFrame(.trailer))).code == .ok)
    }
  }

  @Test(arguments: Transport.allCases)
  func manyIdleConnectionsAreEachClosedByTheirIdleTimer(over transport: Transport) async throws {
    try await withTestServer(transport: transport, configure: { $0.idleTimeout = .milliseconds(500) }) {
      server in
      var connections: [RawConnection] = []
      for _ in 0..<200 { connections.append(try await RawConnection.handshake(to: server)) }
      // Each is closed by its own idle timer.
      for connection in connections {
        let (goAway, closed) = try await connection.expectGoAway()
        #expect(goAway.error == .noError)
        #expect(closed)
      }
      #expect(await eventually { server.server.openConnections == 0 })
      // A new connection gets a timer of its own again.
      let again = try await RawConnection.handshake(to: server)
      let (goAway, _) = try await again.expectGoAway()
      #expect(goAway.message.contains("idle"))
    }
  }

  @Test(arguments: Transport.allCases)
  func callAfterGoAwayGetsUnavailableWhileInFlightCallsFinish(over transport: Transport) async throws {
    let probe = Probe()
    try await withTestServer(transport: transport, services: [EchoHandler(), ProbeService(probe: probe)]) {
      server in
      let raw = try await RawConnection.handshake(to: server)
      try await raw.sendCall(1, method: ProbeService.gate.fullName, request: echoRequest("in flight"))
      #expect(await eventually { probe.count("gate.waiting") == 1 })
      server.server.beginGracefulShutdown()
      let goAwayFrame = try #require(try await raw.nextFrame(.goAway))
      let goAway = try Simpeg_Rpc_V1_GoAway(buffer: goAwayFrame.payload)
      #expect(goAway.error == .noError)
      #expect(goAway.lastCallID == 1)
      try await raw.sendCall(3, method: Self.get, request: echoRequest("late"))
      let refused = try #require(try await raw.nextFrame(.trailer))
      #expect(refused.callID == 3)
      #expect(try raw.trailer(refused).code == .unavailable)
      probe.hit("gate.open")
      let finished = try #require(try await raw.nextFrame(.trailer))
      #expect(finished.callID == 1)
      #expect(try raw.trailer(finished).code == .ok)
      #expect(try await raw.waitForClose())
    }
  }

  @Test(arguments: Transport.allCases)
  func malformedConnectionDoesNotDisturbAWellBehavedOne(over transport: Transport) async throws {
    try await withTestServer(transport: transport) { server in
      let echo = try server.echo()
      _ = try await echo.get(echoRequest("warm"))
      for _ in 0..<20 {
        let raw = try await RawConnection.handshake(to: server)
        var bytes = ByteBuffer()
        bytes.writeFrameHeader(type: 0x66, flags: 0, callID: 1, length: 3)
        bytes.writeBytes([1, 2, 3])
        try await raw.send(bytes)
        _ = try await raw.expectGoAway()
        #expect(try await echo.get(echoRequest("still fine")).text == "still fine")
      }
    }
  }
}
