import Foundation
import SimpegAPI
import SimpegTestSupport
import Testing

/// Calls through the real simpeg-web in front of the real simpegd (with the sample city), over
/// plain HTTP from curl: protobuf's JSON mapping, GET for reads, the status and error JSON of
/// every code simpegd and the gateway can be made to answer, deadlines, and simpegd restarting.
@Suite struct WebGatewayCallsEndToEndTests {
  /// A service account with `scopes` and its API key, made by the administrator.
  static func apiKey(_ city: WebCity, scopes: [String]) async throws -> String {
    let admin = try await city.admin()
    var account = Simpeg_V1_CreateServiceAccountRequest()
    account.name = "web-\(UUID().uuidString.prefix(6).lowercased())"
    account.scopes = scopes
    _ = try await admin.accounts.createServiceAccount(account)
    var key = Simpeg_V1_CreateApiKeyRequest()
    key.account.username = account.name
    return try await admin.accounts.createApiKey(key).secret
  }

  /// An employee of the sample, read over the binary protocol.
  static func someEmployee(_ city: WebCity) async throws -> Simpeg_V1_Employee {
    var search = Simpeg_V1_SearchEmployeesRequest()
    search.page.pageSize = 5
    return try #require(try await city.admin().employees.searchEmployees(search).employees.first)
  }

  @Test func aJSONCallAnswersInProtobufsJSONMappingTheSameRecordAsTheBinaryProtocol() async throws {
    let city = try await WebCity.start(sample: true)
    defer { city.cleanUp() }
    let key = try await Self.apiKey(city, scopes: ["employees.read"])
    let employee = try await Self.someEmployee(city)
    let response = try await city.curl.post(
      "/simpeg.v1.EmployeeService/GetEmployee", json: #"{"id":"\#(employee.id)"}"#,
      headers: ["Authorization": "Bearer \(key)"])
    #expect(response.status == 200, "\(response)")
    #expect(response.header("content-type") == "application/json")
    let json = try response.json()
    #expect(json["id"] as? String == "\(employee.id)", "uint64 travels as a JSON string")
    #expect(json["nip"] as? String == employee.nip)
    #expect(
      json["status"] as? String == "PNS" || json["status"] as? String == "CPNS"
        || json["status"] as? String == "PPPK")
    #expect(
      json["gender"] as? String == (employee.gender == .lakiLaki ? "LAKI_LAKI" : "PEREMPUAN"), "enums by name"
    )
    #expect(json["unitId"] != nil && json["unit_id"] == nil, "fields in lowerCamelCase")
    #expect(try Simpeg_V1_Employee(jsonUTF8Data: response.body) == employee)
    await city.stop()
  }

  @Test func readOnlyMethodsAnswerGetAndMethodsThatChangeStateRefuseIt() async throws {
    let city = try await WebCity.start(sample: true)
    defer { city.cleanUp() }
    let key = try await Self.apiKey(city, scopes: ["employees.read"])
    let employee = try await Self.someEmployee(city)
    let message = #"{"id":"\#(employee.id)"}"#.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
    let viaGet = try await city.curl.request(
      "GET", "/simpeg.v1.EmployeeService/GetEmployee?connect=v1&encoding=json&message=\(message)",
      headers: ["Authorization": "Bearer \(key)"])
    #expect(viaGet.status == 200, "\(viaGet)")
    #expect(try Simpeg_V1_Employee(jsonUTF8Data: viaGet.body) == employee)
    var binary = Simpeg_V1_GetEmployeeRequest()
    binary.id = employee.id
    let base64 = Data(try binary.serializedBytes() as [UInt8]).base64EncodedString()
      .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
      .replacingOccurrences(of: "=", with: "")
    let protoGet = try await city.curl.request(
      "GET", "/simpeg.v1.EmployeeService/GetEmployee?encoding=proto&base64=1&message=\(base64)",
      headers: ["Authorization": "Bearer \(key)"])
    #expect(protoGet.status == 200)
    #expect(try Simpeg_V1_Employee(serializedBytes: protoGet.body) == employee)
    let refused = try await city.curl.request(
      "GET", "/simpeg.v1.OrgService/CreateUnit?encoding=json&message=%7B%7D",
      headers: ["Authorization": "Bearer \(key)"])
    #expect(refused.status == 405)
    await city.stop()
  }

  @Test func refusalsOfTheRealDaemonCarryTheirHTTPStatusAndErrorJSON() async throws {
    let city = try await WebCity.start(sample: true, webArguments: ["--max-message-size", "8KiB"])
    defer { city.cleanUp() }
    let reader = try await Self.apiKey(city, scopes: ["employees.read"])
    let admin = try await city.adminToken()
    let employee = try await Self.someEmployee(city)
    func call(_ path: String, _ json: String, _ headers: [String: String] = [:]) async throws -> HTTPExchange
    {
      try await city.curl.post(path, json: json, headers: headers)
    }
    let account = #"{"nip":"\#(employee.nip)","initialPassword":"sandi-panjang-sekali"}"#
    let created = try await call(
      "/simpeg.v1.AccountService/CreateUserAccount", account, ["Authorization": "Bearer \(admin)"])
    #expect(created.status == 200, "\(created)")
    let cases: [(String, HTTPExchange, Int, String)] = [
      (
        "no credential", try await call("/simpeg.v1.EmployeeService/GetEmployee", #"{"id":"1"}"#), 401,
        "unauthenticated"
      ),
      (
        "a scope that does not allow it",
        try await call(
          "/simpeg.v1.OrgService/CreateUnit", #"{"name":"X"}"#, ["Authorization": "Bearer \(reader)"]), 403,
        "permission_denied"
      ),
      (
        "no such employee",
        try await call(
          "/simpeg.v1.EmployeeService/GetEmployee", #"{"id":"987654321"}"#,
          ["Authorization": "Bearer \(reader)"]), 404, "not_found"
      ),
      (
        "the same account again",
        try await call(
          "/simpeg.v1.AccountService/CreateUserAccount", account, ["Authorization": "Bearer \(admin)"]), 409,
        "already_exists"
      ),
      (
        "a sample into a full store",
        try await call("/simpeg.v1.AdminService/LoadSample", "{}", ["Authorization": "Bearer \(admin)"]), 400,
        "failed_precondition"
      ),
      (
        "an unknown field",
        try await call(
          "/simpeg.v1.EmployeeService/GetEmployee", #"{"idd":"1"}"#, ["Authorization": "Bearer \(reader)"]),
        400, "invalid_argument"
      ),
      (
        "malformed JSON",
        try await call(
          "/simpeg.v1.EmployeeService/GetEmployee", #"{"id":"#, ["Authorization": "Bearer \(reader)"]), 400,
        "invalid_argument"
      ),
      (
        "an unknown method", try await call("/simpeg.v1.EmployeeService/FireEveryone", "{}"), 501,
        "unimplemented"
      ),
      (
        "the backup stream",
        try await call("/simpeg.v1.AdminService/Backup", "{}", ["Authorization": "Bearer \(admin)"]), 501,
        "unimplemented"
      ),
      (
        "a body over max-message-size",
        try await call(
          "/simpeg.v1.EmployeeService/GetEmployee",
          #"{"nip":""# + String(repeating: "9", count: 10_000) + #""}"#, ["Authorization": "Bearer \(reader)"]
        ), 429, "resource_exhausted"
      ),
      (
        "a login past its deadline",
        try await call(
          "/simpeg.v1.AuthService/Login", #"{"username":"admin","password":"salah-sekali"}"#,
          ["Connect-Timeout-Ms": "1"]), 504, "deadline_exceeded"
      ),
    ]
    for (what, response, status, code) in cases {
      #expect(response.status == status, "\(what): \(response)")
      #expect(response.header("content-type") == "application/json", "\(what)")
      let json = try response.json()
      #expect(json["code"] as? String == code, "\(what): \(response)")
      #expect(!(json["message"] as? String ?? "").isEmpty, "\(what): a message says what to do")
    }
    func message(_ what: String) throws -> String {
      try cases.first { $0.0 == what }?.1.json()["message"] as? String ?? ""
    }
    #expect(try message("an unknown field").contains("'idd'"), "the unknown field is named")
    #expect(
      try message("the backup stream").contains("simpeg-admin backup"), "the tool to use instead is named")
    await city.stop()
  }

  @Test func whileSimpegdIsDownCallsAreUnavailableAndTheGatewayRecoversByItself() async throws {
    let city = try await WebCity.start(sample: true)
    defer { city.cleanUp() }
    let key = try await Self.apiKey(city, scopes: ["employees.read"])
    let employee = try await Self.someEmployee(city)
    let path = "/simpeg.v1.EmployeeService/GetEmployee"
    let body = #"{"id":"\#(employee.id)"}"#
    #expect(
      try await city.curl.post(path, json: body, headers: ["Authorization": "Bearer \(key)"]).status == 200)
    await city.stopDaemon()
    let down = try await city.curl.post(path, json: body, headers: ["Authorization": "Bearer \(key)"])
    #expect(down.status == 503, "\(down)")
    #expect(try down.json()["code"] as? String == "unavailable")
    let health = try await city.curl.request("GET", "/healthz")
    #expect(health.status == 503)
    #expect(try health.json()["status"] as? String == "NOT_SERVING")
    try await city.restartDaemon()
    let back = try await city.curl.post(path, json: body, headers: ["Authorization": "Bearer \(key)"])
    #expect(back.status == 200, "the same gateway serves again once simpegd is back: \(back)")
    #expect(try await city.curl.request("GET", "/healthz").status == 200)
    await city.stop()
  }
}
