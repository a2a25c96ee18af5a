import AsyncAlgorithms
import HTTPTypes
import Hummingbird
import NIOCore
import SimpegAPI
import SimpegRPC

/// Serves `GET /events/<name>`: a server stream of simpegd as Server-Sent Events.
///
/// The request message is the `message` query parameter (protobuf JSON, percent-encoded;
/// omitted for the empty message). `Last-Event-ID` (sent by a reconnecting `EventSource`), or
/// the `lastEventId` parameter for a page that kept the id itself, resumes after that sequence.
/// Each response is one event whose data is its JSON and whose id is its sequence; the stream's
/// end is an `end` event carrying Connect's EndStreamResponse JSON (with `error` when it
/// failed), after which a page should close its `EventSource`. While idle the stream gets a
/// comment every `event-heartbeat`. When the gateway drains, streams close without an `end`
/// event, so browsers reconnect and resume.
struct EventStreamHandler: Sendable {
  let core: GatewayCore

  /// The response to `request` for the stream `name`, and the outcome to count it under.
  func respond(
    to request: Request, context: WebRequestContext, identity: RequestIdentity, name: Substring
  ) async -> (Response, String) {
    guard let stream = core.events[name] else {
      let failure = ConnectFailure(
        RPCError(
          .notFound,
          "there is no event stream '\(name)'; the streams are "
            + core.events.names.map { "/events/\($0)" }.joined(separator: ", ")))
      return (core.errorResponse(failure), "not_found")
    }
    guard request.method == .get else {
      let failure = ConnectFailure(
        RPCError(.unimplemented, "open event streams with GET (EventSource does)"),
        status: .methodNotAllowed)
      return (core.errorResponse(failure), "unimplemented")
    }
    var credential = Credential.anonymous
    do {
      credential = try Credential.of(request.headers)
      let verdict = try core.crossOrigin.verdict(
        headers: request.headers, authority: request.head.authority, credential: credential)
      try await core.sessions.check(
        credential, method: stream.descriptor.fullName, requestID: identity.requestID)
      let parameters = QueryParameters(request.uri.query ?? "")
      var binary: ByteBuffer
      do {
        binary = try stream.input.binary(
          from: ByteBuffer(string: parameters["message"] ?? ""), encoding: .json,
          ignoreUnknownFields: request.headers[GatewayHeaders.ignoreUnknownFields]?.lowercased() == "true")
      } catch {
        throw RequestDecodingProblem.error(error, messageName: stream.input.messageName, encoding: .json)
      }
      let lastEventID = request.headers[GatewayHeaders.lastEventID] ?? parameters["lastEventId"]
      if let lastEventID {
        guard let after = ServerSentEvents.sequence(fromLastEventID: lastEventID) else {
          throw RPCError(
            .invalidArgument,
            "Last-Event-ID must be the sequence of the last event seen (a whole number), not '\(lastEventID)'"
          )
        }
        do {
          binary = try stream.resume(binary, after)
        } catch {
          throw RPCError(.invalidArgument, "the stream's request cannot resume from \(after)")
        }
      }
      let options = try core.callOptions(
        headers: request.headers, credential: credential, identity: identity, timeout: nil)
      var headers = core.crossOrigin.responseHeaders(for: verdict)
      headers[.contentType] = "text/event-stream"
      headers[.cacheControl] = "no-store"
      headers[GatewayHeaders.accelBuffering] = "no"
      let channel = context.channel
      let core = self.core
      let body = binary
      return (
        Response(
          status: .ok, headers: headers,
          body: ResponseBody { writer in
            try await writer.write(ServerSentEvents.opening(retry: .seconds(3)))
            _ = try await core.metrics.countingStream(kind: "events") {
              try await StreamPump.run(
                into: &writer, connection: channel, drain: core.drain,
                heartbeat: (ServerSentEvents.heartbeat, core.configuration.eventHeartbeat)
              ) { chunks in
                await Self.pump(stream, request: body, options: options, core: core, into: chunks)
              }
            }
            try await writer.finish(nil)
          }),
        "ok"
      )
    } catch {
      let failure = ConnectFailure(Upstream.rpcError(error))
      return (
        core.errorResponse(failure, credential: credential, identity: identity),
        ConnectCode.name(failure.error.code)
      )
    }
  }

  /// Calls simpegd and sends each response as an event into `chunks`, then the `end` event.
  private static func pump(
    _ stream: EventStream, request: ByteBuffer, options: CallOptions, core: GatewayCore,
    into chunks: AsyncChannel<ByteBuffer>
  ) async {
    await core.upstream.relay(
      stream.descriptor, request: request, options: options, into: chunks,
      frame: { message in
        do {
          return ServerSentEvents.event(
            id: try stream.sequence(message), data: try stream.output.encoded(message, as: .json))
        } catch {
          throw RPCError(.internal, "simpegd's event does not decode as \(stream.output.messageName)")
        }
      },
      end: { error, metadata in
        ServerSentEvents.event(
          id: nil, type: "end",
          data: ByteBuffer(string: core.errors.endStream(error: error, metadata: metadata)))
      })
  }
}
