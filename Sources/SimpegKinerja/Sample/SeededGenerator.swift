/// A small, fast, seedable pseudo-random generator (xoshiro256**, seeded through SplitMix64).
///
/// The same seed gives the same sequence on every platform and Swift version: the sample data,
/// tests and load generators depend on it. It is not cryptographic. The helpers draw with their
/// own arithmetic rather than the standard library's `random(in:using:)`, whose algorithm is not
/// promised to stay the same across releases.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var state: (UInt64, UInt64, UInt64, UInt64)

  /// Creates a generator whose whole sequence is fixed by `seed`.
  public init(seed: UInt64) {
    var splitMix = seed
    func nextSplitMix() -> UInt64 {
      splitMix &+= 0x9E37_79B9_7F4A_7C15
      var z = splitMix
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    state = (nextSplitMix(), nextSplitMix(), nextSplitMix(), nextSplitMix())
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    let result = rotateLeft(state.1 &* 5, 7) &* 9
    let shifted = state.1 << 17
    state.2 ^= state.0
    state.3 ^= state.1
    state.1 ^= state.2
    state.0 ^= state.3
    state.2 ^= shifted
    state.3 = rotateLeft(state.3, 45)
    return result
  }

  /// A uniform integer in `0..<bound` (bound > 0), without modulo bias (Lemire's method).
  public mutating func uniform(below bound: Int) -> Int {
    precondition(bound > 0, "the bound must be positive")
    let range = UInt64(bound)
    var product = next().multipliedFullWidth(by: range)
    if product.low < range {
      let threshold = (0 &- range) % range
      while product.low < threshold { product = next().multipliedFullWidth(by: range) }
    }
    return Int(product.high)
  }

  /// A uniform integer in `range`.
  public mutating func int(in range: ClosedRange<Int>) -> Int {
    range.lowerBound + uniform(below: range.count)
  }

  /// True with probability `percent`/100.
  public mutating func chance(percent: Int) -> Bool {
    uniform(below: 100) < percent
  }

  /// A uniformly chosen element of a non-empty collection.
  public mutating func pick<C: RandomAccessCollection>(_ elements: C) -> C.Element {
    precondition(!elements.isEmpty, "cannot pick from an empty collection")
    return elements[elements.index(elements.startIndex, offsetBy: uniform(below: elements.count))]
  }

  /// Shuffles an array in place (Fisher-Yates).
  public mutating func shuffle<T>(_ array: inout [T]) {
    guard array.count > 1 else { return }
    for index in stride(from: array.count - 1, to: 0, by: -1) {
      array.swapAt(index, uniform(below: index + 1))
    }
  }

  private func rotateLeft(_ value: UInt64, _ count: UInt64) -> UInt64 {
    (value << count) | (value >> (64 - count))
  }
}
