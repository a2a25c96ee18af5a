import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore

/// Satisfaction surveys (Survei Kepuasan Masyarakat): responses added up per unit and period, the
/// index and its grade computed by the rules' `SKMTally`. Internal apps record them with
/// `services.write`; every user reads the results (they are published to citizens anyway).
extension PublicServiceHandler {
  /// The most responses one call records.
  static let maximumSKMResponsesPerCall = 10_000

  func recordSKMResponses(request: Simpeg_V1_RecordSKMResponsesRequest, context: ServerContext)
    async throws -> Simpeg_V1_SKMResult
  {
    let period = try Self.periodCode(request.period)
    guard !request.responses.isEmpty, request.responses.count <= Self.maximumSKMResponsesPerCall else {
      throw RPCError(
        .invalidArgument, "record 1 to \(Self.maximumSKMResponsesPerCall) responses per call")
    }
    var added = SKMTally()
    for (index, response) in request.responses.enumerated() {
      do throws(SKMError) {
        added.add(try SKMResponse(scores: response.scores.map { Int($0) }))
      } catch {
        throw RPCError(.invalidArgument, "response #\(index): \(error.description)")
      }
    }
    let entry = try AuditEntry(context: context, request: request)
    let unitID = request.unitID
    let periodMessage = request.period
    return try await ledger.record(entry) { [added] mutation in
      let transaction = mutation.transaction
      guard try Tables.units.get(unitID, in: transaction) != nil else {
        throw RPCError(.notFound, "no unit with id \(unitID)")
      }
      let tally = try PublicServiceCommands.addSKMResponses(
        added, unitID: unitID, period: period, in: mutation)
      return Self.result(unitID: unitID, period: periodMessage, tally: tally)
    }
  }

  func getSKMResult(request: Simpeg_V1_GetSKMResultRequest, context: ServerContext) async throws
    -> Simpeg_V1_SKMResult
  {
    let period = try Self.periodCode(request.period)
    return try store.read { transaction in
      guard let record = try Tables.skmTallies.get(CompositeKey2(request.unitID, period), in: transaction)
      else {
        throw RPCError(.notFound, "unit \(request.unitID) has no SKM responses for that period")
      }
      return Self.result(unitID: request.unitID, period: request.period, tally: try SKMTally(record: record))
    }
  }

  func listSKMResults(request: Simpeg_V1_ListSKMResultsRequest, context: ServerContext) async throws
    -> Simpeg_V1_ListSKMResultsResponse
  {
    guard request.year == 0 || (2000...2099).contains(request.year) else {
      throw RPCError(.invalidArgument, "the year must be 2000-2099, or 0 for every year")
    }
    return try store.read { transaction in
      let range: KeyRange<CompositeKey2<UInt64, UInt32>> =
        request.year == 0
        ? .prefix(KeyPrefix(request.unitID))
        : .closed(
          CompositeKey2(request.unitID, UInt32(request.year) * 100),
          CompositeKey2(request.unitID, UInt32(request.year) * 100 + 99))
      var response = Simpeg_V1_ListSKMResultsResponse()
      for row in try Tables.skmTallies.scan(in: transaction, range: range) {
        response.results.append(
          Self.result(
            unitID: request.unitID, period: Self.period(code: row.key.second),
            tally: try SKMTally(record: row.value)))
      }
      return response
    }
  }

  /// The key of a period: `year * 100 + kind * 10 + number`; `INVALID_ARGUMENT` when not a period.
  static func periodCode(_ period: Simpeg_V1_SKMPeriod) throws -> UInt32 {
    let numbers: ClosedRange<UInt32>
    switch period.kind {
    case .annual: numbers = 1...1
    case .semester: numbers = 1...2
    case .quarter: numbers = 1...4
    default:
      throw RPCError(.invalidArgument, "an SKM period needs a kind: annual, semester or quarter")
    }
    guard (2000...2099).contains(period.year), numbers.contains(period.number) else {
      throw RPCError(
        .invalidArgument,
        "an SKM period is a year of 2000-2099 and a number of \(numbers.lowerBound)-\(numbers.upperBound) "
          + "for its kind")
    }
    return UInt32(period.year) * 100 + UInt32(period.kind.rawValue) * 10 + period.number
  }

  /// The period of a key.
  static func period(code: UInt32) -> Simpeg_V1_SKMPeriod {
    var period = Simpeg_V1_SKMPeriod()
    period.year = Int32(code / 100)
    period.kind = Simpeg_V1_SKMPeriodKind(rawValue: Int(code / 10 % 10)) ?? .unspecified
    period.number = code % 10
    return period
  }

  /// The result of a tally.
  static func result(unitID: UInt64, period: Simpeg_V1_SKMPeriod, tally: SKMTally) -> Simpeg_V1_SKMResult {
    var result = Simpeg_V1_SKMResult()
    result.unitID = unitID
    result.period = period
    result.respondents = UInt32(clamping: tally.respondents)
    result.elementMeanHundredths = SKMElement.allCases.map {
      UInt32(clamping: tally.elementMeanHundredths($0) ?? 0)
    }
    if let index = tally.index {
      result.indexHundredths = UInt32(clamping: index.hundredths)
      result.grade = Simpeg_V1_SKMGrade(rawValue: index.grade.rawValue) ?? .unspecified
      result.gradeMeaning = index.grade.meaning
    }
    return result
  }
}

extension SKMTally {
  /// The tally a stored record holds; `DATA_LOSS` when its totals cannot come from responses.
  init(record: Simpeg_Internal_V1_SKMTallyRecord) throws {
    guard
      let tally = SKMTally(
        respondents: Int(record.respondents), elementTotals: record.elementTotals.map { Int($0) })
    else { throw RPCError(.dataLoss, "a stored SKM tally does not add up") }
    self = tally
  }
}

extension Simpeg_Internal_V1_SKMTallyRecord {
  /// The record of a tally.
  init(_ tally: SKMTally) {
    self.init()
    respondents = UInt32(clamping: tally.respondents)
    elementTotals = tally.elementTotals.map { UInt64($0) }
  }
}
