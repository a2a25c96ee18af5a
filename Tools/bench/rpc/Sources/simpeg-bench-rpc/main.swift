import Foundation
import NIOCore
import NIOPosix
import SimpegBenchKit
import SimpegEcho
import SimpegRPC

// simpeg-bench-rpc: unary echo throughput and latency of the simpeg protocol.
//
//   simpeg-bench-rpc serve                 serve the in-memory echo handler on a free loopback port
//                                          and print the port on stdout
//   simpeg-bench-rpc drive --port P [--seconds S] [--concurrency 1,16,256] [--connections 1,4]
//                                          drive a running server and print one row per cell
//     [--callgrind-pid PID --callgrind-out FILE [--calls N]]
//                                          the server runs under callgrind: count its instructions
//                                          over N calls per cell instead (CallgrindProbe)
//   simpeg-bench-rpc                       start `serve` as a child process, drive it, stop it
//
// Client and server run in separate processes on the same machine, as in production. Nothing
// here blocks a thread of Swift's cooperative pool (OffPool).

func serve() async throws -> Never {
  var configuration = ServerConfiguration(host: "127.0.0.1", port: 0)
  configuration.maxConcurrentCallsPerConnection = 1024
  let server = RPCServer(configuration: configuration, services: [EchoHandler()])
  try await server.start()
  emit("\(server.localAddress!.port!)")
  await OffPool.waitForStandardInputToClose()
  await server.shutdown(grace: .seconds(1))
  exit(0)
}

func drive(_ options: BenchOptions, port: Int) async throws {
  var message = Simpeg_Echo_V1_EchoRequest()
  message.text = "kinerja"
  message.payload = Data(repeating: 0x41, count: options.payload)
  let request = message
  for line in options.header("simpeg protocol, unary echo") { emit(line) }
  for connections in options.connections {
    for concurrency in options.concurrency {
      var configuration = ClientConfiguration()
      configuration.connections = connections
      let client = try RPCClient(host: "127.0.0.1", port: port, configuration: configuration)
      let echo = Simpeg_Echo_V1_EchoService.Client(wrapping: client)
      // Open every connection before measuring.
      for _ in 0..<connections { _ = try await echo.get(request) }
      emit(
        try await options.measure(connections: connections, concurrency: concurrency) {
          _ = try await echo.get(request)
        })
      await client.close()
    }
  }
}

BenchMain.serveOrDrive(serve: { try await serve() }, drive: { try await drive($0, port: $1) })
