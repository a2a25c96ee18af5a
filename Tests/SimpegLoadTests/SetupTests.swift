import Foundation
import Testing

@testable import SimpegLoad

@Suite("simpeg-load set-up helpers")
struct SetupTests {
  @Test("the credentials file gives the username (admin by default) and the password")
  func credentials() throws {
    let path = try temporaryPath("bootstrap-admin.txt")
    try "# first start\nusername=admin2\npassword=s3cret=with=equals\n".write(
      toFile: path, atomically: true, encoding: .utf8)
    let read = try SampleSetup.credentials(file: path)
    #expect(read.username == "admin2")
    #expect(read.password == "s3cret=with=equals")

    try "password=only\n".write(toFile: path, atomically: true, encoding: .utf8)
    #expect(try SampleSetup.credentials(file: path).username == "admin")

    try "username=admin\n".write(toFile: path, atomically: true, encoding: .utf8)
    #expect(throws: LoadUsageError.self) { try SampleSetup.credentials(file: path) }
    #expect(throws: LoadUsageError.self) { try SampleSetup.credentials(file: path + ".missing") }
  }

  @Test("activities are dated today in an SKP of this year, else on the 28th of its last month")
  func activityDate() {
    let today = SampleSetup.today()
    let past = SampleSetup.activityDate(year: today.year! - 1, lastMonth: 12)
    #expect(past.year == Int32(today.year! - 1))
    #expect(past.month == 12)
    #expect(past.day == 28)
    let partial = SampleSetup.activityDate(year: today.year! - 1, lastMonth: 6)
    #expect(partial.month == 6)
    let current = SampleSetup.activityDate(year: today.year!, lastMonth: 12)
    #expect(current.month == Int32(today.month!))
    #expect(current.day == Int32(today.day!))
  }

  @Test("a world refuses a mix that needs people it lacks")
  func worldCheck() throws {
    let world = FailingServer.world
    try world.check(mix: .writes, watchers: 0)
    #expect(throws: LoadUsageError.self) { try world.check(mix: .morning, watchers: 0) }
    #expect(throws: LoadUsageError.self) { try world.check(mix: .writes, watchers: 1) }
    #expect(throws: LoadUsageError.self) { try LoadWorld(employees: []).check(mix: .reads, watchers: 0) }
  }
}
