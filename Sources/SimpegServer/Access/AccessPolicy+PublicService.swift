import SimpegAPI
import SimpegRPC

extension AccessPolicy {
  /// Public service and innovation competitions (DOMAIN.md section 3).
  ///
  /// Scopes of service accounts: `services.write` (the counter app, the city portal: receive and
  /// move requests, ingest history, record SKM responses), `services.read` (read the catalogue,
  /// holidays, requests, reports and SKM results), `innovation.read` (read competitions, their
  /// innovations and published results, and an employee's innovations with their service
  /// figures). ADMIN keeps the catalogue and the holidays and runs the competitions.
  ///
  /// Subject rules, finished by the handlers: a user reads the requests and turnaround reports of
  /// units of their own perangkat daerah, of units led from below their position, and the
  /// requests assigned to them (``Authorizer``, `+Units`); an employee's service figures and innovations
  /// as ``Authorizer`` allows (themselves, the people below them). A user submits an innovation
  /// they are an author of; only the competition's judges score, never an innovation of their
  /// own perangkat daerah. Provisional rankings are for ADMIN and AUDITOR; published ones for all.
  static let publicServiceRules: [(MethodDescriptor, Access)] = {
    var rules: [(MethodDescriptor, Access)] = []
    func rule(_ descriptor: MethodDescriptor, _ access: Access) {
      rules.append((descriptor, access))
    }
    let read = ServiceScopes.servicesRead
    let write = ServiceScopes.servicesWrite
    typealias Service = Simpeg_V1_PublicServiceService.Method
    rule(Service.CreatePublicService.descriptor, .admin)
    rule(Service.UpdatePublicService.descriptor, .admin)
    rule(Service.GetPublicService.descriptor, .read(scope: read))
    rule(Service.ListPublicServices.descriptor, .read(scope: read))
    rule(Service.SetHoliday.descriptor, .admin)
    rule(Service.RemoveHoliday.descriptor, .admin)
    rule(Service.ListHolidays.descriptor, .read(scope: read))
    rule(Service.ReceiveServiceRequest.descriptor, .adminOrScope(scope: write))
    rule(Service.AssignServiceRequest.descriptor, .adminOrScope(scope: write))
    rule(Service.StartServiceRequest.descriptor, .adminOrScope(scope: write))
    rule(Service.CompleteServiceRequest.descriptor, .adminOrScope(scope: write))
    rule(Service.RejectServiceRequest.descriptor, .adminOrScope(scope: write))
    rule(Service.IngestServiceRequests.descriptor, .adminOrScope(scope: write))
    rule(Service.GetServiceRequest.descriptor, .readSubject(scope: read))
    rule(Service.ListServiceRequests.descriptor, .readSubject(scope: read))
    rule(Service.GetTurnaroundReport.descriptor, .readSubject(scope: read))
    rule(Service.GetEmployeeServiceReport.descriptor, .readSubject(scope: read))
    rule(Service.RecordSKMResponses.descriptor, .adminOrScope(scope: write))
    rule(Service.GetSKMResult.descriptor, .read(scope: read))
    rule(Service.ListSKMResults.descriptor, .read(scope: read))

    let innovationRead = ServiceScopes.innovationRead
    typealias Innovation = Simpeg_V1_InnovationService.Method
    rule(Innovation.CreateCompetition.descriptor, .admin)
    rule(Innovation.UpdateCompetition.descriptor, .admin)
    rule(Innovation.GetCompetition.descriptor, .read(scope: innovationRead))
    rule(Innovation.ListCompetitions.descriptor, .read(scope: innovationRead))
    rule(Innovation.SubmitInnovation.descriptor, .user)
    rule(Innovation.ListInnovations.descriptor, .read(scope: innovationRead))
    rule(Innovation.StartJudging.descriptor, .admin)
    rule(Innovation.ScoreInnovation.descriptor, .user)
    rule(Innovation.GetResults.descriptor, .read(scope: innovationRead))
    rule(Innovation.PublishResults.descriptor, .admin)
    rule(Innovation.GetEmployeeInnovations.descriptor, .readSubject(scope: innovationRead))
    return rules
  }()
}
