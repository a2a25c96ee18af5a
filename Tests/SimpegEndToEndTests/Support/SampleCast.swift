import Foundation
import SimpegAPI

/// People of the sample city that activity tests need: a staff member with an approved SKP this
/// year and the supervisor who evaluates them, each with a user account.
struct SampleCast {
  let staff: Simpeg_V1_Employee
  let supervisor: Simpeg_V1_Employee
  let skp: Simpeg_V1_SKP

  /// Today in Salatiga (WIB, UTC+7).
  static var today: Simpeg_V1_Date {
    let parts = Calendar(identifier: .gregorian).dateComponents(
      in: TimeZone(secondsFromGMT: 7 * 3600)!, from: Date())
    var date = Simpeg_V1_Date()
    date.year = Int32(parts.year!)
    date.month = Int32(parts.month!)
    date.day = Int32(parts.day!)
    return date
  }

  /// The first evaluated staff member of the sample (loaded for this year) with an approved
  /// SKP, their evaluator, and user accounts for both with `password` (which, as for every
  /// account an administrator makes, must be changed at the first login).
  static func find(admin: Caller, password: String) async throws -> SampleCast {
    var search = Simpeg_V1_SearchEmployeesRequest()
    search.page.pageSize = 200
    for employee in try await admin.employees.searchEmployees(search).employees where employee.positionID != 0
    {
      var chainRequest = Simpeg_V1_GetEvaluatorChainRequest()
      chainRequest.positionID = employee.positionID
      let chain = try await admin.org.getEvaluatorChain(chainRequest)
      guard chain.evaluator.employeeID != 0 else { continue }
      var skpRequest = Simpeg_V1_GetSKPRequest()
      skpRequest.ownerYear.employeeID = employee.id
      skpRequest.ownerYear.year = today.year
      guard
        let skp = try? await Simpeg_V1_PlanService.Client(wrapping: admin.client).getSKP(skpRequest),
        skp.status == .approved, !skp.content.rhks.isEmpty
      else { continue }
      var getSupervisor = Simpeg_V1_GetEmployeeRequest()
      getSupervisor.id = chain.evaluator.employeeID
      let supervisor = try await admin.employees.getEmployee(getSupervisor)
      for nip in [employee.nip, supervisor.nip] {
        var create = Simpeg_V1_CreateUserAccountRequest()
        create.nip = nip
        create.initialPassword = password
        _ = try await admin.accounts.createUserAccount(create)
      }
      return SampleCast(staff: employee, supervisor: supervisor, skp: skp)
    }
    throw SimpegdProcess.Failure("the sample has no evaluated employee with an approved SKP this year")
  }

  /// A LogActivity request for the staff member today, 08:00-09:00, described by `text`.
  func logRequest(_ text: String) -> Simpeg_V1_LogActivityRequest {
    var log = Simpeg_V1_LogActivityRequest()
    log.skpID = skp.id
    log.rhkID = skp.content.rhks[0].id
    log.date = Self.today
    log.startMinute = 8 * 60
    log.endMinute = 9 * 60
    log.outputQuantity = 1
    log.description_p = text
    return log
  }
}
