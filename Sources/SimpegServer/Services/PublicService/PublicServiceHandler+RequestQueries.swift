import SimpegAPI
import SimpegRPC
import SimpegStore

/// Reading service requests: one by id or registration number, or a page of a unit's, a
/// service's or an assignee's, by state. See ``Authorizer`` for who sees which.
extension PublicServiceHandler {
  func getServiceRequest(request: Simpeg_V1_GetServiceRequestRequest, context: ServerContext) async throws
    -> Simpeg_V1_ServiceRequest
  {
    let principal = try context.principal()
    return try store.read { transaction in
      switch request.key {
      case .requestID(let id):
        return try Simpeg_V1_ServiceRequest(
          Authorizer.readableServiceRequest(id, by: principal, in: transaction))
      case .reference(let reference):
        // A caller who may not read the unit gets the same refusal whether or not the reference
        // exists, unless the request is assigned to them.
        let row = try Tables.serviceRequests.findUnique(
          Tables.serviceRequestsByReference, CompositeKey2(reference.unitID, reference.reference),
          in: transaction)
        if let row, principal.employeeID != 0, row.value.assigneeEmployeeID == principal.employeeID {
          return Simpeg_V1_ServiceRequest(row.value)
        }
        guard try Authorizer.canReadServiceUnit(reference.unitID, by: principal, in: transaction) else {
          throw Authorizer.serviceUnitDenied()
        }
        guard let row else {
          throw RPCError(.notFound, "unit \(reference.unitID) has no request '\(reference.reference)'")
        }
        return Simpeg_V1_ServiceRequest(row.value)
      case nil:
        throw RPCError(.invalidArgument, "name the request by request_id or by reference")
      }
    }
  }

  func listServiceRequests(request: Simpeg_V1_ListServiceRequestsRequest, context: ServerContext)
    async throws -> Simpeg_V1_ListServiceRequestsResponse
  {
    let principal = try context.principal()
    let token = try Paging.token(of: request.page)
    return try store.read { transaction in
      let index: Index<CompositeKey2<UInt64, UInt8>, Simpeg_Internal_V1_ServiceRequestRecord>
      let subject: UInt64
      if request.serviceID != 0 {
        guard let service = try Tables.publicServices.get(request.serviceID, in: transaction) else {
          throw RPCError(.notFound, "no public service with id \(request.serviceID)")
        }
        guard try Authorizer.canReadServiceUnit(service.unitID, by: principal, in: transaction) else {
          throw Authorizer.serviceUnitDenied()
        }
        (index, subject) = (Tables.serviceRequestsByService, service.id)
      } else if request.assigneeEmployeeID != 0 {
        if request.assigneeEmployeeID != principal.employeeID {
          _ = try Authorizer.readableEmployee(
            request.assigneeEmployeeID, by: principal, scope: ServiceScopes.servicesRead, in: transaction)
        }
        (index, subject) = (Tables.serviceRequestsByAssignee, request.assigneeEmployeeID)
      } else if request.unitID != 0 {
        _ = try Authorizer.readableServiceUnit(request.unitID, by: principal, in: transaction)
        (index, subject) = (Tables.serviceRequestsByUnit, request.unitID)
      } else {
        throw RPCError(.invalidArgument, "name a unit_id, a service_id or an assignee_employee_id")
      }
      let state = UInt8(clamping: request.state.rawValue)
      let prefix =
        request.state == .unspecified
        ? KeyPrefix(subject) : KeyPrefix(CompositeKey2(subject, state))
      let page = try Tables.serviceRequests.page(
        index, prefix: prefix, in: transaction, limit: Paging.size(of: request.page), after: token)
      var response = Simpeg_V1_ListServiceRequestsResponse()
      response.requests = page.rows.map { Simpeg_V1_ServiceRequest($0.value) }
      response.page = Paging.info(next: page.nextPageToken)
      return response
    }
  }
}
