import SimpegAPI
import Testing

@testable import SimpegServer

/// What an import's response says about its rows, and in whose words.
@Suite struct ImportReportTests {
  @Test func badRowsAreReportedInLineOrderWhateverOrderTheyWereFound() {
    var report = ImportReport()
    report.bad(2, line: 30, "c")
    report.bad(0, line: 4, "a")
    report.bad(1, line: 12, "b")
    report.bad(1, line: 12, "reported once")
    let response = report.response(rows: 40, valid: 37, written: 0, dryRun: true)
    #expect(response.problems.map(\.line) == [4, 12, 30])
    #expect(response.problems.map(\.reason) == ["a", "b", "c"])
    #expect(response.problemsOmitted == 0)
  }

  @Test func reasonsBeyondTheResponsesRoomAreCountedNotListed() throws {
    var report = ImportReport()
    let reason = String(repeating: "x", count: 1000)
    for index in 0..<5000 { report.bad(index, line: UInt32(index + 2), reason) }
    let response = report.response(rows: 5000, valid: 0, written: 0, dryRun: false)
    #expect(response.problems.count + Int(response.problemsOmitted) == 5000)
    #expect(response.problemsOmitted > 0)
    #expect(response.problems.last?.line == UInt32(response.problems.count + 1))
    let bytes: [UInt8] = try response.serializedBytes()
    #expect(bytes.count < 4 * 1024 * 1024)
  }

  @Test func refusalsOfTheSharedChecksNameTheFilesColumns() {
    #expect(
      ImportColumns.rename("birth_date: 1985-06-16 does not agree", ImportColumns.employees)
        == "tanggal_lahir: 1985-06-16 does not agree")
    #expect(
      ImportColumns.rename("parent_id 7: no such unit", ImportColumns.units) == "kode_induk 7: no such unit")
    #expect(ImportColumns.rename("nip: is required", ImportColumns.employees) == "nip: is required")
    #expect(ImportColumns.rename("nothing to rename", ImportColumns.units) == "nothing to rename")
  }
}
