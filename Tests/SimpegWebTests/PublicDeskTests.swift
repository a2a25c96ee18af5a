import Foundation
import SimpegAPI
import SimpegRPC
import SimpegSettings
import Testing

@testable import SimpegWeb

/// The citizens' desk's allowance per client address and its API key setting.
@Suite struct PublicDeskTests {
  private let start = ContinuousClock.now

  @Test func lookupsBeyondTheAllowanceAreRefusedWithWhenToRetry() throws {
    let allowance = PublicDeskAllowance(
      lookups: .init(requests: 3, window: .seconds(600)), surveys: .init(requests: 1, window: .seconds(3600)))
    for _ in 0..<3 { try allowance.admit("10.0.0.1", kind: .lookup, now: start) }
    let refusal = #expect(throws: RPCError.self) {
      try allowance.admit("10.0.0.1", kind: .lookup, now: start + .seconds(60))
    }
    #expect(refusal?.code == .resourceExhausted)
    #expect(refusal?.metadata["retry-after"] == "540")
  }

  @Test func anotherAddressHasItsOwnAllowance() throws {
    let allowance = PublicDeskAllowance(
      lookups: .init(requests: 1, window: .seconds(600)), surveys: .init(requests: 1, window: .seconds(3600)))
    try allowance.admit("10.0.0.1", kind: .lookup, now: start)
    try allowance.admit("10.0.0.2", kind: .lookup, now: start)
  }

  @Test func surveysAndLookupsAreCountedApart() throws {
    let allowance = PublicDeskAllowance(
      lookups: .init(requests: 1, window: .seconds(600)), surveys: .init(requests: 1, window: .seconds(3600)))
    try allowance.admit("10.0.0.1", kind: .lookup, now: start)
    try allowance.admit("10.0.0.1", kind: .survey, now: start)
    #expect(throws: RPCError.self) { try allowance.admit("10.0.0.1", kind: .survey, now: start) }
  }

  @Test func theAllowanceComesBackWhenItsWindowHasPassed() throws {
    let allowance = PublicDeskAllowance(
      lookups: .init(requests: 1, window: .seconds(600)), surveys: .init(requests: 1, window: .seconds(3600)))
    try allowance.admit("10.0.0.1", kind: .lookup, now: start)
    #expect(throws: RPCError.self) {
      try allowance.admit("10.0.0.1", kind: .lookup, now: start + .seconds(599))
    }
    try allowance.admit("10.0.0.1", kind: .lookup, now: start + .seconds(600))
  }

  @Test func aFloodOfAddressesDoesNotGrowTheTableBeyondItsCapacity() throws {
    let allowance = PublicDeskAllowance(
      lookups: .init(requests: 1, window: .seconds(600)), surveys: .init(requests: 1, window: .seconds(3600)),
      capacity: 100)
    for index in 0..<1_000 {
      try allowance.admit("10.0.\(index / 256).\(index % 256)", kind: .lookup, now: start)
    }
    #expect(allowance.trackedAddresses <= 100)
  }

  @Test func theKeyIsTheFirstLineOfItsFileTrimmed() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("kunci-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: file) }
    try "  spk_abc123  \nsomething else\n".write(to: file, atomically: true, encoding: .utf8)
    #expect(try WebSettings.apiKey(inFile: file.path) == "spk_abc123")
    let configuration = try WebSettings(
      flags: ["public-api-key-file": file.path], environment: [:], configurationFile: nil
    ).webConfiguration()
    #expect(configuration.publicAPIKey == "spk_abc123")
  }

  @Test func anEmptyOrMissingKeyFileIsRefusedAtStart() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("kunci-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: file) }
    try "\n".write(to: file, atomically: true, encoding: .utf8)
    #expect(throws: SettingsError.self) { try WebSettings.apiKey(inFile: file.path) }
    #expect(throws: SettingsError.self) { try WebSettings.apiKey(inFile: file.path + "-missing") }
  }

  @Test func withoutAKeyFileTheDeskIsOff() throws {
    let configuration = try WebSettings(flags: [:], environment: [:], configurationFile: nil)
      .webConfiguration()
    #expect(configuration.publicAPIKey == nil)
  }

  @Test(arguments: [(2026, 1, 1, 0, 2026), (2025, 12, 31, 16, 2025), (2025, 12, 31, 17, 2026)])
  func aSurveyJoinsTheYearOnSalatigasCalendar(year: Int, month: Int, day: Int, hourUTC: Int, expected: Int) {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let instant = calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hourUTC))!
    #expect(PublicDesk.yearInSalatiga(now: instant) == expected)
  }
}
