import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes to standard output and standard error without ever trapping: when the reader of a
/// pipe has gone (`simpeg-admin audit tail -n 1000 | head`), the process ends the way other
/// Unix tools do, by SIGPIPE (status 141 in a shell), instead of crashing.
public enum StandardStreams {
  /// Writes `text` to standard output.
  public static func out(_ text: String) { write(text, to: STDOUT_FILENO) }

  /// Writes `text` to standard error.
  public static func error(_ text: String) { write(text, to: STDERR_FILENO) }

  private static func write(_ text: String, to descriptor: Int32) {
    var text = text
    text.withUTF8 { bytes in
      var offset = 0
      while offset < bytes.count {
        #if canImport(Glibc)
          let count = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
        #else
          let count = Darwin.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
        #endif
        if count >= 0 {
          offset += count
          continue
        }
        if errno == EINTR { continue }
        if errno == EPIPE {
          signal(SIGPIPE, SIG_DFL)
          raise(SIGPIPE)
        }
        return
      }
    }
  }
}
