import Hummingbird
import NIOCore
import SimpegRPC

/// Reads request bodies within the gateway's limits: no more than a size, all of it within a
/// time of the head. A body over either limit is refused, and the gateway closes the connection
/// after the refusal, so the rest of a huge or trickling body is never read.
enum BodyReader {
  /// Why a body was refused.
  struct Refusal: Error, Sendable {
    /// The error for the client.
    let error: RPCError
  }

  /// The whole body, at most `limit` bytes, each piece arriving within `timeout` of the head.
  ///
  /// The time is checked as each piece arrives, which costs no timer: a body that trickles in
  /// is refused at its first piece past `timeout`, and one that stops altogether is cut off by
  /// the connection's idle timeout, which counts silence inside a request too.
  static func collect(_ body: RequestBody, limit: Int, timeout: Duration) async throws(Refusal)
    -> ByteBuffer
  {
    let deadline = ContinuousClock.now + timeout
    var collected = ByteBuffer()
    do {
      for try await part in body {
        guard collected.readableBytes + part.readableBytes <= limit else {
          throw Refusal(error: tooLarge(limit, setting: "max-message-size"))
        }
        guard ContinuousClock.now <= deadline else { throw Refusal(error: tooSlow(timeout)) }
        var part = part
        collected.writeBuffer(&part)
      }
    } catch let refusal as Refusal {
      throw refusal
    } catch {
      throw Refusal(error: RPCError(.cancelled, "the request body was not received"))
    }
    return collected
  }

  /// Runs `operation`, which reads a body, and refuses the body when it takes over `timeout`:
  /// `operation` is then cancelled.
  static func withTimeout<T: Sendable>(
    _ timeout: Duration, _ operation: @escaping @Sendable () async throws -> T
  ) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
      group.addTask { try await operation() }
      group.addTask {
        try await Task.sleep(for: timeout)
        return nil
      }
      defer { group.cancelAll() }
      guard let first = try await group.next(), let result = first else {
        throw Refusal(error: tooSlow(timeout))
      }
      return result
    }
  }

  /// The refusal of a body over `limit` bytes, naming the `setting` that sets it.
  static func tooLarge(_ limit: Int, setting: String) -> RPCError {
    RPCError(
      .resourceExhausted,
      "the request body is larger than the gateway's limit of \(limit) bytes (\(setting)); send less")
  }

  /// The refusal of a body that took over `timeout`.
  static func tooSlow(_ timeout: Duration) -> RPCError {
    RPCError(
      .deadlineExceeded,
      "the request body did not arrive within \(timeout) of its head; send it faster or in "
        + "smaller requests")
  }
}
