import Foundation
import SimpegBenchKit

#if canImport(Glibc)
  import Glibc
#endif

/// The kernel's page cache, for a benchmark that must start cold.
enum PageCache {
  /// Flushes every file below `folder` and asks the kernel to drop its cached pages
  /// (`posix_fadvise(POSIX_FADV_DONTNEED)`, which needs no privileges for one's own files);
  /// returns the bytes of the files so treated. The first reads of a daemon started afterwards
  /// come from the disk, as after a reboot.
  static func evict(folder: String) throws -> Int {
    var total = 0
    let enumerator = FileManager.default.enumerator(atPath: folder)
    while let name = enumerator?.nextObject() as? String {
      let path = (folder as NSString).appendingPathComponent(name)
      var info = stat()
      guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
      let descriptor = open(path, O_RDONLY)
      guard descriptor >= 0 else { throw BenchError("cannot open \(path) to evict it: errno \(errno)") }
      defer { close(descriptor) }
      // Dirty pages cannot be dropped: write them first.
      _ = fsync(descriptor)
      let status = posix_fadvise(descriptor, 0, 0, Int32(POSIX_FADV_DONTNEED))
      guard status == 0 else { throw BenchError("posix_fadvise on \(path) failed: \(status)") }
      total += Int(info.st_blocks) * 512
    }
    return total
  }
}
