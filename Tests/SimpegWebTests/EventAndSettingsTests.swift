import Foundation
import NIOConcurrencyHelpers
import NIOCore
import SimpegAPI
import SimpegSettings
import Testing

@testable import SimpegWeb

/// Server-Sent Events text, the resumable stream registration, the drain signal and settings.
@Suite struct EventAndSettingsTests {
  @Test func anEventCarriesItsSequenceAsIdAndItsJSONAsData() {
    let event = ServerSentEvents.event(id: 42, data: ByteBuffer(string: #"{"a":1}"#))
    #expect(String(buffer: event) == "id: 42\ndata: {\"a\":1}\n\n")
    let unnumbered = ServerSentEvents.event(id: 0, type: "end", data: ByteBuffer(string: "{}"))
    #expect(String(buffer: unnumbered) == "event: end\ndata: {}\n\n")
  }

  @Test func dataWithLineBreaksBecomesSeveralDataLines() {
    let event = ServerSentEvents.event(id: nil, data: ByteBuffer(string: "a\nb"))
    #expect(String(buffer: event) == "data: a\ndata: b\n\n")
  }

  @Test func theOpeningSetsTheReconnectDelay() {
    #expect(String(buffer: ServerSentEvents.opening(retry: .seconds(3))).hasPrefix("retry: 3000\n"))
  }

  @Test(arguments: [("17", UInt64(17)), (" 8 ", 8), ("", nil), ("x", nil), ("-1", nil), (nil, nil)])
  func lastEventIDsAreSequences(text: String?, expected: UInt64?) {
    #expect(ServerSentEvents.sequence(fromLastEventID: text) == expected)
  }

  @Test func theActivityStreamResumesAfterTheLastEventSeen() throws {
    let stream = try #require(EventStreamTable.catalogue["activities"])
    var request = Simpeg_V1_WatchActivitiesRequest()
    request.startAtEnd = true
    let resumed = try Simpeg_V1_WatchActivitiesRequest(
      buffer: try stream.resume(try request.serializedBuffer(), 99))
    #expect(resumed.fromSequence == 99)
    #expect(!resumed.startAtEnd)
    var event = Simpeg_V1_ActivityEvent()
    event.sequence = 1234
    #expect(try stream.sequence(try event.serializedBuffer()) == 1234)
  }

  @Test func theInboxStreamResumesAfterTheLastEventSeen() throws {
    let stream = try #require(EventStreamTable.catalogue["inbox"])
    #expect(stream.descriptor == Simpeg_V1_InboxService.Method.WatchInbox.descriptor)
    let resumed = try Simpeg_V1_WatchInboxRequest(
      buffer: try stream.resume(try Simpeg_V1_WatchInboxRequest().serializedBuffer(), 57))
    #expect(resumed.fromSequence == 57)
    // The event's id is where to resume from, not its sequence: a change's earlier events resume
    // from the sequence before it, so a cut between them replays the change.
    var event = Simpeg_V1_InboxEvent()
    event.sequence = 4321
    event.resumeFrom = 4320
    event.kind = .added
    #expect(try stream.sequence(try event.serializedBuffer()) == 4320)
  }

  @Test func theDrainRunsEachActionOnceAndAtOnceForLateComers() {
    let signal = DrainSignal()
    let count = NIOLockedValueBox(0)
    _ = signal.onDrain { count.withLockedValue { $0 += 1 } }
    let cancelled = signal.onDrain { count.withLockedValue { $0 += 100 } }
    cancelled.cancel()
    signal.begin()
    signal.begin()
    #expect(count.withLockedValue { $0 } == 1)
    _ = signal.onDrain { count.withLockedValue { $0 += 10 } }
    #expect(count.withLockedValue { $0 } == 11)
    #expect(signal.isDraining)
  }

  @Test func defaultsNeedNoConfiguration() throws {
    let configuration = try WebSettings(flags: [:], environment: [:], configurationFile: nil)
      .webConfiguration()
    #expect(configuration.host == "127.0.0.1")
    #expect(configuration.port == 8080)
    #expect(configuration.upstreamAddress == "127.0.0.1:7400")
    #expect(configuration.corsAllowedOrigins.isEmpty)
    #expect(configuration.cookieSecurity == .automatic)
  }

  @Test func flagsBeatTheEnvironmentWhichBeatsTheFile() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("simpeg-web-\(UUID()).conf")
    try "listen = 0.0.0.0:1\nupstream = 10.0.0.1:7400\nmax-connections = 5\n".write(
      to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    let settings = try WebSettings(
      flags: ["listen": "127.0.0.1:9"],
      environment: [
        "SIMPEG_WEB_LISTEN": "10.9.9.9:2", "SIMPEG_WEB_UPSTREAM": "10.0.0.2:7400",
        "SIMPEG_LISTEN": "ignored:1",
      ],
      configurationFile: file.path)
    let configuration = try settings.webConfiguration()
    #expect(configuration.port == 9)
    #expect(configuration.upstreamAddress == "10.0.0.2:7400")
    #expect(configuration.maxConnections == 5)
  }

  @Test func badValuesAreRefusedNamingTheSetting() throws {
    for (name, value) in [
      ("listen", "nowhere"), ("cookie-secure", "sometimes"), ("cors-allow-origins", "app.example"),
      ("max-message-size", "1"), ("idle-timeout", "0s"), ("upstream-tls", "maybe"), ("tls-cert", "a.pem"),
    ] {
      let settings = try WebSettings(flags: [name: value], environment: [:], configurationFile: nil)
      #expect(throws: SettingsError.self, "\(name)=\(value)") { _ = try settings.webConfiguration() }
    }
  }

  @Test func theEnvironmentVariablesHaveTheWebPrefix() {
    #expect(WebSettings.all.allSatisfy { $0.environmentVariable.hasPrefix("SIMPEG_WEB_") })
    #expect(
      WebSettings.all.first { $0.name == "max-message-size" }?.environmentVariable
        == "SIMPEG_WEB_MAX_MESSAGE_SIZE")
  }
}
