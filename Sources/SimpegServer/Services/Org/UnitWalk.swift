import SimpegAPI
import SimpegRPC
import SimpegStore

/// The one walk of the unit tree, up (a unit and its ancestors) and down (a unit and everything
/// below it), that every service uses: access to a unit's records, coverage of a predikat
/// organisasi, reports, moves, the perangkat daerah of a unit.
///
/// The tree is kept acyclic by every move (``ensureMoveKeepsTree(_:under:in:)``). Should stored
/// data ever hold a cycle, or a chain deeper than ``maximumDepth``, every walk reports it the same
/// way, as FAILED_PRECONDITION naming the path, rather than looping or silently stopping short.
enum UnitWalk {
  /// The deepest unit tree walked.
  static let maximumDepth = 64

  /// The refusal for a damaged tree at `unitID`, with the path walked.
  static func broken(at unitID: UInt64, path: [UInt64], direction: String) -> RPCError {
    RPCError(
      .failedPrecondition,
      "the unit tree \(direction) unit \(unitID) is broken (a cycle or deeper than \(maximumDepth)): "
        + "\(path.map(String.init).joined(separator: " -> ")); BKPSDM must repair the organisation")
  }

  /// `unitID` and its ancestors up to the root, nearest first; the walk stops at a parent that
  /// does not exist.
  static func upward(from unitID: UInt64, in transaction: ReadTransaction) throws -> [UInt64] {
    var path: [UInt64] = []
    var current = unitID
    while current != 0 {
      guard path.count < maximumDepth, !path.contains(current) else {
        throw broken(at: unitID, path: path + [current], direction: "above")
      }
      path.append(current)
      guard let unit = try Tables.units.get(current, in: transaction) else { break }
      current = unit.parentID
    }
    return path
  }

  /// `rootID` and every unit below it, closed ones included, parents before children.
  static func downward(from rootID: UInt64, in transaction: ReadTransaction) throws -> [UInt64] {
    var found: [UInt64] = [rootID]
    var seen: Set<UInt64> = [rootID]
    var frontier = [rootID]
    var depth = 0
    while !frontier.isEmpty {
      var next: [UInt64] = []
      for parent in frontier {
        for child in try OrgLookup.children(of: parent, in: transaction) {
          guard seen.insert(child.id).inserted, depth < maximumDepth else {
            throw broken(
              at: rootID, path: try upward(from: parent, in: transaction).reversed() + [child.id],
              direction: "below")
          }
          found.append(child.id)
          next.append(child.id)
        }
      }
      frontier = next
      depth += 1
    }
    return found
  }

  /// Whether `unitID` is `ancestorID` or lies below it.
  static func isUnit(_ unitID: UInt64, atOrBelow ancestorID: UInt64, in transaction: ReadTransaction) throws
    -> Bool
  {
    guard unitID != 0 else { return false }
    return try upward(from: unitID, in: transaction).contains(ancestorID)
  }

  /// Refuses moving `unitID` under `newParentID` when the new parent is the unit itself or lies
  /// below it.
  static func ensureMoveKeepsTree(
    _ unitID: UInt64, under newParentID: UInt64, in transaction: ReadTransaction
  ) throws {
    let above = try upward(from: newParentID, in: transaction)
    guard let index = above.firstIndex(of: unitID) else { return }
    let route = above[...index].reversed().map(String.init).joined(separator: " -> ")
    throw RPCError(
      .failedPrecondition,
      "new_parent_id: unit \(newParentID) lies below unit \(unitID) (\(route)); moving would make a cycle")
  }
}
