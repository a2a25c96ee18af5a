import SimpegStore
import Testing

/// A small deterministic generator so property runs are reproducible.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Checks, for every pair of values, that the encoded byte order is the value order.
func expectOrderPreserved<Key: StoreKey>(_ values: [Key], by less: (Key, Key) -> Bool) {
  var failures = 0
  for (index, lhs) in values.enumerated() {
    let rhs = values[(index * 7 + 3) % values.count]
    let byValue = less(lhs, rhs)
    let byBytes = lhs.encodedKey.lexicographicallyPrecedes(rhs.encodedKey)
    if byValue != byBytes {
      failures += 1
      if failures < 5 { Issue.record("order differs for \(lhs) and \(rhs)") }
    }
  }
  // Sorting by bytes must equal sorting by value, which checks all neighbours too.
  let byBytes = values.sorted { $0.encodedKey.lexicographicallyPrecedes($1.encodedKey) }.map(\.encodedKey)
  let byValue = values.sorted(by: less).map(\.encodedKey)
  #expect(byBytes == byValue)
}

func randomString(_ generator: inout SplitMix64) -> String {
  let alphabet: [Character] = ["a", "b", "z", "A", "\u{0}", "\u{1}", "é", "ž", "\u{7F}", "日", " ", "~"]
  let length = Int(generator.next() % 6)
  return String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
}

@Suite("Key codec")
struct KeyCodecTests {
  @Test func unsignedIntegersEncodeInValueOrder() {
    var generator = SplitMix64(state: 1)
    var values: [UInt64] = [0, 1, 255, 256, UInt64.max, UInt64.max - 1]
    for _ in 0..<2000 { values.append(generator.next() >> (generator.next() % 64)) }
    expectOrderPreserved(values, by: <)
  }

  @Test func signedIntegersEncodeInValueOrderAcrossZero() {
    var generator = SplitMix64(state: 2)
    var values: [Int64] = [Int64.min, -1, 0, 1, Int64.max, Int64.min + 1]
    for _ in 0..<2000 { values.append(Int64(bitPattern: generator.next()) >> Int64(generator.next() % 63)) }
    expectOrderPreserved(values, by: <)
    var small: [Int32] = [Int32.min, -1, 0, 1, Int32.max]
    for _ in 0..<500 { small.append(Int32(truncatingIfNeeded: Int64(bitPattern: generator.next()))) }
    expectOrderPreserved(small, by: <)
  }

  @Test func orderedStringsEncodeInUTF8OrderIncludingEmbeddedZeros() {
    var generator = SplitMix64(state: 3)
    var values = ["", "a", "a\u{0}", "a\u{0}\u{0}", "ab", "b", "\u{0}"]
    for _ in 0..<2000 { values.append(randomString(&generator)) }
    expectOrderPreserved(values) { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }

  @Test func compositeKeysEncodeInTupleOrder() {
    var generator = SplitMix64(state: 4)
    var values: [CompositeKey2<String, Int64>] = []
    for _ in 0..<2000 {
      values.append(CompositeKey2(randomString(&generator), Int64(bitPattern: generator.next()) >> 60))
    }
    expectOrderPreserved(values) { lhs, rhs in
      if lhs.first != rhs.first { return lhs.first.utf8.lexicographicallyPrecedes(rhs.first.utf8) }
      return lhs.second < rhs.second
    }
  }

  @Test func everyKeyTypeRoundTrips() throws {
    var generator = SplitMix64(state: 5)
    for _ in 0..<500 {
      let unsigned = generator.next()
      let signed = Int64(bitPattern: generator.next())
      let text = randomString(&generator)
      #expect(try UInt64(decoding: unsigned.encodedKey) == unsigned)
      #expect(
        try UInt32(decoding: UInt32(truncatingIfNeeded: unsigned).encodedKey)
          == UInt32(truncatingIfNeeded: unsigned))
      #expect(try Int64(decoding: signed.encodedKey) == signed)
      #expect(try Int(decoding: Int(signed).encodedKey) == Int(signed))
      #expect(
        try Int16(decoding: Int16(truncatingIfNeeded: signed).encodedKey) == Int16(truncatingIfNeeded: signed)
      )
      #expect(try String(decoding: text.encodedKey) == text)
      #expect(try LengthPrefixedString(decoding: LengthPrefixedString(text).encodedKey).value == text)
      let triple = CompositeKey3(text, signed, LengthPrefixedString(text))
      let decoded = try CompositeKey3<String, Int64, LengthPrefixedString>(decoding: triple.encodedKey)
      #expect(decoded == triple)
      let raw = RawKeyBytes([UInt8](text.utf8))
      #expect(
        try CompositeKey2<UInt8, RawKeyBytes>(decoding: CompositeKey2(UInt8(7), raw).encodedKey).second == raw
      )
    }
    #expect(try Bool(decoding: true.encodedKey) == true)
  }

  @Test func stringPrefixIsABytePrefixOfEveryStringStartingWithIt() {
    var generator = SplitMix64(state: 6)
    for _ in 0..<1000 {
      let head = randomString(&generator)
      let tail = randomString(&generator)
      let prefix = KeyPrefix.stringPrefix(head).bytes
      #expect((head + tail).encodedKey.starts(with: prefix))
    }
  }

  @Test func malformedKeyBytesFailToDecode() {
    #expect(throws: KeyDecodingError.self) { try UInt64(decoding: [1, 2, 3]) }
    #expect(throws: KeyDecodingError.self) { try String(decoding: [0x61, 0x00]) }
    #expect(throws: KeyDecodingError.self) { try String(decoding: [0x61, 0x00, 0x07]) }
    #expect(throws: KeyDecodingError.self) { try UInt8(decoding: [1, 2]) }
    #expect(throws: KeyDecodingError.self) { try Bool(decoding: [2]) }
  }
}
