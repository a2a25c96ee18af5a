import NIOCore
import SimpegRPC

/// The "frames" fuzz target: untrusted bytes read as a client's side of a connection by the
/// frame decoder, the SETTINGS rules and the call-header decoder (``WireReader``).
///
/// The bytes are read twice, once whole and once in small slices as a network would deliver
/// them; both readings must yield the same items and stop at the same violation, and no reading
/// may crash. What a reading returns is a ``FuzzFinding`` when the two disagree.
public enum FrameFuzzing {
  /// Reads `bytes` whole and sliced and compares the readings.
  public static func run(_ bytes: [UInt8]) -> FuzzFinding? {
    let whole = read(bytes, slice: max(bytes.count, 1))
    let slice = 1 + bytes.count % 13
    let sliced = read(bytes, slice: slice)
    guard whole == sliced else {
      return FuzzFinding(
        "reading the bytes whole gave \(whole), in slices of \(slice) bytes \(sliced)")
    }
    return nil
  }

  /// What one reading yields: the items, then the violation that stopped it, if any.
  struct Reading: Equatable, CustomStringConvertible {
    var items: [WireReader.Item] = []
    var violation: WireReader.Violation?

    var description: String {
      "\(items.count) items \(items.map { "\($0)" }.joined(separator: ", "))"
        + (violation.map { " then violation \($0)" } ?? "")
    }
  }

  /// Feeds `bytes` to one reader `slice` bytes at a time, keeping what is not yet complete.
  static func read(_ bytes: [UInt8], slice: Int) -> Reading {
    var reader = WireReader()
    var reading = Reading()
    var pending = ByteBuffer()
    var offset = 0
    while offset < bytes.count {
      let end = min(offset + slice, bytes.count)
      pending.writeBytes(bytes[offset..<end])
      offset = end
      do {
        while let item = try reader.next(&pending) { reading.items.append(item) }
      } catch {
        reading.violation = error
        return reading
      }
      pending.discardReadBytes()
    }
    return reading
  }
}

/// Something a fuzz target found wrong without crashing: the fuzzer aborts on it, a replay test
/// records it as an issue.
public struct FuzzFinding: Error, Sendable, CustomStringConvertible {
  /// What was wrong.
  public let description: String

  /// A finding saying `description`.
  public init(_ description: String) {
    self.description = description
  }
}
