import Foundation
import NIOCore

/// The text of Server-Sent Events (the WHATWG HTML standard, "Server-sent events").
enum ServerSentEvents {
  /// The first bytes of a stream: how long a browser waits before reconnecting.
  static func opening(retry: Duration) -> ByteBuffer {
    let (seconds, attoseconds) = retry.components
    let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
    return ByteBuffer(string: "retry: \(milliseconds)\n: simpeg\n\n")
  }

  /// A comment that keeps an idle stream open through proxies; browsers ignore it.
  static let heartbeat = ByteBuffer(string: ": keep-alive\n\n")

  /// An event: `id` when the message has a sequence, `event` when it is not the default
  /// `message` type, and `data` (one line each; JSON from the gateway has no line breaks).
  static func event(id: UInt64?, type: String? = nil, data: ByteBuffer) -> ByteBuffer {
    var buffer = ByteBuffer()
    buffer.reserveCapacity(data.readableBytes + 48)
    if let id, id > 0 { buffer.writeString("id: \(id)\n") }
    if let type { buffer.writeString("event: \(type)\n") }
    var remaining = data.readableBytesView[...]
    repeat {
      let line = remaining.prefix { $0 != UInt8(ascii: "\n") }
      buffer.writeString("data: ")
      buffer.writeBytes(line)
      buffer.writeString("\n")
      remaining = remaining.dropFirst(line.count + 1)
    } while !remaining.isEmpty
    buffer.writeString("\n")
    return buffer
  }

  /// A `Last-Event-ID` (or `lastEventId` parameter) as a sequence; nil when absent or not a
  /// whole number.
  static func sequence(fromLastEventID value: String?) -> UInt64? {
    guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
    return UInt64(value)
  }
}
