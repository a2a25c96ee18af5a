import Testing

@testable import SimpegKinerja

@Suite("RHK realisation")
struct RealisationTests {
  private func day(_ month: Int, _ day: Int) -> CalendarDate {
    CalendarDate(year: 2025, month: month, day: day)!
  }

  @Test func monthlyRealisationIsOutputOverATwelfthOfTheAnnualTarget() throws {
    let realisation = try RHKRealisation(
      year: 2025, targets: [IKITarget(id: "laporan", annualQuantity: 12, unit: "laporan")],
      outputs: [ActivityOutput(iki: "laporan", date: day(1, 31), quantity: 1)])
    #expect(realisation.percentage(in: .month(1)) == Percentage(basisPoints: 10_000))
    #expect(realisation.percentage(in: .month(2)) == Percentage(basisPoints: 0))
  }

  @Test func quarterlyRealisationSumsTheQuarterAgainstAQuarterOfTheTarget() throws {
    let realisation = try RHKRealisation(
      year: 2025, targets: [IKITarget(id: "dok", annualQuantity: 40, unit: "dokumen")],
      outputs: [
        ActivityOutput(iki: "dok", date: day(1, 5), quantity: 3),
        ActivityOutput(iki: "dok", date: day(3, 20), quantity: 4),
        ActivityOutput(iki: "dok", date: day(4, 1), quantity: 12),
      ])
    #expect(realisation.quantity(of: "dok", in: .quarter(1)) == 7)
    #expect(realisation.percentage(in: .quarter(1)) == Percentage(basisPoints: 7000))
    #expect(realisation.percentage(in: .quarter(2)) == Percentage(basisPoints: 12_000))
    #expect(realisation.percentage(in: .year) == Percentage(basisPoints: 4750))
  }

  @Test func repeatingThirdsRoundHalfUpOnlyAtTheEnd() throws {
    let realisation = try RHKRealisation(
      year: 2025, targets: [IKITarget(id: "a", annualQuantity: 36, unit: "kegiatan")],
      outputs: [ActivityOutput(iki: "a", date: day(2, 1), quantity: 2)])
    // 2 / (36/12) = 66.666...%
    #expect(realisation.percentage(in: .month(2))?.description == "66.67%")
  }

  @Test func rhkRealisationIsTheMeanOfItsIKIs() throws {
    let realisation = try RHKRealisation(
      year: 2025,
      targets: [
        IKITarget(id: "a", annualQuantity: 12, unit: "x"), IKITarget(id: "b", annualQuantity: 24, unit: "y"),
      ],
      outputs: [ActivityOutput(iki: "a", date: day(5, 2), quantity: 1)])
    #expect(realisation.percentage(of: "a", in: .month(5)) == Percentage(basisPoints: 10_000))
    #expect(realisation.percentage(of: "b", in: .month(5)) == Percentage(basisPoints: 0))
    #expect(realisation.percentage(in: .month(5)) == Percentage(basisPoints: 5000))
  }

  @Test func monthlyAndQuarterlyListsCoverTheYear() throws {
    let realisation = try RHKRealisation(
      year: 2025, targets: [IKITarget(id: "a", annualQuantity: 12, unit: "x")],
      outputs: (1...12).map { ActivityOutput(iki: "a", date: day($0, 10), quantity: 1) })
    #expect(realisation.monthlyPercentages == Array(repeating: Percentage(basisPoints: 10_000), count: 12))
    #expect(realisation.quarterlyPercentages == Array(repeating: Percentage(basisPoints: 10_000), count: 4))
  }

  @Test func invalidPeriodGivesNil() throws {
    let realisation = try RHKRealisation(
      year: 2025, targets: [IKITarget(id: "a", annualQuantity: 12, unit: "x")], outputs: [])
    #expect(realisation.percentage(in: .month(13)) == nil)
    #expect(realisation.percentage(of: "a", in: .quarter(0)) == nil)
  }

  @Test func outputOutsideTheYearIsRejected() {
    let date = CalendarDate(year: 2024, month: 12, day: 31)!
    #expect(throws: RealisationError<String>.outsideYear(iki: "a", date: date)) {
      try RHKRealisation(
        year: 2025, targets: [IKITarget(id: "a", annualQuantity: 12, unit: "x")],
        outputs: [ActivityOutput(iki: "a", date: date, quantity: 1)])
    }
  }

  @Test func outputForAnUnknownIKIIsRejected() {
    #expect(throws: RealisationError<String>.unknownIKI("z")) {
      try RHKRealisation(
        year: 2025, targets: [IKITarget(id: "a", annualQuantity: 12, unit: "x")],
        outputs: [ActivityOutput(iki: "z", date: day(1, 1), quantity: 1)])
    }
  }

  @Test func zeroTargetIsRejected() {
    #expect(throws: RealisationError<String>.nonPositiveTarget(iki: "a")) {
      try RHKRealisation(year: 2025, targets: [IKITarget(id: "a", annualQuantity: 0, unit: "x")], outputs: [])
    }
  }

  @Test func negativeQuantityIsRejected() {
    #expect(throws: RealisationError<String>.negativeQuantity(iki: "a", date: day(1, 1))) {
      try RHKRealisation(
        year: 2025, targets: [IKITarget(id: "a", annualQuantity: 12, unit: "x")],
        outputs: [ActivityOutput(iki: "a", date: day(1, 1), quantity: -1)])
    }
  }

  @Test func rhkWithoutTargetsIsRejected() {
    #expect(throws: RealisationError<String>.noTargets) {
      try RHKRealisation<String>(year: 2025, targets: [], outputs: [])
    }
  }

  @Test func duplicateIKITargetIsRejected() {
    #expect(throws: RealisationError<String>.duplicateIKI("a")) {
      try RHKRealisation(
        year: 2025,
        targets: [
          IKITarget(id: "a", annualQuantity: 1, unit: "x"), IKITarget(id: "a", annualQuantity: 2, unit: "x"),
        ],
        outputs: [])
    }
  }
}
