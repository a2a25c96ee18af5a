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

extension Simpeg_Internal_V1_EmployeeRecord {
  /// The stored form of `message`: its fields, copied.
  init(_ message: Simpeg_V1_Employee) {
    self.init()
    id = message.id
    nip = message.nip
    nipKind = message.nipKind
    name = message.name
    gelarDepan = message.gelarDepan
    gelarBelakang = message.gelarBelakang
    gender = message.gender
    if message.hasBirthDate { birthDate = message.birthDate }
    birthPlace = message.birthPlace
    status = message.status
    if message.hasGolongan { golongan = message.golongan }
    positionID = message.positionID
    unitID = message.unitID
    email = message.email
    phone = message.phone
    active = message.active
    if message.hasRetiredOn { retiredOn = message.retiredOn }
    if message.hasTmtCpns { tmtCpns = message.tmtCpns }
    if message.hasCreatedAt { createdAt = message.createdAt }
    if message.hasUpdatedAt { updatedAt = message.updatedAt }
  }
}
