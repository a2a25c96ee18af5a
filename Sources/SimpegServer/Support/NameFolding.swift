import Foundation

/// Folds names for search: lowercase, accents removed, runs of spaces and punctuation made one
/// space, so "Sri  Wahyuni" and "sri wahyuni" find the same employee.
enum NameFolding {
  static func searchKey(_ name: String) -> String {
    var folded = ""
    var pendingSpace = false
    for scalar in name.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
      if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
        if pendingSpace, !folded.isEmpty { folded.append(" ") }
        pendingSpace = false
        folded.unicodeScalars.append(scalar)
      } else if scalar.properties.generalCategory == .nonspacingMark {
        continue
      } else {
        pendingSpace = true
      }
    }
    return folded
  }
}
