import SimpegAPI
import SimpegKinerja
import Testing

@testable import SimpegServer

@Suite("FeedbackService: continuous feedback and performance dialogues")
struct FeedbackServiceTests {
  private func feedback(
    to employee: UInt64, rhk: UInt64 = 0, value: Simpeg_V1_BerAKHLAK = .unspecified, text: String = "Bagus"
  ) -> Simpeg_V1_GiveFeedbackRequest {
    var request = Simpeg_V1_GiveFeedbackRequest()
    request.employeeID = employee
    request.year = KinerjaCity.year
    request.rhkID = rhk
    request.value = value
    request.text = text
    return request
  }

  private func dialogue(
    _ city: KinerjaCity, daysAgo: Int, attendees: [UInt64], followUps: [(UInt64, String)] = [],
    resolutions: [(UInt64, Bool, String)] = []
  ) -> Simpeg_V1_RecordDialogueRequest {
    var request = Simpeg_V1_RecordDialogueRequest()
    request.unitID = city.seksiUnit
    request.date = Simpeg_V1_Date(Activities.today.adding(days: -daysAgo))
    request.attendeeIds = attendees
    request.agenda = "Capaian bulan ini"
    request.notes = "Catatan rapat"
    request.followUps = followUps.map { employee, action in
      var followUp = Simpeg_V1_NewFollowUp()
      followUp.employeeID = employee
      followUp.action = action
      return followUp
    }
    request.resolutions = resolutions.map { id, met, note in
      var resolution = Simpeg_V1_FollowUpResolution()
      resolution.followUpID = id
      resolution.met = met
      resolution.note = note
      return resolution
    }
    return request
  }

  @Test func aSupervisorsFeedbackOnAnRHKAndAValueIsReadByTheEmployee() async throws {
    try await withKinerjaCity { test, city, cast in
      let plans = try await ApprovedCity.plan(city, cast)
      let onRHK = try await cast.kasi.feedback.giveFeedback(
        feedback(to: city.staff1.employee, rhk: Plans.rhk(plans.staff1), text: "Laporan rapi"))
      let onValue = try await cast.kabid.feedback.giveFeedback(
        feedback(to: city.staff1.employee, value: .kolaboratif, text: "Bantu rekan"))
      #expect(onRHK.skpID == plans.staff1.id)
      #expect(onValue.author == "19800101200501" + "0003")
      var list = Simpeg_V1_ListFeedbackRequest()
      list.year = KinerjaCity.year
      let mine = try await cast.staff1.feedback.listFeedback(list)
      #expect(mine.feedback.map(\.text) == ["Laporan rapi", "Bantu rekan"])
    }
  }

  @Test func feedbackFromSomeoneNotAboveTheEmployeeIsRefused() async throws {
    try await withKinerjaCity { test, city, cast in
      try await expectRefusal(test, .permissionDenied, containing: "rule: a supervisor gives feedback") {
        _ = try await cast.kabidDua.feedback.giveFeedback(feedback(to: city.staff1.employee, value: .loyal))
      }
      try await expectRefusal(test, .permissionDenied, containing: "rule: a supervisor gives feedback") {
        _ = try await cast.staff1.feedback.giveFeedback(feedback(to: city.staff1.employee, value: .loyal))
      }
    }
  }

  @Test func feedbackNamesEitherAnRHKOrAValue() async throws {
    try await withKinerjaCity { test, city, cast in
      let plans = try await ApprovedCity.plan(city, cast)
      try await expectRefusal(test, .invalidArgument, containing: "not both or neither") {
        _ = try await cast.kasi.feedback.giveFeedback(
          feedback(to: city.staff1.employee, rhk: Plans.rhk(plans.staff1), value: .loyal))
      }
      try await expectRefusal(test, .invalidArgument, containing: "is not a BerAKHLAK value") {
        _ = try await cast.kasi.feedback.giveFeedback(
          feedback(to: city.staff1.employee, value: .UNRECOGNIZED(9)))
      }
    }
  }

  @Test func unmetFollowUpsCarryOverToTheNextDialogue() async throws {
    try await withKinerjaCity { test, city, cast in
      let people = [city.kasi.employee, city.staff1.employee, city.staff2.employee, city.fungsional.employee]
      let first = try await cast.kasi.feedback.recordDialogue(
        dialogue(
          city, daysAgo: 14, attendees: people,
          followUps: [
            (city.staff1.employee, "Tuntaskan arsip"), (city.staff2.employee, "Susun jadwal"),
            (city.fungsional.employee, "Kaji SOP"),
          ]))
      #expect(first.agreed.count == 3)
      let (archive, schedule, review) = (first.agreed[0].id, first.agreed[1].id, first.agreed[2].id)
      let second = try await cast.kasi.feedback.recordDialogue(
        dialogue(
          city, daysAgo: 0, attendees: people, followUps: [(city.staff1.employee, "Latih petugas baru")],
          resolutions: [(archive, true, "selesai"), (schedule, false, "menunggu data")]))
      #expect(second.closed.map(\.id) == [archive])
      #expect(second.carriedOver.map(\.id) == [schedule, review])
      #expect(second.carriedOver[0].notes.last?.hasSuffix("menunggu data") == true)
      #expect(second.carriedOver.allSatisfy { $0.carriedInto == [second.id] })

      var open = Simpeg_V1_ListFollowUpsRequest()
      open.unitID = city.seksiUnit
      open.openOnly = true
      let stillOpen = try await cast.kasi.feedback.listFollowUps(open).followUps.map(\.id)
      #expect(Set(stillOpen) == Set([schedule, review, second.agreed[0].id]))

      var mine = Simpeg_V1_ListFollowUpsRequest()
      mine.employeeID = 0
      let staffView = try await cast.staff1.feedback.listFollowUps(mine).followUps
      #expect(staffView.map(\.status) == [.met, .open])

      var get = Simpeg_V1_GetDialogueRequest()
      get.dialogueID = first.id
      let firstNow = try await cast.staff2.feedback.getDialogue(get)
      #expect(firstNow.agreed.first { $0.id == archive }?.status == .met)
    }
  }

  @Test func onlyTheUnitsLeaderRecordsItsDialogues() async throws {
    try await withKinerjaCity { test, city, cast in
      try await expectRefusal(test, .permissionDenied, containing: "rule: the leader holds the dialogue") {
        _ = try await cast.staff1.feedback.recordDialogue(
          dialogue(city, daysAgo: 0, attendees: [city.staff1.employee]))
      }
    }
  }

  @Test func aResolutionOfAFollowUpThatIsNotOpenIsRefused() async throws {
    try await withKinerjaCity { test, city, cast in
      try await expectRefusal(test, .invalidArgument, containing: "is not an open follow-up") {
        _ = try await cast.kasi.feedback.recordDialogue(
          dialogue(city, daysAgo: 0, attendees: [city.staff1.employee], resolutions: [(42, true, "")]))
      }
    }
  }

  @Test func followUpsAreForAttendees() async throws {
    try await withKinerjaCity { test, city, cast in
      try await expectRefusal(test, .invalidArgument, containing: "did not attend") {
        _ = try await cast.kasi.feedback.recordDialogue(
          dialogue(
            city, daysAgo: 0, attendees: [city.staff1.employee], followUps: [(city.staff2.employee, "Hadir")])
        )
      }
    }
  }

  @Test func aDialogueIsRecordedOnceHeld() async throws {
    try await withKinerjaCity { test, city, cast in
      try await expectRefusal(test, .invalidArgument, containing: "in the future") {
        _ = try await cast.kasi.feedback.recordDialogue(
          dialogue(city, daysAgo: -1, attendees: [city.staff1.employee]))
      }
    }
  }
}
