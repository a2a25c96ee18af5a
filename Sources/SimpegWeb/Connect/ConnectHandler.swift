import AsyncAlgorithms
import HTTPTypes
import Hummingbird
import NIOCore
import SimpegAPI
import SimpegRPC

/// Serves a Connect call: unary over POST or GET, server and client streams over POST with
/// enveloped messages (connectrpc.com/docs/protocol), each passed to simpegd as one call.
struct ConnectHandler: Sendable {
  let core: GatewayCore

  /// The response to `request` for `procedure`, and the outcome to count it under.
  func respond(
    to request: Request, context: WebRequestContext, identity: RequestIdentity, procedure: Procedure
  ) async -> (Response, String) {
    let name = procedure.descriptor.fullName
    var credential = Credential.anonymous
    var verdict = CrossOriginPolicy.Verdict.sameOrigin
    var streamEncoding: MessageEncoding?
    do {
      let spec = try ConnectCallSpec.read(
        method: request.method, headers: request.headers, query: request.uri.query,
        procedure: procedure)
      if case .stream = spec.shape { streamEncoding = spec.encoding }
      do {
        credential = try Credential.of(request.headers)
        verdict = try core.crossOrigin.verdict(
          headers: request.headers, authority: request.head.authority, credential: credential)
        try await core.sessions.check(credential, method: name, requestID: identity.requestID)
      } catch {
        throw ConnectFailure(error)
      }
      let call = Call(
        core: core, procedure: procedure, spec: spec, credential: credential, identity: identity,
        corsHeaders: core.crossOrigin.responseHeaders(for: verdict))
      switch spec.shape {
      case .unaryPost, .unaryGet:
        return try await call.unary(request: request, context: context)
      case .stream:
        return try await call.stream(request: request, context: context)
      }
    } catch {
      let (failure, closing): (ConnectFailure, Bool) =
        switch error {
        case let failure as ConnectFailure: (failure, false)
        case let refusal as BodyReader.Refusal: (ConnectFailure(refusal.error), true)
        default: (ConnectFailure(Upstream.rpcError(error)), false)
        }
      var response: Response
      if let streamEncoding {
        // A stream's errors travel in its end-of-stream message, under HTTP 200.
        response = streamErrorResponse(
          failure.error, encoding: streamEncoding, credential: credential, identity: identity)
      } else {
        response = core.errorResponse(failure, credential: credential, identity: identity)
      }
      response.headers.append(contentsOf: core.crossOrigin.responseHeaders(for: verdict))
      if closing { response = core.closingConnection(after: response, channel: context.channel) }
      return (response, ConnectCode.name(failure.error.code))
    }
  }

  /// A stream's answer that is only its end, with `error`.
  private func streamErrorResponse(
    _ error: RPCError, encoding: MessageEncoding, credential: Credential, identity: RequestIdentity
  ) -> Response {
    var headers: HTTPFields = [
      .contentType: encoding == .json ? "application/connect+json" : "application/connect+proto",
      .cacheControl: "no-store",
    ]
    if error.code == .unauthenticated, credential.isFromCookie {
      headers[.setCookie] = SessionCookie.clearing(secure: core.cookieIsSecure(for: identity))
    }
    let end = Envelope.framed(
      ByteBuffer(string: core.errors.endStream(error: error, metadata: error.metadata)),
      flags: Envelope.endStreamFlag)
    return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: end))
  }

}

/// One call in flight, with everything its request said.
private struct Call: Sendable {
  let core: GatewayCore
  let procedure: Procedure
  let spec: ConnectCallSpec
  let credential: Credential
  let identity: RequestIdentity
  let corsHeaders: HTTPFields

  private var name: String { procedure.descriptor.fullName }

  private func options(_ headers: HTTPFields, timeout: Duration?) throws(ConnectFailure) -> CallOptions {
    do {
      return try core.callOptions(
        headers: headers, credential: credential, identity: identity, timeout: timeout)
    } catch {
      throw ConnectFailure(error)
    }
  }

  private func decodeRequest(_ body: ByteBuffer) throws(ConnectFailure) -> ByteBuffer {
    do {
      return try procedure.input.binary(
        from: body, encoding: spec.encoding, ignoreUnknownFields: spec.ignoreUnknownFields)
    } catch {
      throw ConnectFailure(
        RequestDecodingProblem.error(
          error, messageName: procedure.input.messageName, encoding: spec.encoding))
    }
  }

  private func encodeResponse(_ message: ByteBuffer) throws(RPCError) -> ByteBuffer {
    do {
      return try procedure.output.encoded(message, as: spec.encoding)
    } catch {
      throw RPCError(
        .internal, "simpegd's response does not decode as \(procedure.output.messageName)")
    }
  }

  // MARK: Unary

  func unary(request: Request, context: WebRequestContext) async throws -> (Response, String) {
    let body: ByteBuffer
    switch spec.shape {
    case .unaryGet(let message): body = message
    default:
      body = try await BodyReader.collect(
        request.body, limit: core.configuration.maxMessageSize,
        timeout: core.configuration.bodyTimeout)
    }
    let binary = try decodeRequest(body)
    let options = try options(
      request.headers, timeout: spec.timeout ?? core.configuration.defaultCallTimeout)
    let response: SerializedResponse
    let encoded: ByteBuffer
    do {
      response = try await core.upstream.unary(procedure.descriptor, request: binary, options: options)
      encoded = try encodeResponse(response.message)
    } catch {
      throw ConnectFailure(error)
    }
    var headers = CallMetadata.trailerHeaders(response.trailingMetadata)
    headers.append(contentsOf: corsHeaders)
    headers[.contentType] = spec.encoding == .json ? "application/json" : "application/proto"
    headers[.cacheControl] = "no-store"
    afterSuccess(&headers)
    return (Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: encoded)), "ok")
  }

  /// What a successful call teaches the gateway of its session.
  private func afterSuccess(_ headers: inout HTTPFields) {
    guard let token = credential.sessionToken else { return }
    switch name {
    case Simpeg_V1_AuthService.Method.ChangePassword.descriptor.fullName:
      core.sessions.remember(token: token, mustChangePassword: false)
    case Simpeg_V1_AuthService.Method.Logout.descriptor.fullName:
      core.sessions.forget(token: token)
      if credential.isFromCookie {
        headers[.setCookie] = SessionCookie.clearing(secure: core.cookieIsSecure(for: identity))
      }
    default:
      break
    }
  }

  // MARK: Streams

  func stream(request: Request, context: WebRequestContext) async throws -> (Response, String) {
    var headers = corsHeaders
    headers[.contentType] =
      spec.encoding == .json ? "application/connect+json" : "application/connect+proto"
    headers[.cacheControl] = "no-store"
    headers[GatewayHeaders.accelBuffering] = "no"
    let timeout = spec.timeout
    if procedure.descriptor.kind.clientStreams {
      let chunks = await clientStream(request: request, timeout: timeout)
      return (
        Response(status: .ok, headers: headers, body: ResponseBody(contentsOf: chunks.buffers)),
        chunks.outcome
      )
    }
    let body = try await BodyReader.collect(
      request.body, limit: core.configuration.maxMessageSize + Envelope.headerLength,
      timeout: core.configuration.bodyTimeout)
    let single = try Self.singleEnvelope(body, limit: core.configuration.maxMessageSize)
    let binary = try decodeRequest(single)
    let options = try options(request.headers, timeout: timeout)
    let channel = context.channel
    let call = self
    let response = Response(
      status: .ok, headers: headers,
      body: ResponseBody { writer in
        try await call.core.metrics.countingStream(kind: "connect") {
          let ending = try await StreamPump.run(
            into: &writer, connection: channel, drain: call.core.drain
          ) { chunks in
            await call.pumpServerStream(request: binary, options: options, into: chunks)
          }
          if ending == .draining {
            let error = RPCError(
              .unavailable, "the gateway is shutting down; call again to continue")
            try await writer.write(call.endStream(error: error, metadata: Metadata()))
          }
        }
        try await writer.finish(nil)
      })
    return (response, "ok")
  }

  /// Calls simpegd and sends each response, then the end of the stream, into `chunks`.
  private func pumpServerStream(
    request: ByteBuffer, options: CallOptions, into chunks: AsyncChannel<ByteBuffer>
  ) async {
    await core.upstream.relay(
      procedure.descriptor, request: request, options: options, into: chunks,
      frame: { Envelope.framed(try encodeResponse($0)) },
      end: { endStream(error: $0, metadata: $1) })
  }

  /// The EndStreamResponse envelope.
  func endStream(error: RPCError?, metadata: Metadata) -> ByteBuffer {
    Envelope.framed(
      ByteBuffer(string: core.errors.endStream(error: error, metadata: metadata)),
      flags: Envelope.endStreamFlag)
  }

  /// The message of a body that must hold exactly one envelope.
  static func singleEnvelope(_ body: ByteBuffer, limit: Int) throws(ConnectFailure) -> ByteBuffer {
    var reader = EnvelopeReader(maxMessageSize: limit)
    reader.append(body)
    do throws(RPCError) {
      guard let envelope = try reader.next() else {
        throw RPCError(
          .invalidArgument,
          "a server stream takes exactly one request message in an envelope (a flags byte, a "
            + "4-byte big-endian length, the message); the body holds none")
      }
      guard try reader.next() == nil else {
        throw RPCError(
          .invalidArgument, "a server stream takes exactly one request message; the body holds more")
      }
      try reader.finish()
      return envelope.message
    } catch {
      throw ConnectFailure(error)
    }
  }

  /// Runs a client stream: the body's envelopes go to simpegd as they arrive; the answer is
  /// the response envelope and the end of the stream, or the end of the stream with the error.
  private func clientStream(request: Request, timeout: Duration?) async -> (
    buffers: [ByteBuffer], outcome: String
  ) {
    let limit = core.configuration.maxMessageSize
    let totalLimit = core.configuration.maxStreamSize
    let deadline = timeout ?? core.configuration.defaultCallTimeout
    let body = request.body
    let call = self
    do throws(any Error) {
      let options = try options(request.headers, timeout: deadline)
      let response = try await BodyReader.withTimeout(deadline) {
        try await call.core.upstream.clientStreaming(call.procedure.descriptor, options: options) {
          writer in
          var reader = EnvelopeReader(maxMessageSize: limit)
          var total = 0
          for try await part in body {
            total += part.readableBytes
            // Errors leave as RPCErrors, which the upstream call passes on as they are.
            guard total <= totalLimit else {
              throw BodyReader.tooLarge(totalLimit, setting: "max-stream-size")
            }
            reader.append(part)
            while let envelope = try reader.next() {
              let binary: ByteBuffer
              do throws(ConnectFailure) {
                binary = try call.decodeRequest(envelope.message)
              } catch {
                throw error.error
              }
              try await writer.write(binary)
            }
          }
          try reader.finish()
        }
      }
      let encoded = try encodeResponse(response.message)
      return ([Envelope.framed(encoded), endStream(error: nil, metadata: response.trailingMetadata)], "ok")
    } catch {
      let failure: RPCError
      switch error {
      case let refusal as BodyReader.Refusal: failure = refusal.error
      case let connect as ConnectFailure: failure = connect.error
      default: failure = Upstream.rpcError(error)
      }
      return ([endStream(error: failure, metadata: failure.metadata)], ConnectCode.name(failure.code))
    }
  }
}
