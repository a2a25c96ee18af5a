import SimpegAPI
import SimpegAdmin
import Testing

/// Finding methods in the generated catalogue and reading streamed requests.
@Suite struct GenericCallTests {
  @Test(arguments: [
    "simpeg.v1.OrgService/GetUnit", "OrgService/GetUnit", "orgservice.getunit", "GetUnit",
    "simpeg.v1.OrgService.GetUnit",
  ])
  func aMethodIsFoundByFullShortOrBareName(name: String) throws {
    #expect(try GenericCall.method(named: name).descriptor.fullName == "simpeg.v1.OrgService/GetUnit")
  }

  @Test func everyMethodOfEveryGeneratedServiceIsFoundByItsFullName() throws {
    for service in SimpegCatalogue.services {
      for method in service.methods {
        let found = try GenericCall.method(named: method.descriptor.fullName)
        #expect(found.descriptor == method.descriptor)
      }
    }
  }

  @Test func anUnknownMethodIsNotFoundAndPointsToTheListing() {
    do {
      _ = try GenericCall.method(named: "OrgService/Nothing")
      Issue.record("found a method that does not exist")
    } catch let failure as AdminFailure {
      #expect(failure.status == .notFound)
      #expect(failure.hint?.contains("methods") == true)
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func streamedRequestsAreJSONLinesOrOneArray() throws {
    #expect(try GenericCall.messages("{\"a\":1}\n\n{\"b\":2}\n") == ["{\"a\":1}", "{\"b\":2}"])
    #expect(try GenericCall.messages("[{\"a\":1},{\"b\":2}]") == ["{\"a\":1}", "{\"b\":2}"])
    #expect(throws: AdminFailure.self) { try GenericCall.messages("[1,2]") }
  }
}
