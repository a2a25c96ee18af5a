import Foundation
import SimpegAPI
import Testing

extension AdminEndToEnd {
  /// `simpeg-admin call`: any method of any service, from the generated catalogue, JSON in and
  /// JSON out.
  @Suite struct GenericCallEndToEndTests {
    @Test func aMethodOfEveryServiceIsCalledWithJSON() async throws {
      let daemon = try await SimpegdProcess.start(arguments: ["--sample-seed", "2"])
      let cli = try AdminCLI()
      defer {
        daemon.removeFolder()
        cli.removeFolder()
      }
      try await cli.loginAsAdmin(to: daemon)
      // One call per service, with what its answer must hold.
      let calls: [String: (method: String, request: String, check: ([String: Any]) -> Bool)] = [
        "simpeg.v1.HealthService": ("HealthService/Check", "{}", { $0.string("status") == "SERVING" }),
        "simpeg.v1.AuthService": (
          "AuthService/WhoAmI", "{}", { $0.object("account").string("username") == "admin" }
        ),
        "simpeg.v1.AccountService": (
          "simpeg.v1.AccountService/ListAccounts", #"{"page": {"pageSize": 10}}"#,
          { $0.objects("accounts").first?.string("username") == "admin" }
        ),
        "simpeg.v1.AdminService": ("AdminService/GetStats", "{}", { $0.integer("lastSequence") > 0 }),
        "simpeg.v1.EmployeeService": (
          "EmployeeService/ValidateNIP", #"{"nip": "19860926 201505 1 001"}"#,
          { $0.bool("valid") && $0.string("canonical") == "198609262015051001" }
        ),
        "simpeg.v1.OrgService": (
          "OrgService/GetUnitTree", #"{"max_depth": 1}"#,
          { $0.objects("nodes").first?.object("unit").string("name") == "Pemerintah Kota Salatiga" }
        ),
        "simpeg.v1.PlanService": (
          "PlanService/GetSKP", #"{"skpId": "1"}"#,
          { $0.integer("year") == 2025 && $0.object("content").objects("rhks").count == 4 }
        ),
        "simpeg.v1.ActivityService": (
          "ActivityService/GetRealisation", #"{"skpId": "1"}"#, { $0.objects("rhks").count == 4 }
        ),
        "simpeg.v1.FeedbackService": (
          "FeedbackService/GetDialogue", #"{"dialogueId": "1"}"#, { $0.objects("agreed").count == 3 }
        ),
        "simpeg.v1.EvaluationService": (
          "EvaluationService/GetPeriodKind", #"{"year": 2025}"#,
          { $0.string("kind") == "EVALUATION_PERIOD_KIND_TRIWULAN" && !$0.bool("isDefault") }
        ),
        "simpeg.v1.PublicServiceService": (
          "PublicServiceService/ListHolidays", #"{"year": 2025}"#,
          { !$0.objects("holidays").isEmpty }
        ),
        "simpeg.v1.InnovationService": (
          "InnovationService/ListCompetitions", "{}", { $0.objects("competitions").count == 1 }
        ),
        "simpeg.v1.InboxService": (
          // The administrator is no one's PPK: an empty inbox, as of the store's latest change.
          "InboxService/ListInbox", "{}", { $0.objects("items").isEmpty && $0.integer("asOfSequence") > 0 }
        ),
        "simpeg.v1.ImportService": (
          "ImportService/ImportUnits",
          #"[{"options": {"dryRun": true}}, {"row": {"line": 2, "code": "BARU", "parentCode": "", "kind": "Dinas", "name": "Dinas Baru"}}]"#,
          { $0.bool("dryRun") && $0.objects("problems").count == 1 }
        ),
      ]
      for service in SimpegCatalogue.services {
        guard let call = calls[service.name] else {
          Issue.record("no generic call checks \(service.name); add one")
          continue
        }
        let run = try await cli.run(["call", call.method, call.request])
        #expect(run.status == 0, "\(run)")
        #expect(call.check(try run.object()), "\(run)")
      }
    }

    @Test func aServerStreamPrintsOneJSONLinePerResponse() async throws {
      let daemon = try await SimpegdProcess.start()
      let cli = try AdminCLI()
      defer {
        daemon.removeFolder()
        cli.removeFolder()
      }
      try await cli.loginAsAdmin(to: daemon)
      let watch = try await cli.run(["call", "HealthService/Watch", "{}", "--timeout", "1"])
      #expect(watch.status == 3, "the watch ends at its deadline: \(watch)")
      #expect(try watch.lines().first?.string("status") == "SERVING")
      let backup = try await cli.run(["call", "AdminService/Backup"])
      let chunks = try backup.lines()
      #expect(backup.status == 0, "\(backup)")
      #expect(chunks.last?.object("summary").integer("sizeBytes") ?? 0 > 0)
    }

    @Test func refusalsKeepTheDaemonsStatusAndMapToExitCodes() async throws {
      let daemon = try await SimpegdProcess.start()
      let cli = try AdminCLI()
      defer {
        daemon.removeFolder()
        cli.removeFolder()
      }
      let anonymous = try await cli.run(
        ["call", "AdminService/GetStats", "--address", "127.0.0.1:\(daemon.rpcPort)"])
      #expect(anonymous.status == 4, "\(anonymous)")
      #expect(anonymous.stderr.contains("UNAUTHENTICATED"))
      try await cli.loginAsAdmin(to: daemon)
      let missing = try await cli.run(["call", "OrgService/GetUnit", #"{"unitId": 404}"#])
      #expect(missing.status == 5, "\(missing)")
      #expect(missing.stderr.contains("NOT_FOUND"))
      let invalid = try await cli.run(["call", "EmployeeService/GetEmployee", #"{"nip": "123"}"#])
      #expect(invalid.status == 6, "\(invalid)")
      let typo = try await cli.run(["call", "OrgService/GetUnit", #"{"unitID": 1}"#])
      #expect(typo.status == 2, "\(typo)")
      let unknown = try await cli.run(["call", "OrgService/Nothing"])
      #expect(unknown.status == 5, "\(unknown)")
    }
  }
}
