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

func emit(_ line: String) {
  FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

struct Options {
  var port: Int?
  var seconds = 3.0
  var concurrency = [1, 16, 64, 256]
  var connections = [1, 4]
  var payload = 64
  var tsv = false

  init(_ arguments: ArraySlice<String>) {
    var iterator = arguments.makeIterator()
    while let argument = iterator.next() {
      if argument == "--tsv" {
        tsv = true
        continue
      }
      let value = iterator.next() ?? ""
      switch argument {
      case "--port": port = Int(value)
      case "--seconds": seconds = Double(value) ?? seconds
      case "--concurrency": concurrency = value.split(separator: ",").compactMap { Int($0) }
      case "--connections": connections = value.split(separator: ",").compactMap { Int($0) }
      case "--payload": payload = Int(value) ?? payload
      default:
        FileHandle.standardError.write(Data("unknown option \(argument)\n".utf8))
        exit(2)
      }
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
    // Serve until the parent closes our stdin.
    while FileHandle.standardInput.availableData.count > 0 {}
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

func drive(_ options: Options, port: Int) async throws {
  var message = Request()
  message.text = "kinerja"
  message.payload = Data(repeating: 0x41, count: options.payload)
  let request = message
  if !options.tsv {
    emit("gRPC (HTTP/2), unary echo, \(options.payload)-byte payload, \(options.seconds) s per cell")
    emit("connections  concurrency      calls/s     p50 us     p99 us   errors")
  }
  for connections in options.connections {
    for concurrency in options.concurrency {
      let pool = try ClientPool(port: port, connections: connections)
      try await withThrowingDiscardingTaskGroup { group in
        for client in pool.clients { group.addTask { try await client.runConnections() } }
        for index in 0..<connections { try await pool.call(request, index: index) }
        let counter = RoundRobin()
        let run = LoadRun(
          concurrency: concurrency, duration: .milliseconds(Int(options.seconds * 1000)),
          warmup: .milliseconds(500), maxCalls: 50_000_000)
        let result = await run.run { try await pool.call(request, index: counter.next()) }
        emit(
          String(
            format: options.tsv ? "%d\t%d\t%.0f\t%d\t%d\t%d" : "%11d  %11d  %11.0f  %9d  %9d  %7d",
            connections, concurrency, result.callsPerSecond, result.micros(50), result.micros(99),
            result.errors))
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

let arguments = CommandLine.arguments
switch arguments.dropFirst().first {
case "serve":
  try await serve()
case "drive":
  let options = Options(arguments.dropFirst(2))
  guard let port = options.port else {
    FileHandle.standardError.write(Data("drive needs --port\n".utf8))
    exit(2)
  }
  try await drive(options, port: port)
default:
  FileHandle.standardError.write(Data("usage: simpeg-bench-grpc serve | drive --port P [...]\n".utf8))
  exit(2)
}
