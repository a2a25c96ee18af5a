import SimpegAPI
import SimpegRPC

extension AccessPolicy {
  /// Plans, activities, feedback and evaluations (the performance cycle).
  ///
  /// Mutations by people are `user` rules: the interceptor admits any person, and the handler
  /// checks the subject of a well-formed request, refusing with PERMISSION_DENIED that names the
  /// rule (the same whether or not the record exists). The owner plans and logs; supervisors
  /// (holders and Plt of positions above, transitively) approve, review, rate and give feedback;
  /// a unit's leader sets its predikat organisasi, records its dialogues and finalises; ADMIN
  /// stands in for elected officials and overrides the distribution curve.
  /// Reads are `readSubject`: the employee, the people above them, ADMIN and AUDITOR.
  ///
  /// Scopes of service accounts: `performance.read` (every read below, e.g. payroll/TPP and the
  /// city portal) and `activities.write` (LogActivity for an employee, e.g. the attendance app).
  static let performanceRules: [(MethodDescriptor, Access)] = {
    var rules: [(MethodDescriptor, Access)] = []
    func rule(_ descriptor: MethodDescriptor, _ access: Access) {
      rules.append((descriptor, access))
    }
    let read = Access.readSubject(scope: ServiceScopes.performanceRead)

    typealias Plan = Simpeg_V1_PlanService.Method
    rule(Plan.CreateSKP.descriptor, .user)
    rule(Plan.UpdateSKP.descriptor, .user)
    rule(Plan.SubmitSKP.descriptor, .user)
    rule(Plan.ApproveSKP.descriptor, .user)
    rule(Plan.ReturnSKP.descriptor, .user)
    rule(Plan.ReviseSKP.descriptor, .user)
    rule(Plan.GetSKP.descriptor, read)
    rule(Plan.ListSKPVersions.descriptor, read)
    rule(Plan.ListSKPs.descriptor, read)
    rule(Plan.GetCascade.descriptor, read)

    typealias Inbox = Simpeg_V1_InboxService.Method
    rule(Inbox.ListInbox.descriptor, .user)
    rule(Inbox.WatchInbox.descriptor, .user)

    typealias Activity = Simpeg_V1_ActivityService.Method
    rule(Activity.LogActivity.descriptor, .actSubject(scope: ServiceScopes.activitiesWrite))
    rule(Activity.GetActivity.descriptor, read)
    rule(Activity.ListActivities.descriptor, read)
    rule(Activity.ListPendingReviews.descriptor, .user)
    rule(Activity.EditActivity.descriptor, .user)
    rule(Activity.WithdrawActivity.descriptor, .user)
    rule(Activity.ResubmitActivity.descriptor, .user)
    rule(Activity.ListActivityRevisions.descriptor, read)
    rule(Activity.ReviewActivity.descriptor, .user)
    rule(Activity.ReviewActivities.descriptor, .user)
    rule(Activity.GetEvidence.descriptor, read)
    rule(Activity.WatchActivities.descriptor, read)
    rule(Activity.GetRealisation.descriptor, read)

    typealias Feedback = Simpeg_V1_FeedbackService.Method
    rule(Feedback.GiveFeedback.descriptor, .user)
    rule(Feedback.ListFeedback.descriptor, read)
    rule(Feedback.RecordDialogue.descriptor, .user)
    rule(Feedback.GetDialogue.descriptor, read)
    rule(Feedback.ListDialogues.descriptor, read)
    rule(Feedback.ListFollowUps.descriptor, read)

    typealias Evaluation = Simpeg_V1_EvaluationService.Method
    rule(Evaluation.SetPeriodKind.descriptor, .admin)
    rule(Evaluation.GetPeriodKind.descriptor, .signedIn)
    rule(Evaluation.SetOrganisationPredikat.descriptor, .user)
    rule(Evaluation.GetOrganisationPredikat.descriptor, .read(scope: ServiceScopes.performanceRead))
    rule(Evaluation.RateEmployee.descriptor, .user)
    rule(Evaluation.GetEvaluation.descriptor, read)
    rule(Evaluation.ListEvaluations.descriptor, read)
    rule(Evaluation.CheckDistribution.descriptor, read)
    rule(Evaluation.FinaliseEvaluations.descriptor, .user)
    rule(Evaluation.AcknowledgeEvaluation.descriptor, .user)
    rule(Evaluation.GetUnitReport.descriptor, read)
    rule(Evaluation.GetEmployeeReport.descriptor, read)
    rule(Evaluation.FileKeberatan.descriptor, .user)
    rule(Evaluation.RecordKeberatanHearing.descriptor, .user)
    rule(Evaluation.DecideKeberatan.descriptor, .user)
    rule(Evaluation.GetKeberatan.descriptor, read)
    rule(Evaluation.ListKeberatan.descriptor, read)
    rule(Evaluation.GetAnnualBasis.descriptor, read)
    return rules
  }()
}
