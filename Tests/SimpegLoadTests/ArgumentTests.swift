import ArgumentParser
import Testing

@testable import SimpegLoad

@Suite("simpeg-load arguments")
struct ArgumentTests {
  @Test("the defaults are a closed-loop morning of 64 callers with two watchers")
  func defaults() throws {
    let command = try LoadRunCommand.parse([])
    let plan = try command.plan()
    #expect(plan.mix == .morning)
    #expect(plan.callers == 64)
    #expect(plan.schedule == nil)
    #expect(plan.watchers == 2)
    #expect(plan.duration == .seconds(10))
    #expect(plan.warmup == .seconds(1))
    #expect(command.employeeCount == 64)
    let target = try command.target()
    #expect(target.host == "127.0.0.1")
    #expect(target.port == 7400)
  }

  @Test("scenarios choose their mixes; reads and writes hold no watchers")
  func scenarios() throws {
    #expect(try LoadRunCommand.parse(["--scenario", "reads"]).plan().mix == .reads)
    let writes = try LoadRunCommand.parse(["--scenario", "writes"]).plan()
    #expect(writes.mix == .writes)
    #expect(writes.watchers == 0)
    #expect(try LoadRunCommand.parse(["--scenario", "writes", "--watchers", "3"]).plan().watchers == 3)
  }

  @Test("--mix gives a custom mix; --rate an open loop; the rest as given")
  func customAndOpen() throws {
    let command = try LoadRunCommand.parse([
      "--mix", "log=80,get-employee=20", "--rate", "250", "--callers", "16", "--duration", "2.5",
      "--warmup", "0", "--seed", "9", "--address", "[::1]:7401", "--employees", "5",
    ])
    let plan = try command.plan()
    #expect(plan.mix.description == "log=80,get-employee=20")
    #expect(plan.schedule?.rate == 250)
    #expect(plan.callers == 16)
    #expect(plan.duration == .milliseconds(2_500))
    #expect(plan.warmup == .zero)
    #expect(plan.seed == 9)
    let target = try command.target()
    #expect(target.host == "::1")
    #expect(target.port == 7401)
    #expect(command.employeeCount == 5)
  }

  @Test(
    "invalid arguments are refused with a message naming the option",
    arguments: [
      (["--scenario", "custom"], "--scenario custom needs --mix"),
      (["--mix", "log=80,fly=20"], "unknown operation 'fly'"),
      (["--mix", "log=0"], "at least one positive weight"),
      (["--mix", "log=-1"], "negative"),
      (["--mix", "log=1,log=2"], "appears twice"),
      (["--mix", "log"], "NAME=WEIGHT"),
      (["--scenario", "reads", "--mix", "log=1"], "--mix goes with --scenario custom"),
      (["--rate", "0"], "--rate"),
      (["--callers", "0"], "--callers"),
      (["--duration", "0"], "--duration"),
      (["--address", "localhost"], "--address must be host:port"),
      (["--address", "localhost:99999"], "--address must be host:port"),
      (["--admin-username", "admin"], "go together"),
      (["--max-error-rate", "2"], "--max-error-rate"),
      (["--connections", "0"], "--connections"),
    ])
  func refused(arguments: [String], message: String) {
    do {
      _ = try LoadRunCommand.parse(arguments)
      Issue.record("\(arguments) was accepted")
    } catch {
      let text = LoadRunCommand.message(for: error)
      #expect(text.contains(message), "\(arguments): \(text)")
      #expect(LoadRunCommand.exitCode(for: error).rawValue == 64)
    }
  }

  @Test("the help names the scenarios, the set-up's needs and the exit statuses")
  func help() {
    let help = LoadRunCommand.helpMessage()
    for word in [
      "morning", "--setup sample", "--sample-organisation", "bootstrap-admin.txt", "Exit status", "--ack-log",
    ] {
      #expect(help.contains(word), "\(word)")
    }
  }
}
