import SimpegAPI
import SimpegRPC

extension AccessPolicy {
  /// Bulk import of units and employees (BKPSDM): ADMIN only, like the single calls it makes
  /// in bulk.
  static let importRules: [(MethodDescriptor, Access)] = {
    typealias Import = Simpeg_V1_ImportService.Method
    return [
      (Import.ImportUnits.descriptor, .admin),
      (Import.ImportEmployees.descriptor, .admin),
    ]
  }()
}
