/// One position of the organisation as the evaluator chain sees it: who supervises it and who
/// sits in it.
///
/// The identifier types are the caller's (store ids, sample ids); the rules only compare them.
public struct PositionOccupancy<PositionID: Hashable & Sendable, PersonID: Hashable & Sendable>: Sendable,
  Hashable
{
  /// The position.
  public var id: PositionID
  /// The supervising position (atasan langsung); nil for the top (the Wali Kota).
  public var supervisor: PositionID?
  /// The definitive holder; nil when the position is vacant.
  public var holder: PersonID?
  /// The acting holder (Plt), who evaluates in the holder's place when there is no holder.
  public var plt: PersonID?

  /// Creates the occupancy record of one position.
  public init(id: PositionID, supervisor: PositionID?, holder: PersonID?, plt: PersonID? = nil) {
    self.id = id
    self.supervisor = supervisor
    self.holder = holder
    self.plt = plt
  }
}
