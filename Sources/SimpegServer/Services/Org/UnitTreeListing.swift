import SimpegAPI
import SimpegStore

/// The unit tree as a depth-first listing: each unit, then its sub-units in name order, with the
/// unit's own open positions and active employees counted.
enum UnitTreeListing {
  /// The nodes from `rootID` down (0: from the root of the organisation), leaving out closed
  /// units and what lies below them unless `includeClosed`, and units deeper than `maxDepth`
  /// (0: no limit). A root named explicitly is listed even when closed.
  static func nodes(
    from rootID: UInt64, includeClosed: Bool, maxDepth: UInt32, in transaction: ReadTransaction
  ) throws -> [Simpeg_V1_UnitTreeNode] {
    let roots: [Simpeg_Internal_V1_UnitRecord]
    if rootID == 0 {
      roots = try OrgLookup.children(of: 0, in: transaction).filter { includeClosed || !$0.closed }
    } else {
      roots = [try OrgLookup.unit(rootID, field: "root_id", in: transaction)]
    }
    let depthLimit = maxDepth == 0 ? UInt32(UnitWalk.maximumDepth) : maxDepth
    var nodes: [Simpeg_V1_UnitTreeNode] = []
    var visited: Set<UInt64> = []
    var stack: [(unit: Simpeg_Internal_V1_UnitRecord, depth: UInt32)] = roots.reversed().map { ($0, 0) }
    while let (unit, depth) = stack.popLast() {
      guard visited.insert(unit.id).inserted else {
        // A tree reaches each unit once: a unit met again lies on a cycle.
        throw UnitWalk.broken(
          at: unit.id, path: try UnitWalk.upward(from: unit.parentID, in: transaction).reversed() + [unit.id],
          direction: "below")
      }
      var node = Simpeg_V1_UnitTreeNode()
      node.unit = Simpeg_V1_Unit(unit)
      node.depth = depth
      node.positions = UInt32(try openPositions(of: unit.id, in: transaction))
      node.employees = UInt32(try activeEmployees(of: unit.id, in: transaction))
      nodes.append(node)
      guard depth < depthLimit else { continue }
      let children = try OrgLookup.children(of: unit.id, in: transaction)
      for child in children.reversed() where includeClosed || !child.closed {
        stack.append((child, depth + 1))
      }
    }
    return nodes
  }

  /// The open positions of one unit.
  static func openPositions(of unitID: UInt64, in transaction: ReadTransaction) throws -> Int {
    try Tables.positions.find(Tables.positionsByUnit, equalTo: unitID, in: transaction)
      .count { !$0.value.closed }
  }

  /// The active employees of one unit.
  static func activeEmployees(of unitID: UInt64, in transaction: ReadTransaction) throws -> Int {
    try Tables.employees.find(Tables.employeesByUnit, equalTo: unitID, in: transaction)
      .count { $0.value.active }
  }
}
