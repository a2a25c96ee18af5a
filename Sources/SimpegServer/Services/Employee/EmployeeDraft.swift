import SimpegAPI
import SimpegKinerja

/// A new employee from a CreateEmployeeRequest, checked without the store: the NIP, the name
/// and titles, gender and birth date agreeing with the NIP (taken from it when not given), the
/// status matching the kind of number, the golongan of the status's scheme, the TMT, contact.
///
/// The unit, the position and the NIP's uniqueness need the store and are checked in the write.
enum EmployeeDraft {
  /// The employee record to store (without id, unit, position and times) and its golongan.
  static func make(from request: Simpeg_V1_CreateEmployeeRequest) throws -> Simpeg_Internal_V1_EmployeeRecord
  {
    let nip = try NIPField.parse(request.nip)
    var employee = Simpeg_Internal_V1_EmployeeRecord()
    employee.nip = nip.canonical
    employee.nipKind = NIPField.kind(nip.kind)
    employee.name = try FieldCheck.text(
      request.name, field: "name", limit: FieldCheck.nameLimit, required: true)
    employee.gelarDepan = try FieldCheck.text(
      request.gelarDepan, field: "gelar_depan", limit: FieldCheck.titleLimit)
    employee.gelarBelakang = try FieldCheck.text(
      request.gelarBelakang, field: "gelar_belakang", limit: FieldCheck.titleLimit)
    employee.gender = try gender(request.gender, nip: nip)
    employee.birthDate = Simpeg_V1_Date(try birthDate(request.birthDate, nip: nip))
    employee.birthPlace = try FieldCheck.text(
      request.birthPlace, field: "birth_place", limit: FieldCheck.placeLimit)
    let status = try GolonganRules.status(request.status)
    try GolonganRules.ensureStatus(status, fits: nip)
    employee.status = request.status
    if let golongan = try GolonganRules.golongan(request.golongan, for: status) {
      employee.golongan = Simpeg_V1_Golongan(golongan)
    }
    employee.email = try ContactFields.email(request.email)
    employee.phone = try ContactFields.phone(request.phone)
    employee.tmtCpns = Simpeg_V1_Date(try tmt(request.tmtCpns, nip: nip))
    employee.active = true
    return employee
  }

  /// The gender: the NIP's (digit 15) when unspecified; refused when it disagrees.
  static func gender(_ value: Simpeg_V1_Gender, nip: NIP) throws -> Simpeg_V1_Gender {
    let fromNIP = Simpeg_V1_Gender(nip.gender)
    switch value {
    case .unspecified:
      return fromNIP
    case .lakiLaki, .perempuan:
      guard value == fromNIP else {
        let given = value == .lakiLaki ? Gender.lakiLaki : Gender.perempuan
        throw FieldCheck.invalid(
          "gender", "\(given) does not agree with the NIP, whose digit 15 says \(nip.gender)")
      }
      return value
    case .UNRECOGNIZED(let code):
      throw FieldCheck.invalid("gender", "code \(code) is neither LAKI_LAKI nor PEREMPUAN")
    }
  }

  /// The birth date: the NIP's (digits 1-8) when unset; refused when it disagrees.
  static func birthDate(_ value: Simpeg_V1_Date, nip: NIP) throws -> CalendarDate {
    guard let given = try FieldCheck.date(value, field: "birth_date") else { return nip.birthDate }
    guard given == nip.birthDate else {
      throw FieldCheck.invalid(
        "birth_date", "\(given) does not agree with the NIP, whose digits 1-8 say \(nip.birthDate)")
    }
    return given
  }

  /// The TMT: a PNS's is the NIP's TMT CPNS month (its first day when unset), a PPPK's lies in
  /// the NIP's year of appointment (1 January when unset).
  static func tmt(_ value: Simpeg_V1_Date, nip: NIP) throws -> CalendarDate {
    let given = try FieldCheck.date(value, field: "tmt_cpns")
    if let month = nip.tmtCPNS {
      guard let given else { return month.firstDay }
      guard given.yearMonth == month else {
        throw FieldCheck.invalid(
          "tmt_cpns", "\(given) does not agree with the NIP, whose digits 9-14 say \(month)")
      }
      return given
    }
    guard let given else { return CalendarDate(year: nip.appointmentYear, month: 1, day: 1)! }
    guard given.year == nip.appointmentYear else {
      throw FieldCheck.invalid(
        "tmt_cpns",
        "\(given) does not agree with the NI PPPK, whose digits 9-12 say appointed in \(nip.appointmentYear)")
    }
    return given
  }
}
