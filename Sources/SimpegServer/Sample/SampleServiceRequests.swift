import SimpegAPI
import SimpegKinerja

/// Generates a year of service requests for the sample catalogue, deterministic from the seed.
///
/// Requests arrive on working days during office hours at the counter, or at any time online.
/// Each is assigned to a staff member of the service's unit and started within the hour or so.
/// Turnarounds follow the standard mostly and have a tail beyond it; the share within the
/// standard rises through the year (from about 70% in January to about 93% in December), which
/// is the seed's "documents got faster" as a number. About 3% are rejected with a reason. Those
/// that would end after the sample's cut-off (the last working afternoon of the year) stay open:
/// the backlog.
struct SampleServiceRequests {
  /// One catalogue entry the generator draws requests for.
  struct Offer {
    var service: Simpeg_Internal_V1_PublicServiceRecord
    /// Relative share of the requests.
    var weight: Int
    /// Employees who handle its requests.
    var staff: [UInt64]
    /// Share of requests made online, in percent.
    var onlinePercent: Int
    /// The prefix of its registration numbers.
    var referencePrefix: String
  }

  let year: Int
  let calendar: WorkingCalendar
  var random: SeededGenerator
  /// Who recorded the steps.
  let actor = "simpegd-sample"

  /// The end of the sample's year: later steps have not happened yet.
  var cutoff: LocalDateTime {
    let lastDay = calendar.workingDay(onOrBefore: CalendarDate(year: year, month: 12, day: 31)!)
    return LocalDateTime(date: lastDay, hour: 16, minute: 0)!
  }

  private static let rejectionReasons = [
    "Berkas persyaratan tidak lengkap",
    "Data tidak sesuai dengan basis data kependudukan",
    "Pemohon tidak hadir untuk verifikasi",
    "Dokumen pendukung tidak sah",
  ]

  /// `count` requests over the offers (all received before the cut-off), ordered by receipt,
  /// without ids and turnarounds (the writer measures them).
  mutating func generate(count: Int, offers: [Offer]) -> [Simpeg_Internal_V1_ServiceRequestRecord] {
    let usable = offers.filter { !$0.staff.isEmpty && $0.weight > 0 }
    guard count > 0, !usable.isEmpty else { return [] }
    let totalWeight = usable.reduce(0) { $0 + $1.weight }
    var drafts: [(received: LocalDateTime, offer: Int, online: Bool)] = []
    drafts.reserveCapacity(count)
    for _ in 0..<count {
      var pick = random.uniform(below: totalWeight)
      var offer = 0
      while pick >= usable[offer].weight {
        pick -= usable[offer].weight
        offer += 1
      }
      let online = random.chance(percent: usable[offer].onlinePercent)
      var received = receivedTime(online: online)
      if received >= cutoff { received = cutoff.adding(minutes: -random.int(in: 1...420)) }
      drafts.append((received, offer, online))
    }
    drafts.sort { $0.received < $1.received }
    var sequences: [UInt64: Int] = [:]
    var requests: [Simpeg_Internal_V1_ServiceRequestRecord] = []
    requests.reserveCapacity(count)
    for draft in drafts {
      let offer = usable[draft.offer]
      let sequence = (sequences[offer.service.id] ?? 0) + 1
      sequences[offer.service.id] = sequence
      let reference = "\(offer.referencePrefix)/\(year)/\(String(sequence + 100_000).dropFirst())"
      requests.append(life(of: offer, received: draft.received, online: draft.online, reference: reference))
    }
    return requests
  }

  /// A receipt time: a working day in office hours at the counter; any day and hour online.
  private mutating func receivedTime(online: Bool) -> LocalDateTime {
    let first = CalendarDate(year: year, month: 1, day: 1)!.dayNumber
    let days = CalendarDate(year: year, month: 12, day: 31)!.dayNumber - first + 1
    var date = CalendarDate(dayNumber: first + random.uniform(below: days))
    if online {
      return LocalDateTime(date: date, hour: random.int(in: 0...23), minute: random.int(in: 0...59))!
    }
    date = calendar.workingDay(onOrAfter: date)
    if date.year != year {
      date = calendar.workingDay(onOrBefore: CalendarDate(year: year, month: 12, day: 31)!)
    }
    return LocalDateTime(date: date, hour: random.int(in: 8...14), minute: random.int(in: 0...59))!
  }

  /// The whole life of one request, cut at the sample's cut-off.
  private mutating func life(
    of offer: Offer, received: LocalDateTime, online: Bool, reference: String
  ) -> Simpeg_Internal_V1_ServiceRequestRecord {
    let standard = offer.service.standard
    var request = Simpeg_Internal_V1_ServiceRequestRecord()
    request.serviceID = offer.service.id
    request.unitID = offer.service.unitID
    request.reference = reference
    request.channel = online ? .online : .counter
    request.standard = standard
    request.state = .received
    request.receivedAt = WIBClock.timestamp(received)
    request.transitions = [step(.received, at: received)]

    let assignee = random.pick(offer.staff)
    let assigned = handlingStart(after: received)
    let started = assigned.adding(minutes: random.int(in: 0...60))
    let month = received.date.month
    // The chance to meet the standard rises through the year: 70% in January, 92% in December.
    let withinPercent = 70 + (month - 1) * 2
    let within = random.chance(percent: withinPercent)
    let finished: LocalDateTime
    if standard.unit == .calendarHours {
      let limit = Int(standard.maximum) * 60
      let minutes =
        within ? random.int(in: 5...max(5, limit)) : random.int(in: (limit + 1)...(limit * 4 + 1))
      finished = max(started.adding(minutes: 5), received.adding(minutes: minutes))
    } else {
      let maximum = Int(standard.maximum)
      // Within: skewed towards quick service (the smaller of two draws); beyond: up to 3x late.
      let days =
        within
        ? min(random.int(in: 0...maximum), random.int(in: 0...maximum))
        : maximum + 1 + random.uniform(below: max(1, maximum * 2))
      let day = calendar.deadline(received: received.date, workingDays: days)
      let time = LocalDateTime(date: day, hour: random.int(in: 9...15), minute: random.int(in: 0...59))!
      finished = max(time, started.adding(minutes: random.int(in: 10...90)))
    }
    let rejected = random.chance(percent: 3)
    if assigned >= cutoff { return request }
    request.state = .assigned
    request.assigneeEmployeeID = assignee
    request.assignedAt = WIBClock.timestamp(assigned)
    var assignment = step(.assigned, at: assigned)
    assignment.employeeID = assignee
    request.transitions.append(assignment)
    if started >= cutoff { return request }
    request.state = .inProcess
    request.startedAt = WIBClock.timestamp(started)
    request.transitions.append(step(.inProcess, at: started))
    if finished >= cutoff { return request }
    if rejected {
      request.state = .rejected
      request.rejectedAt = WIBClock.timestamp(finished)
      request.rejectionReason = random.pick(Self.rejectionReasons)
      request.transitions.append(step(.rejected, at: finished))
    } else {
      request.state = .completed
      request.completedAt = WIBClock.timestamp(finished)
      request.transitions.append(step(.completed, at: finished))
    }
    return request
  }

  /// When work on a request received at `received` can be handed out: within 90 minutes in
  /// office hours, otherwise the next working morning.
  private mutating func handlingStart(after received: LocalDateTime) -> LocalDateTime {
    let hour = received.minuteOfDay / 60
    if calendar.isWorkingDay(received.date), (7..<15).contains(hour) {
      return received.adding(minutes: random.int(in: 5...90))
    }
    let day = calendar.workingDay(onOrAfter: hour >= 15 ? received.date.adding(days: 1) : received.date)
    return LocalDateTime(date: day, hour: 8, minute: 0)!.adding(minutes: random.int(in: 0...90))
  }

  private func step(_ state: Simpeg_V1_ServiceRequestState, at time: LocalDateTime)
    -> Simpeg_V1_ServiceRequestTransition
  {
    PublicServiceHandler.transition(state, at: WIBClock.timestamp(time), actor: actor)
  }
}

extension LocalDateTime {
  /// The time `minutes` later.
  func adding(minutes: Int) -> LocalDateTime {
    let total = minutesSinceEpoch + minutes
    let day = total >= 0 ? total / 1440 : (total - 1439) / 1440
    let minute = total - day * 1440
    return LocalDateTime(date: CalendarDate(dayNumber: day), hour: minute / 60, minute: minute % 60)!
  }
}

extension WorkingCalendar {
  /// The last working day on or before `date`.
  func workingDay(onOrBefore date: CalendarDate) -> CalendarDate {
    var day = date
    while !isWorkingDay(day) { day = day.adding(days: -1) }
    return day
  }
}
