import SimpegRPC
import Testing

/// The client host a server counts a call under: the peer's, or the one a trusted forwarder
/// names.
@Suite struct ServerContextTests {
  static let method = MethodDescriptor(service: "s.S", method: "M", kind: .unary)

  static func context(peer: String, forwardedFor: String?, trusted: Bool) -> ServerContext {
    var metadata = Metadata()
    if let forwardedFor { metadata.add("forwarded-for", forwardedFor) }
    return ServerContext(
      method: method, metadata: metadata, peer: peer, deadline: nil, callID: 1,
      peerIsTrustedForwarder: trusted)
  }

  @Test func aTrustedForwarderNamesTheClient() {
    #expect(
      Self.context(peer: "10.0.0.5:4000", forwardedFor: "192.0.2.9", trusted: true).clientHost == "192.0.2.9")
  }

  @Test func anyOtherPeerIsCountedAsItselfWhateverItClaims() {
    #expect(
      Self.context(peer: "10.0.0.5:4000", forwardedFor: "192.0.2.9", trusted: false).clientHost == "10.0.0.5")
  }

  @Test func aForwarderWithoutAClaimIsCountedAsItself() {
    #expect(Self.context(peer: "[::1]:4000", forwardedFor: nil, trusted: true).clientHost == "[::1]")
    #expect(Self.context(peer: "10.0.0.5:4000", forwardedFor: "", trusted: true).clientHost == "10.0.0.5")
  }
}
