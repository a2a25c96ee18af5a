import Foundation
import SimpegAPI
import SimpegTestSupport
import Testing

/// The activity watch through the real simpeg-web: as a Connect server stream and as
/// Server-Sent Events, each cut off and resumed from the last sequence seen with no gap and no
/// duplicate, and both ended cleanly when the gateway drains; the inbox stream as Server-Sent
/// Events, opening with the whole inbox and resumed the same way.
@Suite struct WebStreamsEndToEndTests {
  static let initial = "sandi-kinerja-awal"
  static let changed = "sandi-kinerja-2026-baru"

  /// The sample city with its evaluated staff member and supervisor logged in, each in a
  /// browser of their own.
  struct Scene {
    let city: WebCity
    let cast: SampleCast
    let staff: Curl
    let supervisor: Curl

    static func start(webArguments: [String] = []) async throws -> Scene {
      let city = try await WebCity.start(sample: true, webArguments: webArguments)
      do {
        let cast = try await SampleCast.find(
          admin: try await city.admin(), password: WebStreamsEndToEndTests.initial)
        let staff = city.browser()
        let supervisor = city.browser()
        try await city.logIn(staff, cast.staff.nip, initial, newPassword: changed)
        try await city.logIn(supervisor, cast.supervisor.nip, initial, newPassword: changed)
        return Scene(city: city, cast: cast, staff: staff, supervisor: supervisor)
      } catch {
        city.cleanUp()
        throw error
      }
    }

    /// The staff member logs an activity through the gateway; its id.
    func log(_ text: String) async throws -> String {
      let request = try cast.logRequest(text).jsonString()
      let response = try await staff.post("/simpeg.v1.ActivityService/LogActivity", json: request)
      guard response.status == 200, let id = try response.json()["id"] as? String else {
        throw SimpegdProcess.Failure("LogActivity failed: \(response)")
      }
      return id
    }
  }

  /// The activity events of a Connect stream body (enveloped JSON), with the end if it came.
  static func connectEvents(_ body: Data) throws -> (events: [[String: Any]], end: [String: Any]?) {
    var events: [[String: Any]] = []
    var end: [String: Any]?
    for message in ConnectEnvelopes.parse(body) {
      let object = try #require(try JSONSerialization.jsonObject(with: message.data) as? [String: Any])
      if message.flags & 2 != 0 { end = object } else { events.append(object) }
    }
    return (events, end)
  }

  static func logged(_ events: [[String: Any]]) -> [(sequence: UInt64, id: String)] {
    events.filter { $0["kind"] as? String == "ACTIVITY_EVENT_KIND_LOGGED" }.compactMap { event in
      guard let sequence = (event["sequence"] as? String).flatMap(UInt64.init),
        let id = (event["activity"] as? [String: Any])?["id"] as? String
      else { return nil }
      return (sequence, id)
    }
  }

  @Test func aConnectStreamDeliversActivitiesLiveAndResumesAfterADisconnect() async throws {
    let scene = try await Scene.start()
    defer { scene.city.cleanUp() }
    let headers = ["Content-Type": "application/connect+json"]
    let live = try CurlStream(
      scene.supervisor, "POST", "/simpeg.v1.ActivityService/WatchActivities", headers: headers,
      body: ConnectEnvelopes.frame(Data(#"{"startAtEnd":true}"#.utf8)))
    _ = try await live.wait { body in
      (try? Self.connectEvents(body).events.contains {
        $0["kind"] as? String == "ACTIVITY_EVENT_KIND_CAUGHT_UP"
      }) == true
    }
    let first = try await scene.log("Verifikasi berkas permohonan akta kelahiran")
    let seen = try await live.wait { body in
      (try? Self.logged(Self.connectEvents(body).events).contains { $0.id == first }) == true
    }
    let lastSeen = try #require(Self.logged(try Self.connectEvents(seen).events).last?.sequence)
    live.stop()

    let second = try await scene.log("Entri data permohonan KTP-el")
    let third = try await scene.log("Rapat koordinasi pelayanan")
    let resumed = try CurlStream(
      scene.supervisor, "POST", "/simpeg.v1.ActivityService/WatchActivities", headers: headers,
      body: ConnectEnvelopes.frame(Data(#"{"fromSequence":"\#(lastSeen)"}"#.utf8)))
    defer { resumed.stop() }
    let caughtUp = try await resumed.wait { body in
      (try? Self.connectEvents(body).events.contains {
        $0["kind"] as? String == "ACTIVITY_EVENT_KIND_CAUGHT_UP"
      }) == true
    }
    #expect(Self.logged(try Self.connectEvents(caughtUp).events).map(\.id) == [second, third])
    let fourth = try await scene.log("Penyusunan laporan bulanan")
    let after = try await resumed.wait { body in
      (try? Self.logged(Self.connectEvents(body).events).count) == 3
    }
    let events = Self.logged(try Self.connectEvents(after).events)
    #expect(events.map(\.id) == [second, third, fourth])
    #expect(events.allSatisfy { $0.sequence > lastSeen })
    #expect(events.map(\.sequence) == events.map(\.sequence).sorted())
    await scene.city.stop()
  }

  @Test func anEventStreamResumesFromLastEventIDWithNoGapAndNoDuplicate() async throws {
    let scene = try await Scene.start()
    defer { scene.city.cleanUp() }
    let fromEnd =
      "/events/activities?message=" + #"{"startAtEnd":true}"#.addingPercentEncoding(
        withAllowedCharacters: .alphanumerics)!
    let live = try CurlStream(scene.supervisor, "GET", fromEnd, headers: ["Accept": "text/event-stream"])
    let opened = try await live.wait { !SSEEvent.parse($0).isEmpty }
    #expect(live.head?.header("content-type") == "text/event-stream")
    #expect(try SSEEvent.parse(opened)[0].json()["kind"] as? String == "ACTIVITY_EVENT_KIND_CAUGHT_UP")
    let first = try await scene.log("Pelayanan tatap muka loket 1")
    let seen = try await live.wait { body in
      SSEEvent.parse(body).contains {
        (try? $0.json())?["activity"].flatMap { ($0 as? [String: Any])?["id"] as? String } == first
      }
    }
    let lastEvent = try #require(SSEEvent.parse(seen).last { $0.id != nil })
    #expect(try lastEvent.json()["sequence"] as? String == lastEvent.id, "an event's id is its sequence")
    live.stop()

    let second = try await scene.log("Pelayanan tatap muka loket 2")
    let third = try await scene.log("Pelayanan tatap muka loket 3")
    let resumed = try CurlStream(
      scene.supervisor, "GET", "/events/activities", headers: ["Last-Event-ID": lastEvent.id!])
    defer { resumed.stop() }
    let caughtUp = try await resumed.wait { body in
      SSEEvent.parse(body).contains {
        (try? $0.json())?["kind"] as? String == "ACTIVITY_EVENT_KIND_CAUGHT_UP"
      }
    }
    func ids(_ body: Data) -> [String] {
      SSEEvent.parse(body).compactMap { event in
        guard let json = try? event.json(), json["kind"] as? String == "ACTIVITY_EVENT_KIND_LOGGED" else {
          return nil
        }
        return (json["activity"] as? [String: Any])?["id"] as? String
      }
    }
    #expect(ids(caughtUp) == [second, third], "exactly the missed ones, in order")
    let fourth = try await scene.log("Pelayanan tatap muka loket 4")
    let after = try await resumed.wait { ids($0).count == 3 }
    #expect(ids(after) == [second, third, fourth])
    // Every id is past the one resumed from and never goes back; changes have ids of their
    // own ("caught up" repeats the sequence it caught up to).
    let sequences = SSEEvent.parse(after).compactMap { $0.id.flatMap(UInt64.init) }
    #expect(sequences.allSatisfy { $0 > UInt64(lastEvent.id!)! })
    #expect(sequences == sequences.sorted())
    let changes = SSEEvent.parse(after).filter {
      (try? $0.json())?["kind"] as? String != "ACTIVITY_EVENT_KIND_CAUGHT_UP"
    }
    #expect(Set(changes.compactMap(\.id)).count == changes.count)
    await scene.city.stop()
  }

  @Test func theInboxEventStreamOpensWithTheInboxAndResumesFromLastEventID() async throws {
    let scene = try await Scene.start()
    defer { scene.city.cleanUp() }
    /// The activities the events add to the inbox as ones to review, in order.
    func toReview(_ body: Data) -> [String] {
      SSEEvent.parse(body).compactMap { event in
        guard let json = try? event.json(), json["kind"] as? String == "INBOX_EVENT_KIND_ADDED",
          let item = json["item"] as? [String: Any],
          item["kind"] as? String == "INBOX_ITEM_KIND_ACTIVITY_TO_REVIEW"
        else { return nil }
        return item["recordId"] as? String
      }
    }
    func caughtUp(_ body: Data) -> Bool {
      SSEEvent.parse(body).contains { (try? $0.json())?["kind"] as? String == "INBOX_EVENT_KIND_CAUGHT_UP" }
    }
    let live = try CurlStream(
      scene.supervisor, "GET", "/events/inbox", headers: ["Accept": "text/event-stream"])
    let opened = try await live.wait(until: caughtUp)
    #expect(live.head?.header("content-type") == "text/event-stream")
    let before = Set(toReview(opened))
    let first = try await scene.log("Pelayanan akta kematian loket 1")
    #expect(!before.contains(first))
    let seen = try await live.wait { toReview($0).contains(first) }
    let lastEvent = try #require(SSEEvent.parse(seen).last { $0.id != nil })
    live.stop()

    let second = try await scene.log("Pelayanan akta kematian loket 2")
    let third = try await scene.log("Pelayanan akta kematian loket 3")
    let resumed = try CurlStream(
      scene.supervisor, "GET", "/events/inbox", headers: ["Last-Event-ID": lastEvent.id!])
    defer { resumed.stop() }
    let missed = try await resumed.wait(until: caughtUp)
    #expect(toReview(missed) == [second, third], "exactly the missed ones, in order")
    await scene.city.stop()
  }

  @Test func drainingEndsOpenStreamsCleanlyAndTheGatewayExits() async throws {
    let scene = try await Scene.start()
    defer { scene.city.cleanUp() }
    let connect = try CurlStream(
      scene.supervisor, "POST", "/simpeg.v1.ActivityService/WatchActivities",
      headers: ["Content-Type": "application/connect+json"],
      body: ConnectEnvelopes.frame(Data(#"{"startAtEnd":true}"#.utf8)))
    let events = try CurlStream(
      scene.supervisor, "GET", "/events/activities?message=%7B%22startAtEnd%22%3Atrue%7D")
    _ = try await connect.wait { !ConnectEnvelopes.parse($0).isEmpty }
    _ = try await events.wait { !SSEEvent.parse($0).isEmpty }
    scene.city.web.signal(SIGTERM)
    try await connect.waitForEnd(timeout: .seconds(30))
    try await events.waitForEnd(timeout: .seconds(30))
    let end = try #require(
      try Self.connectEvents(connect.body).end, "the Connect stream ends with its end message")
    #expect((end["error"] as? [String: Any])?["code"] as? String == "unavailable")
    #expect(
      !SSEEvent.parse(events.body).contains { $0.type == "end" },
      "event streams close without an end, so browsers resume")
    #expect(try await scene.city.web.waitForExit(timeout: .seconds(30)) == 0)
    await scene.city.stop()
  }
}
