/// An ASN of the sample.
public struct SampleEmployee: Sendable, Hashable, Codable {
  /// The employee's id, 1 to the number of employees.
  public let id: Int
  /// The NIP PNS or NI PPPK; its kind matches `status` and its gender digit matches `gender`.
  public let nip: NIP
  /// The name with titles.
  public let name: PersonName
  /// The gender.
  public let gender: Gender
  /// The employment status.
  public let status: EmploymentStatus
  /// The golongan: PNS golongan/ruang for PNS and CPNS, PPPK golongan for PPPK.
  public let golongan: Golongan
  /// The position the employee holds definitively.
  public let position: Int

  /// Creates an employee record.
  public init(
    id: Int, nip: NIP, name: PersonName, gender: Gender, status: EmploymentStatus, golongan: Golongan,
    position: Int
  ) {
    self.id = id
    self.nip = nip
    self.name = name
    self.gender = gender
    self.status = status
    self.golongan = golongan
    self.position = position
  }
}

/// An elected official of the sample (the Wali Kota): holds a position but has no NIP.
public struct SampleOfficial: Sendable, Hashable, Codable {
  /// The official's id.
  public let id: Int
  /// The name with titles.
  public let name: PersonName
  /// The office, e.g. `Wali Kota Salatiga`.
  public let office: String
  /// The position the official holds.
  public let position: Int

  /// Creates an official.
  public init(id: Int, name: PersonName, office: String, position: Int) {
    self.id = id
    self.name = name
    self.office = office
    self.position = position
  }
}
