import Foundation

/// What a process (or some of its threads) has spent so far, read from Linux's /proc: CPU time in
/// user space and in the kernel. A bench samples it before and after a measured window and
/// divides the difference by the calls answered, so that its figures say what one call cost each
/// process, whatever the machine's load.
public struct ProcessUsage: Sendable {
  /// Seconds on a CPU in user space.
  public var user: Double
  /// Seconds on a CPU in the kernel (system calls, page writes, the network stack).
  public var system: Double

  /// A usage of `user` and `system` seconds.
  public init(user: Double = 0, system: Double = 0) {
    self.user = user
    self.system = system
  }

  /// The whole process `pid` (every thread, living ones and those that ended).
  public static func of(pid: pid_t) -> ProcessUsage? {
    cpu(statFile: "/proc/\(pid)/stat")
  }

  /// The threads of `pid` whose name starts with `prefix` (a thread name is cut to 15 bytes by
  /// the kernel), summed; nil when none has that name.
  public static func of(pid: pid_t, threadsNamed prefix: String) -> ProcessUsage? {
    let folder = "/proc/\(pid)/task"
    guard let threads = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return nil }
    var total: ProcessUsage?
    for thread in threads {
      guard let name = try? String(contentsOfFile: "\(folder)/\(thread)/comm", encoding: .utf8),
        name.hasPrefix(String(prefix.prefix(15))),
        let usage = cpu(statFile: "\(folder)/\(thread)/stat")
      else { continue }
      total = (total ?? ProcessUsage()) + usage
    }
    return total
  }

  /// The difference from `earlier` to this sample.
  public static func - (later: ProcessUsage, earlier: ProcessUsage) -> ProcessUsage {
    ProcessUsage(user: later.user - earlier.user, system: later.system - earlier.system)
  }

  /// Two samples added, as for several threads.
  public static func + (left: ProcessUsage, right: ProcessUsage) -> ProcessUsage {
    ProcessUsage(user: left.user + right.user, system: left.system + right.system)
  }

  /// utime and stime of a stat file, in seconds. The command name (field 2) is in parentheses
  /// and may hold spaces, so the fields are counted after its closing parenthesis.
  private static func cpu(statFile path: String) -> ProcessUsage? {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8),
      let close = text.lastIndex(of: ")")
    else { return nil }
    let fields = text[text.index(after: close)...].split(separator: " ")
    // After the name: state (3), ppid (4), ... utime (14), stime (15).
    guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else {
      return nil
    }
    let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
    return ProcessUsage(user: user / ticks, system: system / ticks)
  }
}

/// The writes the block device under a folder has completed so far (its /sys/dev/block/M:m/stat).
///
/// Per-process figures (`write_bytes` of /proc/PID/io) count whole page-cache folios, which on
/// recent kernels can be many pages for one dirtied 4 KiB page, so they do not say what reached
/// the disk; the device's own counters do, for everything on the machine that wrote to it in the
/// window.
public struct DeviceWrites: Sendable {
  /// Write requests completed (after the block layer merged adjacent ones).
  public var requests: UInt64
  /// Bytes written.
  public var bytes: UInt64

  /// A count of `requests` writes and `bytes` written.
  public init(requests: UInt64 = 0, bytes: UInt64 = 0) {
    self.requests = requests
    self.bytes = bytes
  }

  /// The device holding `path`, or nil where its counters cannot be read.
  public static func under(_ path: String) -> DeviceWrites? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    let device = UInt64(info.st_dev)
    // glibc's encoding of a dev_t: major in bits 8-19 and 32-43, minor in bits 0-7 and 20-31.
    let major = ((device >> 8) & 0xfff) | ((device >> 32) & ~UInt64(0xfff))
    let minor = (device & 0xff) | ((device >> 12) & ~UInt64(0xff))
    guard let text = try? String(contentsOfFile: "/sys/dev/block/\(major):\(minor)/stat", encoding: .utf8)
    else { return nil }
    let fields = text.split(separator: " ")
    // reads, read merges, read sectors, read ticks, writes (4), write merges, write sectors (6).
    guard fields.count > 6, let requests = UInt64(fields[4]), let sectors = UInt64(fields[6]) else {
      return nil
    }
    return DeviceWrites(requests: requests, bytes: sectors * 512)
  }

  /// The difference from `earlier` to this sample.
  public static func - (later: DeviceWrites, earlier: DeviceWrites) -> DeviceWrites {
    DeviceWrites(requests: later.requests &- earlier.requests, bytes: later.bytes &- earlier.bytes)
  }
}
