/// Fixed values of the wire protocol (Schema/PROTOCOL.md, "Constants").
public enum WireProtocol {
  /// The protocol version this implementation speaks.
  public static let version: UInt16 = 1
  /// The eight bytes every preface starts with: `SIMPEG\r\n`.
  public static let magic: [UInt8] = Array("SIMPEG\r\n".utf8)
  /// The preface: the magic followed by a big-endian 16-bit version.
  public static let prefaceLength = 10
  /// The fixed frame header: length (4), type (1), flags (1), call id (4).
  public static let frameHeaderLength = 10
  /// The default and usual largest frame payload: 4 MiB.
  public static let defaultMaxFrameSize: UInt32 = 4 * 1024 * 1024
  /// No peer may announce a smaller largest frame payload than this.
  public static let minimumMaxFrameSize: UInt32 = 16 * 1024
  /// The default credit a sender holds on a new call, in bytes of MESSAGE payload.
  public static let defaultInitialCallWindow: UInt32 = 64 * 1024
  /// The default limit of calls in flight on one connection.
  public static let defaultMaxConcurrentCalls: UInt32 = 100
  /// The default largest CALL frame payload (call header with metadata).
  public static let defaultMaxCallHeaderSize: UInt32 = 16 * 1024
  /// The largest credit a call may hold: 2^31 - 1 bytes.
  public static let maximumCredit: Int64 = Int64(Int32.max)
}
