import Foundation
import SimpegAPI
import SimpegTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Running simpeg-web: the web app's files, health and metrics, its own TLS, and the nginx
/// snippet of Tools/nginx in front of it (Debian's nginx, on free loopback ports).
@Suite struct WebOperationsEndToEndTests {
  /// The runtime tests' TLS material: a CA and a certificate for `localhost`.
  static func fixture(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("SimpegRPCTests/Fixtures/tls/\(name)").path
  }

  /// A free loopback port, as the system hands one out.
  static func freePort() throws -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
        Glibc.bind(descriptor, pointer, length) == 0 && getsockname(descriptor, pointer, &length) == 0
      }
    }
    guard bound else { throw SimpegdProcess.Failure("no free port") }
    return Int(UInt16(bigEndian: address.sin_port))
  }

  @Test func theBuiltInWebAppIsServedWithItsTypesCachingAndPolicies() async throws {
    let city = try await WebCity.start()
    defer { city.cleanUp() }
    let page = try await city.curl.request("GET", "/")
    #expect(page.status == 200)
    #expect(page.header("content-type") == "text/html; charset=utf-8")
    #expect(page.text.contains("lang=\"id\"") && page.text.contains("SIMPEG Kota Salatiga"))
    #expect(page.header("cache-control") == "no-cache")
    #expect(page.header("content-security-policy")?.contains("default-src 'self'") == true)
    #expect(page.header("content-security-policy")?.contains("frame-ancestors 'none'") == true)
    #expect(page.header("x-content-type-options") == "nosniff")
    let etag = try #require(page.header("etag"))
    let again = try await city.curl.request("GET", "/", headers: ["If-None-Match": etag])
    #expect(again.status == 304, "a browser's copy is revalidated, not sent again")
    let script = try await city.curl.request("GET", "/js/api.mjs")
    #expect(script.status == 200)
    #expect(
      ["application/javascript; charset=utf-8", "text/javascript; charset=utf-8"].contains(
        script.header("content-type") ?? ""))
    let style = try await city.curl.request("GET", "/gaya.css")
    #expect(style.header("content-type") == "text/css; charset=utf-8")
    let missing = try await city.curl.request("GET", "/tidak-ada.html")
    #expect(missing.status == 404)
    #expect(missing.text.contains("Halaman tidak ditemukan"))
    let asIs = Curl(baseURL: city.web.baseURL, folder: city.folder, options: ["--path-as-is"])
    let outside = try await asIs.request("GET", "/../../Package.swift")
    #expect(outside.status != 200, "nothing outside the folder is served")
    await city.stop()
  }

  @Test func aWebRootFolderReplacesTheBuiltInWebApp() async throws {
    let root = try SimpegdProcess.makeFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    try "<!doctype html><title>Aplikasi</title>".write(
      to: root.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
    try "{}".write(to: root.appendingPathComponent("manifest.webmanifest"), atomically: true, encoding: .utf8)
    let city = try await WebCity.start(webArguments: ["--web-root", root.path])
    defer { city.cleanUp() }
    #expect(try await city.curl.request("GET", "/").text.contains("Aplikasi"))
    #expect(try await city.curl.request("GET", "/js/api.mjs").status == 404)
    #expect(
      try await city.curl.request("GET", "/manifest.webmanifest").header("content-type")?.hasPrefix(
        "application/manifest+json") == true)
    await city.stop()
  }

  @Test func healthAndMetricsReportTheGatewayAndSimpegd() async throws {
    let city = try await WebCity.start()
    defer { city.cleanUp() }
    let health = try await city.curl.request("GET", "/healthz")
    #expect(health.status == 200)
    #expect(try health.json()["status"] as? String == "SERVING")
    _ = try await city.curl.post("/simpeg.v1.AuthService/WhoAmI", json: "{}")
    let metricsPort = try #require(city.web.metricsPort)
    let metrics = try await Curl(baseURL: "http://127.0.0.1:\(metricsPort)", folder: city.folder).request(
      "GET", "/metrics")
    #expect(metrics.status == 200)
    #expect(
      metrics.text.contains(
        #"simpeg_web_requests_total{route="simpeg.v1.AuthService/WhoAmI",code="unauthenticated"}"#)
        || metrics.text.contains(
          #"simpeg_web_requests_total{code="unauthenticated",route="simpeg.v1.AuthService/WhoAmI"}"#),
      "\(metrics.text.prefix(2000))")
    #expect(metrics.text.contains("simpeg_web_request_duration_seconds"))
    await city.stop()
  }

  @Test func theGatewayServesHTTPSWithItsOwnCertificate() async throws {
    let city = try await WebCity.start(
      webArguments: ["--tls-cert", Self.fixture("server.pem"), "--tls-key", Self.fixture("server.key")],
      tls: true)
    defer { city.cleanUp() }
    let port = city.web.httpPort
    let curl = Curl(
      baseURL: "https://localhost:\(port)", folder: city.folder,
      options: ["--cacert", Self.fixture("ca.pem"), "--resolve", "localhost:\(port):127.0.0.1"])
    let health = try await curl.request("GET", "/healthz")
    #expect(health.status == 200, "\(health)")
    let login = try await curl.post("/auth/login", json: #"{"username":"nobody","password":"salah-sekali"}"#)
    #expect(login.status == 401)
    let plain = try? await Curl(baseURL: "http://127.0.0.1:\(port)", folder: city.folder).request(
      "GET", "/healthz", timeout: 10)
    #expect(plain?.status != 200, "plain HTTP is not served on the TLS port")
    await city.stop()
  }

  @Test(
    .enabled(
      if: FileManager.default.isExecutableFile(atPath: "/usr/sbin/nginx"),
      "needs Debian's nginx (Tools/lib/ensure-deps.sh installs nginx-light)"))
  func theNginxSnippetCarriesCallsStreamsAndTheClientsAddress() async throws {
    let city = try await WebCity.start(sample: true, webArguments: ["--trusted-proxies", "127.0.0.1"])
    defer { city.cleanUp() }
    let https = try Self.freePort()
    let http = try Self.freePort()
    let snippet = try String(
      contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Tools/nginx/simpeg-web.conf"), encoding: .utf8)
    var configured: [String] = []
    for line in snippet.split(separator: "\n", omittingEmptySubsequences: false) {
      var line = String(line)
      if line.contains("# set: simpeg-web's listen") { line = "    server 127.0.0.1:\(city.web.httpPort);" }
      if line.contains("# set: the public address for plain HTTP") {
        line = "    listen 127.0.0.1:\(http);"
      } else if line.contains("# set: the public address") {
        line = "    listen 127.0.0.1:\(https) ssl http2;"
      }
      if line.contains("# set: the certificate chain") {
        line = "    ssl_certificate \(Self.fixture("server.pem"));"
      }
      if line.contains("# set: its key") { line = "    ssl_certificate_key \(Self.fixture("server.key"));" }
      configured.append(line)
    }
    let folder = city.folder
    try configured.joined(separator: "\n").write(
      to: folder.appendingPathComponent("simpeg-web.conf"), atomically: true, encoding: .utf8)
    let main = """
      worker_processes 1;
      daemon off;
      pid \(folder.path)/nginx.pid;
      error_log \(folder.path)/nginx-error.log;
      events { worker_connections 256; }
      http {
        access_log off;
        client_body_temp_path \(folder.path)/nginx-body;
        proxy_temp_path \(folder.path)/nginx-proxy;
        include \(folder.path)/simpeg-web.conf;
      }
      """
    try main.write(to: folder.appendingPathComponent("nginx.conf"), atomically: true, encoding: .utf8)
    let nginx = ChildProcess()
    nginx.executableURL = URL(fileURLWithPath: "/usr/sbin/nginx")
    nginx.arguments = [
      "-c", folder.appendingPathComponent("nginx.conf").path, "-p", folder.path, "-e",
      folder.appendingPathComponent("nginx-error.log").path,
    ]
    nginx.standardOutput = FileHandle.nullDevice
    nginx.standardError = FileHandle.nullDevice
    try nginx.run()
    defer {
      kill(nginx.processIdentifier, SIGQUIT)
      nginx.waitUntilExit()
    }
    let curl = Curl(
      baseURL: "https://localhost:\(https)", folder: folder,
      options: ["--cacert", Self.fixture("ca.pem"), "--resolve", "localhost:\(https):127.0.0.1"])
    var health: HTTPExchange?
    for _ in 0..<500 where health?.status != 200 {
      health = try? await curl.request("GET", "/healthz", timeout: 5)
      if health?.status != 200 { try await Task.sleep(for: .milliseconds(20)) }
    }
    #expect(
      health?.status == 200,
      "nginx serves the gateway: \((try? String(contentsOf: folder.appendingPathComponent("nginx-error.log"), encoding: .utf8)) ?? "")"
    )
    let redirect = try await Curl(baseURL: "http://127.0.0.1:\(http)", folder: folder).request("GET", "/")
    #expect(redirect.status == 301)

    // Behind the trusted proxy the cookie is Secure, and the gateway logs the client's address.
    let token = try await city.adminToken()
    let login = try await curl.post(
      "/auth/login", json: #"{"username":"admin","password":"sandi-admin-kota-salatiga"}"#,
      headers: ["X-Request-Id": "lewat-nginx-1"])
    #expect(login.status == 200, "\(login)")
    #expect(login.header("set-cookie")?.contains("Secure") == true)
    #expect(login.header("x-request-id") == "lewat-nginx-1")

    // A stream passes through as it comes.
    let stream = try CurlStream(
      curl, "GET", "/events/activities?message=%7B%22startAtEnd%22%3Atrue%7D",
      headers: ["Authorization": "Bearer \(token)"])
    defer { stream.stop() }
    let events = try await stream.wait { !SSEEvent.parse($0).isEmpty }
    #expect(try SSEEvent.parse(events)[0].json()["kind"] as? String == "ACTIVITY_EVENT_KIND_CAUGHT_UP")
    stream.stop()
    await city.stop()
  }
}
