import SimpegFuzzFrames

/// libFuzzer's entry: one input for the "frames" target; a finding aborts.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrames(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  if let finding = FrameFuzzing.run(bytes) {
    fatalError("finding: \(finding)")
  }
  return 0
}
