import SimpegAPI
import SimpegRPC

/// The one table of who may call which method. Every method simpegd serves has exactly one
/// rule here; a method without a rule is refused (`PERMISSION_DENIED`) and fails the
/// authorisation tests, so a new method cannot ship without deciding who may call it.
///
/// Scopes of service accounts: `org.read`, `employees.read`.
public enum AccessPolicy {
  /// The rule of every method, by full name: the union of the sections, each service's
  /// rules declared together (more sections live in `AccessPolicy+*.swift`).
  public static let rules: [String: Access] = {
    var rules: [String: Access] = [:]
    for section in sections {
      for (descriptor, access) in section {
        precondition(rules[descriptor.fullName] == nil, "two rules for \(descriptor.fullName)")
        rules[descriptor.fullName] = access
      }
    }
    return rules
  }()

  /// Every section of rules.
  static let sections: [[(MethodDescriptor, Access)]] = [
    coreRules,
    importRules,
    publicServiceRules,
    performanceRules,
  ]

  /// Health, sessions, the organisation, employees, accounts and operations.
  static let coreRules: [(MethodDescriptor, Access)] = {
    var rules: [(MethodDescriptor, Access)] = []
    func rule(_ descriptor: MethodDescriptor, _ access: Access) {
      rules.append((descriptor, access))
    }
    typealias Health = Simpeg_V1_HealthService.Method
    rule(Health.Check.descriptor, .anyone)
    rule(Health.Watch.descriptor, .anyone)

    typealias Auth = Simpeg_V1_AuthService.Method
    rule(Auth.Login.descriptor, .anyone)
    rule(Auth.Logout.descriptor, .signedIn)
    rule(Auth.WhoAmI.descriptor, .signedIn)
    rule(Auth.ChangePassword.descriptor, .user)

    typealias Org = Simpeg_V1_OrgService.Method
    rule(Org.CreateUnit.descriptor, .admin)
    rule(Org.RenameUnit.descriptor, .admin)
    rule(Org.MoveUnit.descriptor, .admin)
    rule(Org.CloseUnit.descriptor, .admin)
    rule(Org.GetUnit.descriptor, .read(scope: ServiceScopes.orgRead))
    rule(Org.ListUnits.descriptor, .read(scope: ServiceScopes.orgRead))
    rule(Org.GetUnitTree.descriptor, .read(scope: ServiceScopes.orgRead))
    rule(Org.CreatePosition.descriptor, .admin)
    rule(Org.GetPosition.descriptor, .read(scope: ServiceScopes.orgRead))
    rule(Org.ListPositions.descriptor, .read(scope: ServiceScopes.orgRead))
    rule(Org.ClosePosition.descriptor, .admin)
    rule(Org.AssignHolder.descriptor, .admin)
    rule(Org.VacatePosition.descriptor, .admin)
    rule(Org.GetEvaluatorChain.descriptor, .read(scope: ServiceScopes.orgRead))
    rule(Org.SetUnitHead.descriptor, .admin)
    rule(Org.SetOfficialHolder.descriptor, .admin)
    rule(Org.SetPositionSupervisor.descriptor, .admin)
    rule(Org.AssignPlh.descriptor, .admin)
    rule(Org.EndPlh.descriptor, .admin)
    rule(Org.ListPlh.descriptor, .read(scope: ServiceScopes.orgRead))

    typealias Employee = Simpeg_V1_EmployeeService.Method
    rule(Employee.CreateEmployee.descriptor, .admin)
    rule(Employee.GetEmployee.descriptor, .readSubject(scope: ServiceScopes.employeesRead))
    rule(Employee.UpdateEmployee.descriptor, .admin)
    rule(Employee.TransferEmployee.descriptor, .admin)
    rule(Employee.PromoteEmployee.descriptor, .admin)
    rule(Employee.RetireEmployee.descriptor, .admin)
    rule(Employee.SearchEmployees.descriptor, .readSubject(scope: ServiceScopes.employeesRead))
    rule(Employee.GetEmployeeHistory.descriptor, .readSubject(scope: ServiceScopes.employeesRead))
    rule(Employee.ValidateNIP.descriptor, .signedIn)

    typealias Account = Simpeg_V1_AccountService.Method
    rule(Account.CreateUserAccount.descriptor, .admin)
    rule(Account.CreateServiceAccount.descriptor, .admin)
    rule(Account.GetAccount.descriptor, .adminOrAuditor)
    rule(Account.ListAccounts.descriptor, .adminOrAuditor)
    rule(Account.SetAccountDisabled.descriptor, .admin)
    rule(Account.ResetPassword.descriptor, .admin)
    rule(Account.SetRoles.descriptor, .admin)
    rule(Account.SetScopes.descriptor, .admin)
    rule(Account.CreateApiKey.descriptor, .admin)
    rule(Account.ListApiKeys.descriptor, .adminOrAuditor)
    rule(Account.RevokeApiKey.descriptor, .admin)
    rule(Account.RevokeSessions.descriptor, .admin)

    typealias Admin = Simpeg_V1_AdminService.Method
    rule(Admin.ReadAudit.descriptor, .adminOrAuditor)
    rule(Admin.VerifyAudit.descriptor, .adminOrAuditor)
    rule(Admin.GetStats.descriptor, .adminOrAuditor)
    rule(Admin.ListMethods.descriptor, .signedIn)
    rule(Admin.LoadSample.descriptor, .admin)
    rule(Admin.Backup.descriptor, .admin)
    return rules
  }()

  /// The rule of `method`, or nil when none is declared.
  public static func rule(for method: MethodDescriptor) -> Access? {
    rules[method.fullName]
  }
}
