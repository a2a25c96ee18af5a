/// The status of a finished call, with gRPC's numbering (0-16) and meaning.
///
/// Every call ends with exactly one status, carried in the TRAILER frame. Codes a client can
/// usefully retry are ``unavailable`` and ``resourceExhausted``; ``isRetryable`` says so.
public struct StatusCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
  /// The numeric code as it travels on the wire.
  public let rawValue: UInt8

  /// Creates a code from its wire value; `nil` when it is not one of gRPC's 0-16.
  public init?(rawValue: UInt8) {
    guard rawValue <= 16 else { return nil }
    self.rawValue = rawValue
  }

  private init(_ value: UInt8) { self.rawValue = value }

  /// The call succeeded.
  public static let ok = StatusCode(0)
  /// The call was cancelled, usually by the caller.
  public static let cancelled = StatusCode(1)
  /// An error with no better code.
  public static let unknown = StatusCode(2)
  /// The request is wrong whatever the state of the system (a malformed field, a bad NIP).
  public static let invalidArgument = StatusCode(3)
  /// The deadline passed before the call finished.
  public static let deadlineExceeded = StatusCode(4)
  /// The thing asked for does not exist.
  public static let notFound = StatusCode(5)
  /// The thing to create exists already.
  public static let alreadyExists = StatusCode(6)
  /// The caller is known but may not do this.
  public static let permissionDenied = StatusCode(7)
  /// A limit was reached (calls, connections, disk); retrying later may succeed.
  public static let resourceExhausted = StatusCode(8)
  /// The system is not in a state that allows the call (e.g. moving an employee to a closed unit).
  public static let failedPrecondition = StatusCode(9)
  /// The call lost a race with another change; retrying the whole operation may succeed.
  public static let aborted = StatusCode(10)
  /// A value is past the valid range.
  public static let outOfRange = StatusCode(11)
  /// The server does not serve this method.
  public static let unimplemented = StatusCode(12)
  /// The server broke an invariant of its own.
  public static let `internal` = StatusCode(13)
  /// The server cannot take the call now (shutting down, unreachable); retry on a new connection.
  public static let unavailable = StatusCode(14)
  /// Data was lost or corrupted.
  public static let dataLoss = StatusCode(15)
  /// The call carries no valid credentials.
  public static let unauthenticated = StatusCode(16)

  private static let names = [
    "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND",
    "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED",
    "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
  ]

  /// The code's name in gRPC's spelling, e.g. `INVALID_ARGUMENT`.
  public var name: String { Self.names[Int(rawValue)] }

  /// The name, as ``name``.
  public var description: String { name }

  /// Every code, in numeric order.
  public static let allCases: [StatusCode] = (0...16).map { StatusCode(UInt8($0)) }

  /// Whether a client may retry the same call later and expect it to succeed.
  public var isRetryable: Bool { self == .unavailable || self == .resourceExhausted }

  /// Finds a code by its gRPC name (`NOT_FOUND`), case-insensitively.
  public init?(name: String) {
    guard let index = Self.names.firstIndex(of: name.uppercased()) else { return nil }
    self.rawValue = UInt8(index)
  }
}
