/// A unit of the sample Pemerintah Kota.
public struct SampleUnit: Sendable, Hashable, Codable {
  /// The unit's id, 1 for the Pemerintah Kota; parents have smaller ids than their children.
  public let id: Int
  /// The enclosing unit; nil for the Pemerintah Kota.
  public let parent: Int?
  /// The kind of unit.
  public let kind: UnitKind
  /// The unit's name, e.g. `Kelurahan Kauman Kidul`.
  public let name: String
  /// The position that leads the unit.
  public let head: Int

  /// Creates a unit.
  public init(id: Int, parent: Int?, kind: UnitKind, name: String, head: Int) {
    self.id = id
    self.parent = parent
    self.kind = kind
    self.name = name
    self.head = head
  }
}
