import SimpegRPC

/// The echo service's in-memory handler: what the runtime's tests and the RPC benchmarks serve.
///
/// It does no I/O, so a benchmark of it measures the protocol and runtime alone.
public struct EchoHandler: Simpeg_Echo_V1_EchoService.Handler {
  /// Creates the handler.
  public init() {}

  /// Returns the request's text and payload, after `delay_millis` if set.
  public func get(
    request: Simpeg_Echo_V1_EchoRequest, context: ServerContext
  ) async throws -> Simpeg_Echo_V1_EchoResponse {
    if request.delayMillis > 0 {
      try await Task.sleep(for: .milliseconds(Int(request.delayMillis)))
    }
    var response = Simpeg_Echo_V1_EchoResponse()
    response.text = request.text
    response.payload = request.payload
    return response
  }

  /// Sends `count` responses, each the text with its index.
  public func expand(
    request: Simpeg_Echo_V1_EchoRequest, response: ResponseWriter<Simpeg_Echo_V1_EchoResponse>,
    context: ServerContext
  ) async throws {
    for index in 0..<request.count {
      if request.delayMillis > 0 {
        try await Task.sleep(for: .milliseconds(Int(request.delayMillis)))
      }
      var message = Simpeg_Echo_V1_EchoResponse()
      message.text = request.text
      message.index = index
      message.payload = request.payload
      try await response.write(message)
    }
  }

  /// Joins the texts of every request, separated by spaces.
  public func collect(
    requests: RequestStream<Simpeg_Echo_V1_EchoRequest>, context: ServerContext
  ) async throws -> Simpeg_Echo_V1_EchoResponse {
    var texts: [String] = []
    for try await request in requests {
      texts.append(request.text)
    }
    var response = Simpeg_Echo_V1_EchoResponse()
    response.text = texts.joined(separator: " ")
    response.index = UInt32(texts.count)
    return response
  }

  /// Answers each request as it arrives, numbering the answers.
  public func update(
    requests: RequestStream<Simpeg_Echo_V1_EchoRequest>,
    response: ResponseWriter<Simpeg_Echo_V1_EchoResponse>,
    context: ServerContext
  ) async throws {
    var index: UInt32 = 0
    for try await request in requests {
      var message = Simpeg_Echo_V1_EchoResponse()
      message.text = request.text
      message.index = index
      message.payload = request.payload
      index += 1
      try await response.write(message)
    }
  }
}
