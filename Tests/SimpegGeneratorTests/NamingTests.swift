import Testing

@testable import SimpegGenerator

@Suite struct NamingTests {
  @Test(arguments: [
    ("GetEmployee", "getEmployee"),
    ("NIPCheck", "nipCheck"),
    ("URL", "url"),
    ("Check", "check"),
    ("Import", "`import`"),
    ("lowerAlready", "lowerAlready"),
  ])
  func methodNamesBecomeLowerCamelCaseFunctions(proto: String, swift: String) {
    #expect(SwiftNaming.methodFunctionName(proto) == swift)
  }

  @Test func stringLiteralsEscapeQuotesAndBackslashes() {
    #expect(SwiftNaming.stringLiteral("a\"b\\c") == "\"a\\\"b\\\\c\"")
  }
}
