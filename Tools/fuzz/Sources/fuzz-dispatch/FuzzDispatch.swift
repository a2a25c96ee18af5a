import Foundation
import SimpegFuzzTargets

/// The harness every execution shares, opened on the first input.
nonisolated(unsafe) private var harness: DispatchFuzzing?

/// Runs `body` to completion from libFuzzer's synchronous thread.
private func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
  let done = DispatchSemaphore(value: 0)
  nonisolated(unsafe) var result: Result<T, any Error>?
  Task {
    do { result = .success(try await body()) } catch { result = .failure(error) }
    done.signal()
  }
  done.wait()
  return try result!.get()
}

/// libFuzzer's entry: one input for the "dispatch" target; a finding aborts. With
/// `SIMPEG_FUZZ_WRITE_SEEDS=<folder>` in the environment it writes the seed corpus instead.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDispatch(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  if let folder = ProcessInfo.processInfo.environment["SIMPEG_FUZZ_WRITE_SEEDS"] {
    do {
      try FuzzSeeds.write(to: folder)
      print("wrote the seed corpus under \(folder)")
      exit(0)
    } catch {
      fatalError("cannot write the seeds: \(error)")
    }
  }
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  do {
    let current: DispatchFuzzing
    if let harness {
      current = harness
    } else {
      current = try blocking { try await DispatchFuzzing(sampleSeed: 1) }
      harness = current
    }
    if let finding = try blocking({ await current.run(bytes) }) {
      fatalError("finding: \(finding)")
    }
  } catch {
    fatalError("the harness failed: \(error)")
  }
  return 0
}
