import Testing

@testable import SimpegKinerja

@Suite("Turnaround statistics and histogram")
struct TurnaroundStatisticsTests {
  @Test func nearestRankMedianOfAnOddCountIsTheMiddleValue() {
    #expect(TurnaroundStatistics(turnarounds: [5, 1, 3], standardMaximum: 3).median == 3)
  }

  @Test func nearestRankMedianOfAnEvenCountIsTheLowerMiddleValue() {
    #expect(TurnaroundStatistics(turnarounds: [4, 1, 3, 2], standardMaximum: 3).median == 2)
  }

  @Test func ninetiethPercentileOfTenValuesIsTheNinthSmallest() {
    let stats = TurnaroundStatistics(turnarounds: Array(1...10), standardMaximum: 5)
    #expect(stats.percentile90 == 9)
  }

  @Test func ninetiethPercentileOfElevenValuesIsTheTenthSmallest() {
    #expect(TurnaroundStatistics(turnarounds: Array(1...11), standardMaximum: 5).percentile90 == 10)
  }

  @Test func singleValueIsEveryPercentile() {
    let stats = TurnaroundStatistics(turnarounds: [7], standardMaximum: 5)
    #expect(stats.median == 7)
    #expect(stats.percentile90 == 7)
    #expect(stats.withinStandard == 0)
  }

  @Test func shareWithinStandardCountsValuesAtMostTheStandard() {
    let stats = TurnaroundStatistics(turnarounds: [0, 1, 3, 3, 4, 9], standardMaximum: 3)
    #expect(stats.withinStandard == 4)
    #expect(stats.shareWithinStandard.description == "66.67%")
  }

  @Test func emptyListHasNoPercentilesAndZeroShare() {
    let stats = TurnaroundStatistics(turnarounds: [], standardMaximum: 3)
    #expect(stats.count == 0)
    #expect(stats.median == nil)
    #expect(stats.percentile90 == nil)
    #expect(stats.shareWithinStandard == Percentage(basisPoints: 0))
  }

  @Test func histogramStatisticsEqualListStatistics() {
    var generator = SeededGenerator(seed: 2025)
    for _ in 0..<200 {
      let values = (0..<generator.int(in: 0...60)).map { _ in generator.int(in: 0...20) }
      let standard = generator.int(in: 0...20)
      #expect(
        TurnaroundHistogram(values).statistics(standardMaximum: standard)
          == TurnaroundStatistics(turnarounds: values, standardMaximum: standard))
    }
  }

  @Test func mergedHistogramsEqualTheHistogramOfTheWhole() {
    var generator = SeededGenerator(seed: 99)
    let values = (0..<500).map { _ in generator.int(in: 0...48) }
    var merged = TurnaroundHistogram()
    for part in stride(from: 0, to: values.count, by: 37) {
      merged.merge(TurnaroundHistogram(values[part..<min(part + 37, values.count)]))
    }
    #expect(merged == TurnaroundHistogram(values))
  }

  @Test func removingAValueUndoesRecordingIt() {
    var histogram = TurnaroundHistogram([1, 2, 2, 5])
    histogram.record(3)
    let removed = histogram.remove(3)
    #expect(removed)
    #expect(histogram == TurnaroundHistogram([1, 2, 2, 5]))
  }

  @Test func removingAnUncountedValueChangesNothing() {
    var histogram = TurnaroundHistogram([1, 2])
    let removed = histogram.remove(4)
    #expect(!removed)
    #expect(histogram.count == 2)
  }

  @Test func bucketsAreSparseAndAscending() {
    let histogram = TurnaroundHistogram([9, 0, 9, 3])
    #expect(
      histogram.buckets == [
        TurnaroundBucket(value: 0, count: 1), TurnaroundBucket(value: 3, count: 1),
        TurnaroundBucket(value: 9, count: 2),
      ])
  }

  @Test func storedBucketsRebuildTheSameHistogram() {
    let histogram = TurnaroundHistogram([4, 4, 1, 30])
    #expect(TurnaroundHistogram(buckets: histogram.buckets) == histogram)
  }
}
