/// A value the writer thread carries in memory from one write request to the next within a
/// group-commit batch, instead of reading and writing its row for every request (a counter, the
/// head of a hash chain).
///
/// The first request of a batch that uses it loads it with `load`, inside the batch's
/// transaction; later requests of the batch see what earlier ones set; `save` writes the last
/// value once, in the same transaction, just before the batch commits. So a request's change is
/// durable when the request is answered, exactly as if it had written the row itself.
///
/// Nothing is kept between batches: every batch loads afresh, so the value in memory can never
/// drift from what is stored. A batch that is aborted (a request threw while the batch shared
/// one transaction, or the map had to grow) forgets it with everything else it wrote; a request
/// that throws in a batch run with a nested transaction per request gives back its changes to
/// the value with its rows. The state owns what `save` writes: write those rows only through it,
/// or a later `save` of the same batch overwrites them.
public struct BatchState<Value>: Sendable {
  /// Names the state within a batch: two states of one name are the same state.
  public let name: String
  let load: @Sendable (WriteTransaction) throws -> Value
  let save: (@Sendable (Value, WriteTransaction) throws -> Void)?

  /// Declares a state named `name`, read with `load` and, when given, written back with `save`
  /// once per batch that changed it. Without `save` the state is derived from rows the requests
  /// write themselves (the last record of a chain), and only carried in memory.
  public init(
    name: String,
    load: @escaping @Sendable (WriteTransaction) throws -> Value,
    save: (@Sendable (Value, WriteTransaction) throws -> Void)? = nil
  ) {
    self.name = name
    self.load = load
    self.save = save
  }
}

extension WriteTransaction {
  /// Runs `body` on the batch's value of `state` (loaded first when no request of the batch has
  /// used it yet) and keeps what `body` leaves in it for the next request and for the batch's
  /// `save`. If `body` throws, the value stays as it was.
  public func update<Value, Result>(
    _ state: BatchState<Value>, _ body: (inout Value) throws -> Result
  ) throws -> Result {
    var value: Value
    if let known = batch.states.values[state.name] as? Value {
      value = known
    } else {
      value = try state.load(self)
    }
    let result = try body(&value)
    batch.states.set(value, for: state.name, save: state.save)
    return result
  }

  /// The batch's value of `state`, loaded first when no request of the batch has used it yet.
  public func value<Value>(of state: BatchState<Value>) throws -> Value {
    try update(state) { $0 }
  }
}

/// The values of the ``BatchState``s one batch has used, with what writes them back.
struct BatchStates {
  /// Each state's value, by name.
  private(set) var values: [String: Any] = [:]
  /// The writers of the states changed since the batch began, in the order first changed.
  private var pending: [(name: String, save: (WriteTransaction) throws -> Void)] = []

  /// Whether no state waits to be written.
  var isClean: Bool { pending.isEmpty }

  mutating func set<Value>(
    _ value: Value, for name: String, save: (@Sendable (Value, WriteTransaction) throws -> Void)?
  ) {
    values[name] = value
    guard let save else { return }
    if !pending.contains(where: { $0.name == name }) {
      pending.append(
        (
          name,
          { [name] transaction in
            // The value as the batch left it, not as it was when first changed.
            guard let last = transaction.batch.states.values[name] as? Value else { return }
            try save(last, transaction)
          }
        ))
    }
  }

  /// Writes every changed state once, in `transaction` (the batch's, just before its commit).
  func saveAll(in transaction: WriteTransaction) throws(StoreError) {
    for (name, save) in pending {
      do {
        try save(transaction)
      } catch let error as StoreError {
        throw error
      } catch {
        throw StoreError(.lmdb, "the batch state \(name) could not be written back: \(error)")
      }
    }
  }
}
