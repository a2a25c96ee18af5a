import NIOCore
import NIOPosix
import Testing

@testable import SimpegRPC

@Suite struct EventLoopTaskExecutorTests {
  @Test func tasksRunOnTheirEventLoop() async throws {
    let loop = MultiThreadedEventLoopGroup.singleton.next()
    let executor = EventLoopTaskExecutor(eventLoop: loop)
    let onLoop = await Task(executorPreference: executor) { loop.inEventLoop }.value
    #expect(onLoop)
  }

  @Test(arguments: ["scheduled", "executed", "direct"])
  func sleepingTaskWakesWhenCancelledFromAnywhere(from: String) async throws {
    let loop = MultiThreadedEventLoopGroup.singleton.next()
    let executor = EventLoopTaskExecutor(eventLoop: loop)
    let probe = Probe()
    let task = Task(executorPreference: executor) {
      probe.hit("started")
      do { try await Task.sleep(for: .seconds(60)) } catch { probe.hit("cancelled") }
    }
    #expect(await eventually { probe.count("started") == 1 })
    switch from {
    case "scheduled": loop.scheduleTask(in: .milliseconds(20)) { task.cancel() }
    case "executed": loop.execute { task.cancel() }
    default: task.cancel()
    }
    #expect(await eventually { probe.count("cancelled") == 1 })
  }
}
