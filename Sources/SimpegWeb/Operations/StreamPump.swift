import AsyncAlgorithms
import Hummingbird
import NIOConcurrencyHelpers
import NIOCore

/// Moves the chunks of a long response (a Connect stream, an event stream) from a producer to
/// the HTTP response, one at a time, until the producer ends, the client goes away or the
/// gateway drains.
///
/// The producer runs in a task of its own and hands each chunk over through a channel that
/// holds one chunk: it waits while the client reads slowly, so simpegd's flow control, not the
/// gateway's memory, absorbs a slow reader. A client that closes its connection ends the pump at
/// once, and the producer's task is cancelled, which cancels its call to simpegd.
enum StreamPump {
  /// Why a pump stopped.
  enum Ending: Sendable, Equatable {
    /// The producer finished.
    case finished
    /// The client's connection closed.
    case clientGone
    /// The gateway began draining.
    case draining
  }

  /// Pumps what `produce` sends into `writer`, with `heartbeat` written every
  /// `heartbeatInterval` while nothing else is; returns why it stopped. The caller then writes
  /// whatever ends the response and finishes the writer.
  static func run(
    into writer: inout any ResponseBodyWriter, connection: any Channel, drain: DrainSignal,
    heartbeat: (chunk: ByteBuffer, interval: Duration)? = nil,
    produce: @escaping @Sendable (AsyncChannel<ByteBuffer>) async -> Void
  ) async throws -> Ending {
    let chunks = AsyncChannel<ByteBuffer>()
    let ending = NIOLockedValueBox<Ending?>(nil)
    let stop: @Sendable (Ending) -> Void = { reason in
      ending.withLockedValue { if $0 == nil { $0 = reason } }
      chunks.finish()
    }
    connection.closeFuture.whenComplete { _ in stop(.clientGone) }
    let registration = drain.onDrain { stop(.draining) }
    defer { registration.cancel() }
    try await withThrowingTaskGroup(of: Void.self) { group in
      group.addTask {
        await produce(chunks)
        stop(.finished)
      }
      if let heartbeat {
        group.addTask {
          while !Task.isCancelled {
            try await Task.sleep(for: heartbeat.interval)
            await chunks.send(heartbeat.chunk)
          }
        }
      }
      for await chunk in chunks {
        try await writer.write(chunk)
      }
      group.cancelAll()
    }
    return ending.withLockedValue { $0 } ?? .finished
  }
}
