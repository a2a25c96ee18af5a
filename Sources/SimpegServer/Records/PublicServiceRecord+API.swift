import SimpegAPI

extension Simpeg_V1_PublicService {
  /// The answer for a stored public service: the record's fields, copied.
  init(_ record: Simpeg_Internal_V1_PublicServiceRecord) {
    self.init()
    id = record.id
    unitID = record.unitID
    name = record.name
    description_p = record.description_p
    if record.hasStandard { standard = record.standard }
    legalBasis = record.legalBasis
    active = record.active
    if record.hasCreatedAt { createdAt = record.createdAt }
    if record.hasUpdatedAt { updatedAt = record.updatedAt }
  }
}
