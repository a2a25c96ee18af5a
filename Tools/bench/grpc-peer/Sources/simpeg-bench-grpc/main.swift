import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import GRPCProtobuf
import SimpegBenchKit
import SimpegEcho
import SimpegRPC
import Synchronization

// simpeg-bench-grpc: the gRPC side of Tools/bench/rpc/run. The same command line as
// simpeg-bench-rpc (serve | drive --port P | both), the same messages and the same in-memory
// handler (SimpegEcho's EchoHandler), over gRPC's HTTP/2 transport.

typealias Request = Simpeg_Echo_V1_EchoRequest
typealias Response = Simpeg_Echo_V1_EchoResponse

let getMethod = GRPCCore.MethodDescriptor(
  fullyQualifiedService: "simpeg.echo.v1.EchoService", method: "Get")

/// Serves EchoService/Get by calling the very handler simpeg's benchmark serves.
struct EchoOverGRPC: RegistrableRPCService {
  let handler = EchoHandler()

  func registerMethods<Transport: ServerTransport>(with router: inout GRPCCore.RPCRouter<Transport>) {
    let handler = self.handler
    router.registerHandler(
      forMethod: getMethod, deserializer: ProtobufDeserializer<Request>(),
      serializer: ProtobufSerializer<Response>()
    ) { request, context in
      let message = try await request.messages.first { _ in true }
      guard let message else { throw GRPCCore.RPCError(code: .invalidArgument, message: "no request") }
      let simpegContext = SimpegRPC.ServerContext(
        method: Simpeg_Echo_V1_EchoService.Method.Get.descriptor, metadata: SimpegRPC.Metadata(),
        peer: context.remotePeer, deadline: nil, callID: 0)
      let response = try await handler.get(request: message, context: simpegContext)
      return StreamingServerResponse(single: ServerResponse(message: response))
    }
  }
}

func serve() async throws {
  let server = GRPCServer(
    transport: .http2NIOPosix(
      address: .ipv4(host: "127.0.0.1", port: 0), transportSecurity: .plaintext),
    services: [EchoOverGRPC()])
  try await withThrowingDiscardingTaskGroup { group in
    group.addTask { try await server.serve() }
    guard let address = try await server.listeningAddress?.ipv4 else {
      throw GRPCCore.RPCError(code: .internalError, message: "no listening address")
    }
    emit("\(address.port)")
    // Serve until the parent closes our stdin, waiting on a thread of its own: grpc-swift-2 runs
    // its handlers on Swift's cooperative pool, which a blocking wait here would shrink.
    await OffPool.waitForStandardInputToClose()
    server.beginGracefulShutdown()
  }
}

/// A pool of gRPC clients, one connection each, used round robin.
final class ClientPool: Sendable {
  let clients: [GRPCClient<HTTP2ClientTransport.Posix>]
  private let next = CallBudget(Int.max)

  init(port: Int, connections: Int) throws {
    clients = try (0..<connections).map { _ in
      GRPCClient(
        transport: try .http2NIOPosix(
          target: .ipv4(address: "127.0.0.1", port: port), transportSecurity: .plaintext))
    }
  }

  func call(_ request: Request, index: Int) async throws {
    let client = clients[index % clients.count]
    _ = try await client.unary(
      request: ClientRequest(message: request), descriptor: getMethod,
      serializer: ProtobufSerializer<Request>(), deserializer: ProtobufDeserializer<Response>(),
      options: .defaults
    ) { try $0.message }
  }
}

func drive(_ options: BenchOptions, port: Int) async throws {
  var message = Request()
  message.text = "kinerja"
  message.payload = Data(repeating: 0x41, count: options.payload)
  let request = message
  for line in options.header("gRPC (HTTP/2), unary echo") { emit(line) }
  for connections in options.connections {
    for concurrency in options.concurrency {
      let pool = try ClientPool(port: port, connections: connections)
      try await withThrowingDiscardingTaskGroup { group in
        for client in pool.clients { group.addTask { try await client.runConnections() } }
        for index in 0..<connections { try await pool.call(request, index: index) }
        let counter = RoundRobin()
        emit(
          try await options.measure(connections: connections, concurrency: concurrency) {
            try await pool.call(request, index: counter.next())
          })
        for client in pool.clients { client.beginGracefulShutdown() }
      }
    }
  }
}

/// Hands out 0, 1, 2, ... across tasks.
final class RoundRobin: Sendable {
  private let counter = Synchronization.Atomic<Int>(0)
  func next() -> Int { counter.wrappingAdd(1, ordering: .relaxed).oldValue }
}

BenchMain.serveOrDrive(serve: { try await serve() }, drive: { try await drive($0, port: $1) })
