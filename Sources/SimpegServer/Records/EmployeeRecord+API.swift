import SimpegAPI

extension Simpeg_V1_Employee {
  /// The answer for a stored employee: the record's fields, copied.
  init(_ record: Simpeg_Internal_V1_EmployeeRecord) {
    self.init()
    id = record.id
    nip = record.nip
    nipKind = record.nipKind
    name = record.name
    gelarDepan = record.gelarDepan
    gelarBelakang = record.gelarBelakang
    gender = record.gender
    if record.hasBirthDate { birthDate = record.birthDate }
    birthPlace = record.birthPlace
    status = record.status
    if record.hasGolongan { golongan = record.golongan }
    positionID = record.positionID
    unitID = record.unitID
    email = record.email
    phone = record.phone
    active = record.active
    if record.hasRetiredOn { retiredOn = record.retiredOn }
    if record.hasTmtCpns { tmtCpns = record.tmtCpns }
    if record.hasCreatedAt { createdAt = record.createdAt }
    if record.hasUpdatedAt { updatedAt = record.updatedAt }
  }
}
