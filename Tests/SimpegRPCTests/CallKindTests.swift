import SimpegEcho
import SimpegRPC
import Testing

@Suite struct CallKindTests {
  @Test(arguments: Transport.allCases)
  func unaryCallReturnsTheHandlersResponse(over transport: Transport) async throws {
    try await withTestServer(transport: transport) { server in
      let echo = try server.echo()
      let response = try await echo.get(echoRequest("selamat pagi", payload: 100))
      #expect(response.text == "selamat pagi")
      #expect(response.payload.count == 100)
    }
  }

  @Test(arguments: Transport.allCases)
  func serverStreamingDeliversEveryResponseInOrder(over transport: Transport) async throws {
    try await withTestServer(transport: transport) { server in
      let echo = try server.echo()
      let indexes = try await echo.expand(echoRequest("x", count: 500)) { responses in
        var seen: [UInt32] = []
        for try await response in responses { seen.append(response.index) }
        return seen
      }
      #expect(indexes == Array(0..<500))
    }
  }

  @Test(arguments: Transport.allCases)
  func clientStreamingJoinsEveryRequest(over transport: Transport) async throws {
    try await withTestServer(transport: transport) { server in
      let echo = try server.echo()
      let response = try await echo.collect { writer in
        for word in ["kinerja", "pegawai", "kota", "salatiga"] {
          try await writer.write(echoRequest(word))
        }
      }
      #expect(response.text == "kinerja pegawai kota salatiga")
      #expect(response.index == 4)
    }
  }

  @Test(arguments: Transport.allCases)
  func clientStreamingWithNoRequestsEndsCleanly(over transport: Transport) async throws {
    try await withTestServer(transport: transport) { server in
      let response = try await server.echo().collect { _ in }
      #expect(response.text == "")
      #expect(response.index == 0)
    }
  }

  @Test(arguments: Transport.allCases)
  func bidirectionalStreamingAnswersEachRequest(over transport: Transport) async throws {
    try await withTestServer(transport: transport) { server in
      let echo = try server.echo()
      let texts = try await echo.update(
        requests: { writer in
          for index in 0..<200 { try await writer.write(echoRequest("m\(index)")) }
        },
        onResponse: { responses in
          var texts: [String] = []
          for try await response in responses { texts.append(response.text) }
          return texts
        })
      #expect(texts == (0..<200).map { "m\($0)" })
    }
  }

  @Test(arguments: Transport.allCases)
  func largeStreamsPassFlowControlBothWays(over transport: Transport) async throws {
    // 300 messages of 10 KiB each way: far more than one 64 KiB window, so credit must flow.
    try await withTestServer(transport: transport) { server in
      let echo = try server.echo()
      let total = try await echo.update(
        requests: { writer in
          for index in 0..<300 { try await writer.write(echoRequest("\(index)", payload: 10_240)) }
        },
        onResponse: { responses in
          var bytes = 0
          for try await response in responses { bytes += response.payload.count }
          return bytes
        })
      #expect(total == 300 * 10_240)
    }
  }
}
