import SimpegAPI
import SimpegStore

/// The RHK cascade of a unit: the approved SKPs of everyone holding a position in the unit and
/// below, their RHKs as a tree from the head's RHKs down, depth-first.
enum CascadeListing {
  /// Builds the cascade of `unit` for `year`.
  static func build(
    unit: Simpeg_Internal_V1_UnitRecord, year: Int32, in transaction: ReadTransaction
  ) throws -> Simpeg_V1_GetCascadeResponse {
    var response = Simpeg_V1_GetCascadeResponse()
    let units = try UnitTree.subtree(of: unit.id, in: transaction)
    var positions = try UnitTree.positions(in: units, in: transaction)
    if let head = positions.firstIndex(where: { $0.id == unit.headPositionID }) {
      positions.insert(positions.remove(at: head), at: 0)
    }
    var skps: [Simpeg_V1_SKP] = []
    for position in positions where !position.closed {
      let record: Simpeg_Internal_V1_SKPRecord?
      if position.holderEmployeeID != 0 {
        record = try SKPLookup.record(employeeID: position.holderEmployeeID, year: year, in: transaction)
      } else if !position.officialHolder.isEmpty {
        record = try SKPLookup.record(
          employeeID: 0, officialPositionID: position.id, year: year, in: transaction)
      } else {
        continue
      }
      if let inForce = record?.inForce {
        skps.append(inForce)
      } else if position.holderEmployeeID != 0 {
        response.employeesWithoutApprovedSkp.append(position.holderEmployeeID)
      }
    }
    var owners: [UInt64: (skp: Simpeg_V1_SKP, rhk: Simpeg_V1_RHK)] = [:]
    var order: [UInt64] = []
    for skp in skps {
      for rhk in skp.content.rhks where owners[rhk.id] == nil {
        owners[rhk.id] = (skp, rhk)
        order.append(rhk.id)
      }
    }
    var children: [UInt64: [UInt64]] = [:]
    var roots: [UInt64] = []
    for id in order {
      let parent = owners[id]!.rhk.parentRhkID
      if parent != 0, owners[parent] != nil {
        children[parent, default: []].append(id)
      } else {
        roots.append(id)
      }
    }
    var visited: Set<UInt64> = []
    func visit(_ id: UInt64, depth: UInt32) {
      guard visited.insert(id).inserted, let (skp, rhk) = owners[id] else { return }
      var node = Simpeg_V1_CascadeNode()
      node.depth = depth
      node.rhk = rhk
      node.skpID = skp.id
      node.skpVersion = skp.version
      node.employeeID = skp.employeeID
      node.ownerName = skp.ownerName
      node.positionID = skp.positionID
      node.positionTitle = skp.positionTitle
      response.nodes.append(node)
      for child in children[id] ?? [] { visit(child, depth: depth + 1) }
    }
    for root in roots { visit(root, depth: 0) }
    return response
  }
}
