import SimpegAPI
import SimpegStore

/// Walks the unit tree up (to refuse moves that would make a cycle) and down (to list a unit's
/// sub-units). Both walks are bounded, so damaged data is reported rather than looped on.
enum UnitAncestry {
  /// The deepest unit tree walked.
  static let maximumDepth = 64

  /// The ids from `unitID` up to the root, both included.
  static func path(from unitID: UInt64, in transaction: ReadTransaction) throws -> [UInt64] {
    var path: [UInt64] = []
    var current = unitID
    while current != 0 {
      guard path.count < maximumDepth, !path.contains(current) else {
        throw RPCError(
          .failedPrecondition,
          "the unit tree above unit \(unitID) is broken (a cycle or deeper than \(maximumDepth)): "
            + "\(path.map(String.init).joined(separator: " -> "))")
      }
      path.append(current)
      guard let unit = try Tables.units.get(current, in: transaction) else { break }
      current = unit.parentID
    }
    return path
  }

  /// Refuses moving `unitID` under `newParentID` when the new parent is the unit itself or lies
  /// below it.
  static func ensureMoveKeepsTree(
    _ unitID: UInt64, under newParentID: UInt64, in transaction: ReadTransaction
  ) throws {
    let above = try path(from: newParentID, in: transaction)
    guard let index = above.firstIndex(of: unitID) else { return }
    let route = above[...index].reversed().map(String.init).joined(separator: " -> ")
    throw RPCError(
      .failedPrecondition,
      "new_parent_id: unit \(newParentID) lies below unit \(unitID) (\(route)); "
        + "moving would make a cycle")
  }

  /// `rootID` and the ids of every unit below it, closed ones included.
  static func subtree(of rootID: UInt64, in transaction: ReadTransaction) throws -> Set<UInt64> {
    var found: Set<UInt64> = [rootID]
    var frontier = [rootID]
    var depth = 0
    while !frontier.isEmpty, depth < maximumDepth {
      var next: [UInt64] = []
      for parent in frontier {
        for child in try OrgLookup.children(of: parent, in: transaction)
        where found.insert(child.id).inserted {
          next.append(child.id)
        }
      }
      frontier = next
      depth += 1
    }
    return found
  }
}
