import SwiftProtobufPluginLibrary

/// Turns proto names into Swift names.
enum SwiftNaming {
  /// The Swift function name of an RPC method: `GetEmployee` -> `getEmployee`,
  /// `NIPCheck` -> `nipCheck`, with backticks around keywords.
  static func methodFunctionName(_ protoName: String) -> String {
    let characters = Array(protoName)
    var leadingUpper = 0
    while leadingUpper < characters.count, characters[leadingUpper].isUppercase {
      leadingUpper += 1
    }
    let lowerCount: Int
    if leadingUpper <= 1 || leadingUpper == characters.count {
      lowerCount = leadingUpper
    } else {
      // Keep the last capital of an acronym when a lowercase word follows it ("NIPCheck").
      lowerCount = leadingUpper - 1
    }
    let name =
      String(characters[..<lowerCount]).lowercased() + String(characters[lowerCount...])
    return quotedIfKeyword(name)
  }

  /// `name`, in backticks when Swift reserves it.
  static func quotedIfKeyword(_ name: String) -> String {
    let reserved =
      swiftKeywordsUsedInDeclarations.union(swiftKeywordsUsedInStatements)
      .union(swiftKeywordsUsedInExpressionsAndTypes)
    return reserved.contains(name) ? "`\(name)`" : name
  }

  /// A Swift string literal for `text`.
  static func stringLiteral(_ text: String) -> String {
    var escaped = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\": escaped += "\\\\"
      case "\"": escaped += "\\\""
      case "\n": escaped += "\\n"
      default: escaped.unicodeScalars.append(scalar)
      }
    }
    return "\"\(escaped)\""
  }
}
