import Foundation
import NIOConcurrencyHelpers
import SimpegEcho

@testable import SimpegRPC

/// Records what handlers observed, for tests to check from outside.
final class Probe: Sendable {
  private let state = NIOLockedValueBox<[String: Int]>([:])

  func hit(_ name: String) { state.withLockedValue { $0[name, default: 0] += 1 } }
  func count(_ name: String) -> Int { state.withLockedValue { $0[name] ?? 0 } }
}

/// A service whose methods misbehave in ways tests need: wait until cancelled, stream without
/// end, never read, fail with a chosen error.
struct ProbeService: RPCService {
  static let service = "test.v1.ProbeService"
  static let hold = MethodDescriptor(service: service, method: "Hold", kind: .unary)
  static let flood = MethodDescriptor(service: service, method: "Flood", kind: .serverStreaming)
  static let ignore = MethodDescriptor(service: service, method: "Ignore", kind: .clientStreaming)
  static let fail = MethodDescriptor(service: service, method: "Fail", kind: .unary)
  static let crash = MethodDescriptor(service: service, method: "Crash", kind: .unary)
  static let whoAmI = MethodDescriptor(service: service, method: "WhoAmI", kind: .unary)
  static let gate = MethodDescriptor(service: service, method: "Gate", kind: .unary)

  struct Caller: ContextKey { typealias Value = String }

  let probe: Probe

  typealias Request = Simpeg_Echo_V1_EchoRequest
  typealias Response = Simpeg_Echo_V1_EchoResponse

  func registerMethods(with router: inout RPCRouter) {
    let probe = self.probe
    // Waits (up to a minute) until cancelled; records the cancellation.
    router.registerUnary(Self.hold) { (request: Request, context) -> Response in
      probe.hit("hold.started")
      do {
        try await Task.sleep(for: .seconds(60))
      } catch {
        probe.hit("hold.cancelled")
        throw error
      }
      return Response()
    }
    // Streams 1,000-byte messages until the writer blocks or the call ends (at most 100,000).
    router.registerServerStreaming(Self.flood) {
      (request: Request, writer: ResponseWriter<Response>, context) in
      var message = Response()
      message.payload = Data(repeating: 1, count: 1000)
      for index in 0..<100_000 {
        message.index = UInt32(index)
        try await writer.write(message)
        probe.hit("flood.written")
      }
    }
    // Never reads its requests; waits until cancelled.
    router.registerClientStreaming(Self.ignore) {
      (requests: RequestStream<Request>, context) -> Response in
      try await Task.sleep(for: .seconds(60))
      return Response()
    }
    // Answers once the test calls `probe.hit("gate.open")` (polled; at most a minute).
    router.registerUnary(Self.gate) { (request: Request, context) -> Response in
      probe.hit("gate.waiting")
      for _ in 0..<12_000 where probe.count("gate.open") == 0 {
        try await Task.sleep(for: .milliseconds(5))
      }
      var response = Response()
      response.text = request.text
      return response
    }
    router.registerUnary(Self.fail) { (request: Request, context) -> Response in
      throw RPCError(.notFound, "no employee with NIP \(request.text); check the number")
    }
    router.registerUnary(Self.crash) { (request: Request, context) -> Response in
      struct SecretInternalFailure: Error {}
      throw SecretInternalFailure()
    }
    router.registerUnary(Self.whoAmI) { (request: Request, context) -> Response in
      var response = Response()
      response.text = context[Caller.self] ?? "nobody"
      return response
    }
  }
}

/// Refuses calls without `authorization: let-me-in`, and names the caller for handlers.
struct GateInterceptor: ServerInterceptor {
  func intercept(
    context: ServerContext, next: @Sendable (ServerContext) async throws -> Void
  ) async throws {
    guard context.metadata["authorization"] == "let-me-in" else {
      throw RPCError(.unauthenticated, "send authorization metadata")
    }
    var context = context
    context[ProbeService.Caller.self] = context.metadata["user"] ?? "anonymous"
    try await next(context)
  }
}
