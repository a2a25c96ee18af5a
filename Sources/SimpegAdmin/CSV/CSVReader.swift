import Foundation

/// Reads CSV as spreadsheets and regional SIMPEG exports write it (RFC 4180, leniently): UTF-8
/// with or without a byte order mark; lines ending in CRLF, LF or CR; fields separated by
/// commas or, as Excel writes them in an Indonesian locale, semicolons (detected from the
/// header line); fields in double quotes may hold separators, quotes (doubled) and line
/// breaks. Blank lines are skipped. A quote inside an unquoted field is kept as it is.
public struct CSVReader: Sendable {
  /// The field separator.
  public var separator: UInt8

  /// A reader with the given separator (`,` or `;`).
  public init(separator: UInt8 = UInt8(ascii: ",")) {
    self.separator = separator
  }

  /// The separator of `data`: a semicolon when the first line has more semicolons than commas
  /// outside quotes, a comma otherwise.
  public static func detectSeparator(in data: Data) -> UInt8 {
    var commas = 0
    var semicolons = 0
    var quoted = false
    for byte in data {
      if byte == UInt8(ascii: "\"") {
        quoted.toggle()
      } else if !quoted {
        if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
        if byte == UInt8(ascii: ",") { commas += 1 }
        if byte == UInt8(ascii: ";") { semicolons += 1 }
      }
    }
    return semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",")
  }

  /// The records of `data`.
  public func records(in data: Data) throws(CSVError) -> [CSVRecord] {
    var bytes = [UInt8](data)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    guard String(validating: bytes, as: UTF8.self) != nil else {
      throw CSVError(
        line: Self.firstInvalidLine(bytes),
        "the file is not UTF-8 text; save it as \"CSV UTF-8\" (in Excel: Save As, CSV UTF-8)")
    }
    var records: [CSVRecord] = []
    var fields: [String] = []
    var field: [UInt8] = []
    var line = 1
    var recordLine = 1
    var index = 0
    var atFieldStart = true
    var inQuotes = false
    var quoteLine = 1
    var wasQuoted = false

    func endField() {
      fields.append(String(decoding: field, as: UTF8.self))
      field.removeAll(keepingCapacity: true)
      atFieldStart = true
      wasQuoted = false
    }
    func endRecord() {
      let quoted = wasQuoted
      endField()
      if quoted || !(fields.count == 1 && fields[0].isEmpty) {
        records.append(CSVRecord(line: recordLine, fields: fields))
      }
      fields.removeAll(keepingCapacity: true)
    }

    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      if inQuotes {
        if byte == UInt8(ascii: "\"") {
          if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
            field.append(byte)
            index += 1
          } else {
            inQuotes = false
            wasQuoted = true
          }
        } else {
          let endsLine =
            byte == UInt8(ascii: "\n")
            || (byte == UInt8(ascii: "\r") && (index >= bytes.count || bytes[index] != UInt8(ascii: "\n")))
          if endsLine { line += 1 }
          field.append(byte)
        }
        continue
      }
      switch byte {
      case separator:
        endField()
      case UInt8(ascii: "\r"), UInt8(ascii: "\n"):
        if byte == UInt8(ascii: "\r"), index < bytes.count, bytes[index] == UInt8(ascii: "\n") { index += 1 }
        endRecord()
        line += 1
        recordLine = line
      case UInt8(ascii: "\"") where atFieldStart:
        inQuotes = true
        quoteLine = line
        atFieldStart = false
      default:
        if wasQuoted {
          if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { continue }
          throw CSVError(
            line: line, "a quoted field goes on after its closing quote; double a quote inside quotes (\"\")")
        }
        field.append(byte)
        atFieldStart = false
      }
    }
    if inQuotes {
      throw CSVError(line: quoteLine, "a quoted field starting here never ends: its closing quote is missing")
    }
    if !fields.isEmpty || !field.isEmpty || wasQuoted { endRecord() }
    return records
  }

  private static func firstInvalidLine(_ bytes: [UInt8]) -> Int {
    var line = 1
    var start = 0
    for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
      if String(validating: bytes[start..<index], as: UTF8.self) == nil { return line }
      line += 1
      start = index + 1
    }
    return line
  }
}
