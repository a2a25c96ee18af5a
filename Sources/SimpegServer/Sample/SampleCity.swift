import Logging
import SimpegStore

/// The whole sample Kota Salatiga: its organisation, the performance cycle of a year (SKPs with
/// their cascade, activities, a finished evaluation period) and its public services (catalogue,
/// a year of requests, an SKM period, a finished competition), all generated from one seed.
///
/// Both the daemon's first start (`sample-seed`) and `AdminService/LoadSample` load it through
/// here, so an operator's load gives the same city as a configured one.
enum SampleCity {
  /// What a load wrote.
  struct Counts: Sendable, Hashable {
    var organisation: SampleLoader.Counts
    var performance: SamplePerformance.Counts
    var publicService: SamplePublicService.Counts
  }

  /// Loads the sample of `seed` into a store without an organisation; throws
  /// `FAILED_PRECONDITION` (and writes nothing) when it already holds one. Each part is its own
  /// write transaction with its own audit record by `entry`'s actor.
  @discardableResult
  static func load(
    seed: UInt64, year: Int, serviceRequests: Int, into ledger: Ledger, audit entry: AuditEntry,
    logger: Logger
  ) async throws -> Counts {
    let organisation = try await SampleLoader.load(
      seed: seed, into: ledger, audit: entry, referenceYear: year)
    let performance = try await SamplePerformance.load(
      seed: seed, into: ledger, audit: entry, referenceYear: year)
    let publicService = try await SamplePublicService.load(
      seed: seed, requests: serviceRequests, into: ledger, audit: entry, logger: logger)
    logger.notice(
      "loaded the sample Kota Salatiga",
      metadata: [
        "seed": "\(seed)", "year": "\(year)", "units": "\(organisation.units)",
        "positions": "\(organisation.positions)", "employees": "\(organisation.employees)",
        "skps": "\(performance.skps)", "activities": "\(performance.activities)",
        "service-requests": "\(publicService.requests)", "by": "\(entry.actor)",
      ])
    return Counts(organisation: organisation, performance: performance, publicService: publicService)
  }
}
