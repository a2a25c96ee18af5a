import SimpegAPI
import SimpegRPC
import Testing

/// Expects `body` to fail with `code` and a message mentioning every one of `fragments`;
/// returns the error for further checks.
@discardableResult
func expectStatus<T>(
  _ code: StatusCode, mentioning fragments: [String] = [],
  sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> T
) async -> RPCError? {
  do {
    _ = try await body()
    Issue.record("expected \(code.name), but the call succeeded", sourceLocation: sourceLocation)
    return nil
  } catch let error as RPCError {
    #expect(error.code == code, "got \(error)", sourceLocation: sourceLocation)
    for fragment in fragments {
      #expect(
        error.message.contains(fragment), "'\(error.message)' does not mention '\(fragment)'",
        sourceLocation: sourceLocation)
    }
    return error
  } catch {
    Issue.record("expected \(code.name), got \(error)", sourceLocation: sourceLocation)
    return nil
  }
}

extension Result where Failure == any Error {
  /// The outcome of an async throwing call.
  init(_ body: () async throws -> Success) async {
    do {
      self = .success(try await body())
    } catch {
      self = .failure(error)
    }
  }
}
