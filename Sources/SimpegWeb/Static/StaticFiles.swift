import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Serves the web app's files from a folder: the `web-root` setting, or the web app built into
/// the gateway (`Public/`, copied beside the binary as `simpeg_SimpegWeb.resources/Public`).
///
/// Content types come from the file extension (`.mjs` and `.js` as JavaScript, text with
/// `charset=utf-8`). Every file is served with `Cache-Control: no-cache` and its `ETag` and
/// `Last-Modified`, so browsers keep it and revalidate with a cheap 304, and a new version is
/// seen at once: the app has no build step that would give changed files new names. Pages get a
/// strict `Content-Security-Policy` (the app's own scripts, styles and images only, never
/// framed), `X-Content-Type-Options: nosniff` and `Referrer-Policy: same-origin`.
struct StaticFiles: Sendable {
  /// The folder served, nil when there is none.
  let root: String?
  private let middleware: FileMiddleware<WebRequestContext, LocalFileSystem>?

  /// The policy pages are served with.
  static let contentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    + "media-src 'self' blob:; connect-src 'self'; font-src 'self'; object-src 'none'; "
    + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

  /// Files of `root`, or of the built-in web app when `root` is nil.
  init(root: String?, logger: Logger) {
    let folder = root ?? Self.builtInRoot
    self.root = folder
    middleware = folder.map {
      FileMiddleware(
        $0, cacheControl: CacheControl([]), searchForIndexHtml: true, logger: logger)
    }
  }

  /// The built-in web app's folder beside the running binary (or the test bundle), if present.
  static var builtInRoot: String? {
    var candidates: [URL] = []
    if let executable = Bundle.main.executableURL {
      candidates.append(executable.deletingLastPathComponent())
    }
    candidates.append(Bundle.main.bundleURL)
    candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
    for folder in candidates {
      let app = folder.appendingPathComponent("simpeg_SimpegWeb.resources/Public")
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: app.path, isDirectory: &isFolder), isFolder.boolValue {
        return app.path
      }
    }
    return nil
  }

  /// The file `request` names, or a page saying there is none.
  func respond(to request: Request, context: WebRequestContext) async -> (Response, String) {
    guard let middleware else { return (Self.notFound(noWebRoot: true), "404") }
    var response: Response
    do {
      response = try await middleware.handle(request, context: context) { _, _ in
        throw HTTPError(.notFound)
      }
    } catch let error as HTTPError {
      response = error.status == .notFound ? Self.notFound(noWebRoot: false) : Self.plain(error.status)
    } catch {
      response = Self.plain(.internalServerError)
    }
    Self.addPolicies(&response.headers)
    if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-cache" }
    if let type = response.headers[.contentType], !type.contains("charset"),
      type.hasPrefix("text/") || type == "application/javascript" || type == "application/json"
    {
      response.headers[.contentType] = type + "; charset=utf-8"
    }
    return (response, String(response.status.code))
  }

  /// The security headers of pages.
  static func addPolicies(_ headers: inout HTTPFields) {
    headers[GatewayHeaders.contentSecurityPolicy] = contentSecurityPolicy
    headers[GatewayHeaders.referrerPolicy] = "same-origin"
    headers[GatewayHeaders.frameOptions] = "DENY"
  }

  /// A 404 page in Bahasa Indonesia.
  static func notFound(noWebRoot: Bool) -> Response {
    let detail =
      noWebRoot
      ? "Berkas aplikasi web tidak ditemukan di server ini; atur <code>web-root</code> simpeg-web."
      : "Alamat ini tidak ada di SIMPEG Kota Salatiga."
    let page = """
      <!doctype html>
      <html lang="id"><head><meta charset="utf-8"><title>Halaman tidak ditemukan</title></head>
      <body><h1>Halaman tidak ditemukan</h1><p>\(detail)</p><p><a href="/">Kembali ke beranda</a></p></body></html>

      """
    return Response(
      status: .notFound, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
      body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
  }

  private static func plain(_ status: HTTPResponse.Status) -> Response {
    Response(
      status: status, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
      body: ResponseBody(byteBuffer: ByteBuffer(string: "\(status.code) \(status.reasonPhrase)\n")))
  }
}
