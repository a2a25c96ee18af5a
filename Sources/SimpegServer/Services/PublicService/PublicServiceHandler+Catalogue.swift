import Foundation
import SimpegAPI
import SimpegRPC
import SimpegStore

/// The service catalogue: what each unit offers, with the completion standard of its Standar
/// Pelayanan. ADMIN keeps it; everyone signed in reads it.
extension PublicServiceHandler {
  func createPublicService(request: Simpeg_V1_CreatePublicServiceRequest, context: ServerContext)
    async throws -> Simpeg_V1_PublicService
  {
    let name = try Self.serviceName(request.name)
    guard request.hasStandard else {
      throw RPCError(.invalidArgument, "a service needs its standard (maximum and unit)")
    }
    _ = try request.standard.rule()
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry) { mutation in
      let transaction = mutation.transaction
      guard let unit = try Tables.units.get(request.unitID, in: transaction), !unit.closed else {
        throw RPCError(.notFound, "no open unit with id \(request.unitID)")
      }
      return try Simpeg_V1_PublicService(
        PublicServiceCommands.addService(
          name, to: unit, description: request.description_p, standard: request.standard,
          legalBasis: request.legalBasis, at: mutation.moment.timestamp, in: mutation))
    }
  }

  func updatePublicService(request: Simpeg_V1_UpdatePublicServiceRequest, context: ServerContext)
    async throws -> Simpeg_V1_PublicService
  {
    let name = request.name.isEmpty ? nil : try Self.serviceName(request.name)
    if request.hasStandard { _ = try request.standard.rule() }
    let entry = try AuditEntry(context: context, request: request)
    return try await ledger.record(entry) { mutation in
      let transaction = mutation.transaction
      guard var service = try Tables.publicServices.get(request.serviceID, in: transaction) else {
        throw RPCError(.notFound, "no public service with id \(request.serviceID)")
      }
      if let name { service.name = name }
      if !request.description_p.isEmpty { service.description_p = request.description_p }
      if !request.legalBasis.isEmpty { service.legalBasis = request.legalBasis }
      if request.hasActive { service.active = request.active.value }
      if request.hasStandard {
        if request.standard.unit != service.standard.unit {
          let used = try Tables.serviceRequests.page(
            Tables.serviceRequestsByService, prefix: KeyPrefix(service.id), in: transaction, limit: 1)
          guard used.rows.isEmpty else {
            throw RPCError(
              .failedPrecondition,
              "the standard of '\(service.name)' cannot change from \(service.standard.unit) to "
                + "\(request.standard.unit): it has received requests, whose turnarounds are counted in "
                + "its unit; create a new service instead")
          }
        }
        service.standard = request.standard
      }
      service.updatedAt = mutation.moment.timestamp
      try Tables.publicServices.put(service, for: service.id, in: transaction)
      mutation.audit(targets: ["public_service:\(service.id)"])
      return Simpeg_V1_PublicService(service)
    }
  }

  func getPublicService(request: Simpeg_V1_GetPublicServiceRequest, context: ServerContext) async throws
    -> Simpeg_V1_PublicService
  {
    try store.read { transaction in
      guard let service = try Tables.publicServices.get(request.serviceID, in: transaction) else {
        throw RPCError(.notFound, "no public service with id \(request.serviceID)")
      }
      return Simpeg_V1_PublicService(service)
    }
  }

  func listPublicServices(request: Simpeg_V1_ListPublicServicesRequest, context: ServerContext)
    async throws -> Simpeg_V1_ListPublicServicesResponse
  {
    let token = try Paging.token(of: request.page)
    return try store.read { transaction in
      // Inactive services are filtered out unless asked for.
      let found = try Paging.collect(
        size: Paging.size(of: request.page), after: token,
        read: { limit, after in
          request.unitID == 0
            ? try Tables.publicServices.page(in: transaction, limit: limit, after: after)
            : try Tables.publicServices.page(
              Tables.publicServicesByUnit, prefix: KeyPrefix(request.unitID), in: transaction, limit: limit,
              after: after)
        }, accept: { request.includeInactive || $0.active })
      var response = Simpeg_V1_ListPublicServicesResponse()
      response.services = found.values.map(Simpeg_V1_PublicService.init)
      response.page = Paging.info(next: found.next)
      return response
    }
  }

  /// A service name: required, at most ``FieldCheck/nameLimit`` characters.
  static func serviceName(_ raw: String) throws -> String {
    try FieldCheck.text(raw, field: "name", limit: FieldCheck.nameLimit, required: true)
  }
}
