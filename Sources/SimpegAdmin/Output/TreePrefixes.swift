/// The branch drawings of a depth-first tree listing: `├─ `, `└─ ` and the `│  ` lines of
/// ancestors that have more children below, from each node's depth alone.
public enum TreePrefixes {
  /// The prefix of each node of a depth-first listing with these depths (the first node's
  /// depth is the listing's top, drawn without a prefix).
  public static func make(depths: [Int]) -> [String] {
    guard let top = depths.min() else { return [] }
    let levels = depths.map { $0 - top }
    // A node is the last of its siblings when no later node of its depth comes before a
    // shallower one.
    var isLast = Array(repeating: true, count: levels.count)
    var seen: [Bool] = []
    for index in levels.indices.reversed() {
      let level = levels[index]
      if seen.count <= level { seen += Array(repeating: false, count: level + 1 - seen.count) }
      isLast[index] = !seen[level]
      seen[level] = true
      for deeper in (level + 1)..<seen.count { seen[deeper] = false }
    }
    var continues: [Bool] = []
    return levels.indices.map { index in
      let level = levels[index]
      if continues.count <= level { continues += Array(repeating: false, count: level + 1 - continues.count) }
      continues[level] = !isLast[index]
      guard level > 0 else { return "" }
      let lines = (1..<level).map { continues[$0] ? "│  " : "   " }.joined()
      return lines + (isLast[index] ? "└─ " : "├─ ")
    }
  }
}
