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

extension Simpeg_Internal_V1_PublicServiceRecord {
  /// The stored form of `message`: its fields, copied.
  init(_ message: Simpeg_V1_PublicService) {
    self.init()
    id = message.id
    unitID = message.unitID
    name = message.name
    description_p = message.description_p
    if message.hasStandard { standard = message.standard }
    legalBasis = message.legalBasis
    active = message.active
    if message.hasCreatedAt { createdAt = message.createdAt }
    if message.hasUpdatedAt { updatedAt = message.updatedAt }
  }
}
