/// A write request as the writer thread sees it, whatever its result type.
protocol PendingWrite: AnyObject, Sendable {
  /// Runs the request's closure; returns whether it succeeded (its result is kept for later).
  func run(_ transaction: WriteTransaction) -> Bool
  /// Resumes the caller: with the kept result when `failure` is nil, with `failure` otherwise.
  func complete(failure: StoreError?)
}

/// One caller's write closure and the continuation that resumes the caller after the commit.
final class WriteRequest<Result: Sendable>: PendingWrite, @unchecked Sendable {
  // Safe to share: the request is created by the caller and handed to the writer thread through
  // the writer's queue, which is guarded by a lock (the handoff orders the memory accesses). After
  // that only the writer thread touches `outcome` and resumes the continuation, exactly once.
  private let body: @Sendable (WriteTransaction) throws -> Result
  private let continuation: CheckedContinuation<Result, any Error>
  private var outcome: Swift.Result<Result, any Error>?

  init(
    body: @escaping @Sendable (WriteTransaction) throws -> Result,
    continuation: CheckedContinuation<Result, any Error>
  ) {
    self.body = body
    self.continuation = continuation
  }

  func run(_ transaction: WriteTransaction) -> Bool {
    do {
      outcome = .success(try body(transaction))
      return true
    } catch {
      outcome = .failure(error)
      return false
    }
  }

  func complete(failure: StoreError?) {
    if let failure {
      continuation.resume(throwing: failure)
    } else if let outcome {
      continuation.resume(with: outcome)
    } else {
      continuation.resume(throwing: StoreError(.lmdb, "the write request never ran"))
    }
  }
}
