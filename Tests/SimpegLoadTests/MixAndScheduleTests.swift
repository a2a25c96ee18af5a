import Testing

@testable import SimpegLoad

@Suite("simpeg-load mixes and the open-loop schedule")
struct MixAndScheduleTests {
  @Test("call i of an open loop is due at i / rate, rounded down to the nanosecond")
  func offsets() throws {
    let four = try OpenLoopSchedule(rate: 4)
    #expect((0..<5).map { four.offset(ofCall: $0) } == [0, 250, 500, 750, 1_000].map { .milliseconds($0) })
    let three = try OpenLoopSchedule(rate: 3)
    #expect(three.offsetNanoseconds(ofCall: 1) == 333_333_333)
    #expect(three.offsetNanoseconds(ofCall: 2) == 666_666_666)
    #expect(three.offsetNanoseconds(ofCall: 3) == 1_000_000_000)
  }

  @Test("the calls of a run are those due strictly before its end")
  func callsBefore() throws {
    let four = try OpenLoopSchedule(rate: 4)
    #expect(four.calls(before: .zero) == 0)
    #expect(four.calls(before: .nanoseconds(1)) == 1)
    #expect(four.calls(before: .milliseconds(250)) == 1)
    #expect(four.calls(before: .milliseconds(251)) == 2)
    #expect(four.calls(before: .seconds(1)) == 4)
    #expect(try OpenLoopSchedule(rate: 3).calls(before: .seconds(1)) == 3)
    #expect(try OpenLoopSchedule(rate: 1_000).calls(before: .seconds(10)) == 10_000)
    #expect(try OpenLoopSchedule(rate: 0.5).calls(before: .seconds(10)) == 5)
    // The count agrees with the offsets for awkward rates and ends.
    var random = SeededRandom(seed: 42)
    for _ in 0..<500 {
      let schedule = try OpenLoopSchedule(rate: Double.random(in: 0.1...50_000, using: &random))
      let end = Duration.nanoseconds(Int64.random(in: 1...30_000_000_000, using: &random))
      let count = schedule.calls(before: end)
      #expect(count >= 1)
      #expect(schedule.offset(ofCall: count - 1) < end)
      #expect(schedule.offset(ofCall: count) >= end)
    }
  }

  @Test("latency counts from the intended send time, never below zero")
  func latency() throws {
    let four = try OpenLoopSchedule(rate: 4)
    // Call 2 was due at 500 ms; sent late at 900 ms and answered at 1,000 ms: 500 ms, not 100.
    #expect(four.latency(ofCall: 2, completedAt: .milliseconds(1_000)) == .milliseconds(500))
    #expect(four.latency(ofCall: 2, completedAt: .milliseconds(400)) == .zero)
  }

  @Test("a rate must be positive and finite")
  func badRates() {
    for rate in [0, -1, .infinity, .nan, 20_000_000] as [Double] {
      #expect(throws: LoadUsageError.self) { try OpenLoopSchedule(rate: rate) }
    }
  }

  @Test("each operation owns a run of tickets as long as its weight")
  func tickets() throws {
    let mix = try LoadMix(parsing: "review=1,log=3")
    #expect(mix.description == "log=3,review=1")
    #expect((0..<4).map { mix.operation(at: $0) } == [.log, .log, .log, .review])
    #expect(mix.needsSupervisors)
    #expect(!LoadMix.reads.needsSupervisors)
    #expect(LoadMix.morning.total == 100)
  }

  @Test("seeded picks follow the weights and repeat with the seed")
  func picks() throws {
    let mix = try LoadMix(parsing: "log=70,get-employee=20,review=10")
    var first = SeededRandom(seed: 7, caller: 0)
    var again = SeededRandom(seed: 7, caller: 0)
    var other = SeededRandom(seed: 7, caller: 1)
    var counts: [LoadOperation: Int] = [:]
    var sameAsOther = 0
    for _ in 0..<10_000 {
      let picked = mix.pick(using: &first)
      #expect(picked == mix.pick(using: &again))
      if picked == mix.pick(using: &other) { sameAsOther += 1 }
      counts[picked, default: 0] += 1
    }
    #expect((6_700...7_300).contains(counts[.log] ?? 0))
    #expect((1_750...2_250).contains(counts[.getEmployee] ?? 0))
    #expect((800...1_200).contains(counts[.review] ?? 0))
    #expect(sameAsOther < 10_000)
  }
}
