/// A key of two components that sorts like the tuple `(first, second)`.
public struct CompositeKey2<First: StoreKey, Second: StoreKey>: StoreKey {
  /// The leading component.
  public var first: First
  /// The trailing component.
  public var second: Second

  /// Creates a key from its components.
  public init(_ first: First, _ second: Second) {
    self.first = first
    self.second = second
  }

  /// Appends both components in order.
  public func encode(into encoder: inout KeyEncoder) {
    first.encode(into: &encoder)
    second.encode(into: &encoder)
  }

  /// Reads both components in order.
  public init(from decoder: inout KeyDecoder) throws {
    first = try First(from: &decoder)
    second = try Second(from: &decoder)
  }
}

extension CompositeKey2: Equatable where First: Equatable, Second: Equatable {}
extension CompositeKey2: Hashable where First: Hashable, Second: Hashable {}

/// A key of three components that sorts like the tuple `(first, second, third)`.
public struct CompositeKey3<First: StoreKey, Second: StoreKey, Third: StoreKey>: StoreKey {
  /// The leading component.
  public var first: First
  /// The middle component.
  public var second: Second
  /// The trailing component.
  public var third: Third

  /// Creates a key from its components.
  public init(_ first: First, _ second: Second, _ third: Third) {
    self.first = first
    self.second = second
    self.third = third
  }

  /// Appends the three components in order.
  public func encode(into encoder: inout KeyEncoder) {
    first.encode(into: &encoder)
    second.encode(into: &encoder)
    third.encode(into: &encoder)
  }

  /// Reads the three components in order.
  public init(from decoder: inout KeyDecoder) throws {
    first = try First(from: &decoder)
    second = try Second(from: &decoder)
    third = try Third(from: &decoder)
  }
}

extension CompositeKey3: Equatable where First: Equatable, Second: Equatable, Third: Equatable {}
extension CompositeKey3: Hashable where First: Hashable, Second: Hashable, Third: Hashable {}
