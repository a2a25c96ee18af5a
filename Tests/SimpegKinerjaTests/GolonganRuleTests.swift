import Testing

@testable import SimpegKinerja

@Suite("Golongan rule: status, scheme and promotion")
struct GolonganRuleTests {
  static let pns = try! NIP("198609262015051001")
  static let pppk = try! NIP("199303012024212011")

  @Test func aPNSAndACPNSCarryANIPPNSAndAPPPKAnNIPPPK() throws {
    try GolonganRule.check(.pns, fits: Self.pns)
    try GolonganRule.check(.cpns, fits: Self.pns)
    try GolonganRule.check(.pppk, fits: Self.pppk)
    try GolonganRule.check(.pppkParuhWaktu, fits: Self.pppk)
  }

  @Test func aStatusWithTheOtherKindOfNumberIsRefusedNamingBoth() {
    #expect(throws: GolonganError.statusDoesNotFitNIP(status: .pppk, nip: Self.pns)) {
      try GolonganRule.check(.pppk, fits: Self.pns)
    }
    let error = GolonganError.statusDoesNotFitNIP(status: .pns, nip: Self.pppk)
    #expect(error.description == "PNS needs a NIP PNS, but nip 199303012024212011 is a NI PPPK")
  }

  @Test func aGolonganMustBeOfTheStatusScheme() throws {
    #expect(try GolonganRule.check(.pns(.iiib), for: .cpns) == .pns(.iiib))
    #expect(try GolonganRule.check(.pppk(.ix), for: .pppk) == .pppk(.ix))
    #expect(throws: GolonganError.wrongScheme(.pppk(.ix), status: .pns)) {
      try GolonganRule.check(.pppk(.ix), for: .pns)
    }
  }

  @Test func onlyAPartTimePPPKMayHaveNoGolongan() throws {
    #expect(try GolonganRule.check(nil, for: .pppkParuhWaktu) == nil)
    #expect(throws: GolonganError.required(status: .pppk)) { try GolonganRule.check(nil, for: .pppk) }
    #expect(
      GolonganError.required(status: .pns).description == "is required for a PNS: a golongan/ruang I/a-IV/e")
  }

  @Test func aPromotionRaisesWithinItsScheme() {
    #expect(GolonganRule.isRaise(.pns(.iiic), over: .pns(.iiib)))
    #expect(!GolonganRule.isRaise(.pns(.iiib), over: .pns(.iiib)))
    #expect(!GolonganRule.isRaise(.pns(.iiia), over: .pns(.iiib)))
    #expect(GolonganRule.isRaise(.pppk(.x), over: .pppk(.ix)))
    #expect(!GolonganRule.isRaise(.pppk(.xvii), over: .pns(.ia)))
    #expect(GolonganRule.isRaise(.pns(.ia), over: nil))
  }
}
