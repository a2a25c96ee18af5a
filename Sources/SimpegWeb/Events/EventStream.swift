import NIOCore
import SimpegAPI
import SimpegRPC
import SwiftProtobuf

/// A server stream of simpegd offered to browsers as Server-Sent Events at `/events/<name>`,
/// resumable from a sequence: each event's `id` is its message's sequence, and a reconnecting
/// `EventSource` sends the last one as `Last-Event-ID`, from which the stream resumes with no
/// gap and no duplicate.
struct EventStream: Sendable {
  /// The path segment after `/events/`.
  let name: String
  /// The server-streaming method.
  let descriptor: MethodDescriptor
  /// The request message's codec (the `message` query parameter is its JSON).
  let input: MessageCodec
  /// The response message's codec (each event's data is its JSON).
  let output: MessageCodec
  /// The request, binary-encoded, changed to resume after a sequence.
  let resume: @Sendable (ByteBuffer, UInt64) throws -> ByteBuffer
  /// A response's sequence, 0 for events that have none (e.g. "caught up").
  let sequence: @Sendable (ByteBuffer) throws -> UInt64

  /// A resumable stream: `resume` sets the request to deliver what follows a sequence, and
  /// `sequence` reads a response's.
  static func resumable<Input: SwiftProtobuf.Message, Output: SwiftProtobuf.Message>(
    _ name: String, _ descriptor: MethodDescriptor,
    resume: @escaping @Sendable (inout Input, UInt64) -> Void,
    sequence: @escaping @Sendable (Output) -> UInt64
  ) -> EventStream {
    EventStream(
      name: name, descriptor: descriptor, input: MessageCodec(Input.self),
      output: MessageCodec(Output.self),
      resume: { binary, after in
        var request = try Input(buffer: binary)
        resume(&request, after)
        return try request.serializedBuffer()
      },
      sequence: { binary in sequence(try Output(buffer: binary)) })
  }
}

/// The event streams the gateway serves, by name.
struct EventStreamTable: Sendable {
  private let streams: [String: EventStream]

  /// A table of `streams`.
  init(_ streams: [EventStream]) {
    self.streams = Dictionary(streams.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
  }

  /// The stream named `name`.
  subscript(name: Substring) -> EventStream? { streams[String(name)] }

  /// The names, for messages.
  var names: [String] { streams.keys.sorted() }

  /// Every stream: one line each.
  static let catalogue = EventStreamTable([
    .resumable(
      "activities", Simpeg_V1_ActivityService.Method.WatchActivities.descriptor,
      resume: { (request: inout Simpeg_V1_WatchActivitiesRequest, after) in
        request.fromSequence = after
        request.startAtEnd = false
      },
      sequence: { (event: Simpeg_V1_ActivityEvent) in event.sequence }),
    .resumable(
      "inbox", Simpeg_V1_InboxService.Method.WatchInbox.descriptor,
      resume: { (request: inout Simpeg_V1_WatchInboxRequest, after) in request.fromSequence = after },
      // Not `sequence`: events of one change share it (see InboxEvent.resume_from).
      sequence: { (event: Simpeg_V1_InboxEvent) in event.resumeFrom }),
  ])
}
