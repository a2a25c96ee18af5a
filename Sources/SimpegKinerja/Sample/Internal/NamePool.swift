/// The highest education of a sample employee, which sets the starting golongan and the titles.
enum Education: Int, Sendable, CaseIterable {
  case sma, d3, s1, s2, s3

  /// The golongan a PNS starts in with this education.
  var startingGolongan: GolonganPNS {
    switch self {
    case .sma: return .iia
    case .d3: return .iic
    case .s1: return .iiia
    case .s2: return .iiib
    case .s3: return .iiic
    }
  }

  /// The youngest and oldest usual age at first appointment.
  var startingAges: ClosedRange<Int> {
    switch self {
    case .sma: return 19...25
    case .d3: return 21...27
    case .s1: return 22...30
    case .s2: return 25...33
    case .s3: return 29...36
    }
  }
}

/// Javanese names and Indonesian academic titles for the sample.
enum NamePool {
  static let maleGiven = [
    "Agus", "Bambang", "Budi", "Slamet", "Joko", "Sugeng", "Heru", "Eko", "Wahyu", "Hendra", "Arif", "Teguh",
    "Rudi", "Bayu", "Dimas", "Aditya", "Galih", "Yusuf", "Ahmad", "Muhammad", "Sigit", "Bagus", "Anton",
    "Yoga",
    "Rizky", "Fajar", "Hari", "Gatot", "Suryo", "Haryo", "Danang", "Gilang", "Wisnu", "Setyo", "Imam", "Adi",
    "Bimo", "Catur", "Dodi", "Edi", "Ferry", "Hadi", "Iwan", "Kukuh", "Lilik", "Nanang", "Prasetya", "Rahmat",
  ]
  static let maleFamily = [
    "Santoso", "Prasetyo", "Nugroho", "Setiawan", "Kurniawan", "Wibowo", "Susanto", "Hartono", "Gunawan",
    "Purnomo", "Sutrisno", "Widodo", "Saputro", "Hidayat", "Pamungkas", "Raharjo", "Suryanto", "Wicaksono",
    "Handoko", "Priyanto", "Sulistyo", "Budiman", "Mulyono", "Sasongko", "Utomo", "Kuncoro", "Cahyono",
    "Firmansyah", "Susilo", "Haryanto", "Wijaya", "Darmawan", "Subagyo", "Suparman", "Triyono", "Yulianto",
  ]
  static let femaleGiven = [
    "Sri", "Siti", "Endang", "Dewi", "Ratna", "Kartika", "Puji", "Indah", "Retno", "Yuliana", "Fitri", "Ayu",
    "Nur", "Dyah", "Ika", "Rini", "Eka", "Anisa", "Nurul", "Wulan", "Lestari", "Novi", "Endah", "Sekar",
    "Rahma", "Maya", "Diah", "Kurnia", "Astri", "Tutik", "Citra", "Erna", "Heni", "Ida", "Laras", "Mega",
  ]
  static let femaleFamily = [
    "Wahyuni", "Rahayu", "Lestari", "Utami", "Wulandari", "Handayani", "Astuti", "Susilowati", "Purwaningsih",
    "Setyaningsih", "Hidayati", "Kusumawati", "Pratiwi", "Anggraini", "Puspitasari", "Rahmawati", "Suryani",
    "Widyastuti", "Novitasari", "Kurniasih", "Mulyani", "Saraswati", "Indriyani", "Sulistyowati", "Maharani",
    "Permatasari", "Yuniarti", "Sulastri", "Hartati", "Rusmiyati",
  ]
  static let ordinals = ["Dwi", "Tri", "Catur", "Eko"]

  /// A name of the gender: one to three words, sometimes starting with a birth-order word.
  static func name(_ gender: Gender, using random: inout SeededGenerator) -> String {
    let given = gender == .lakiLaki ? maleGiven : femaleGiven
    let family = gender == .lakiLaki ? maleFamily : femaleFamily
    switch random.uniform(below: 10) {
    case 0: return random.pick(ordinals) + " " + random.pick(family)
    case 1, 2:
      let first = random.pick(given)
      var second = random.pick(given)
      while second == first { second = random.pick(given) }
      return first + " " + second + " " + random.pick(family)
    case 3: return random.pick(family)
    default: return random.pick(given) + " " + random.pick(family)
    }
  }

  /// Titles for a person of `field` and `education` who is `age` years old.
  static func titles(
    field: TitleField, education: Education, age: Int, using random: inout SeededGenerator
  ) -> (front: [String], back: [String]) {
    var front: [String] = []
    var back: [String] = []
    switch education {
    case .sma:
      return ([], [])
    case .d3:
      switch field {
      case .nurse: back = ["A.Md.Kep."]
      case .midwife: back = ["A.Md.Keb."]
      case .pharmacy: back = ["A.Md.Farm."]
      case .health, .doctor, .dentist: back = ["A.Md.Kes."]
      case .computing: back = ["A.Md.Kom."]
      case .engineering: back = ["A.Md.T."]
      case .economics: back = ["A.Md.Ak."]
      default: back = ["A.Md."]
      }
      return (front, back)
    case .s1, .s2, .s3:
      break
    }
    switch field {
    case .doctor: front = ["dr."]
    case .dentist: front = ["drg."]
    case .pharmacy: front = ["apt."]
    case .engineering where age >= 52 && random.chance(percent: 60): front = ["Ir."]
    default: break
    }
    if front.isEmpty || field == .pharmacy {
      switch field {
      case .general: back = [random.pick(["S.Sos.", "S.IP.", "S.AP.", "S.E.", "S.H.", "S.Si."])]
      case .education: back = [random.pick(["S.Pd.", "S.Pd.", "S.Pd.", "S.Pd.I.", "S.Si."])]
      case .nurse: back = ["S.Kep.", "Ners"]
      case .midwife: back = ["S.Tr.Keb."]
      case .pharmacy: back = ["S.Farm."]
      case .health: back = [random.pick(["S.K.M.", "S.K.M.", "S.Gz.", "S.Si."])]
      case .engineering: back = [random.pick(["S.T.", "S.T.", "S.Si."])]
      case .law: back = ["S.H."]
      case .economics: back = [random.pick(["S.E.", "S.E.", "S.Ak."])]
      case .computing: back = [random.pick(["S.Kom.", "S.Kom.", "S.T."])]
      case .social: back = [random.pick(["S.Sos.", "S.Sos.", "S.I.Kom."])]
      case .security: back = [random.pick(["S.H.", "S.Sos.", "S.IP."])]
      case .doctor, .dentist: back = []
      }
    }
    if education == .s2 || education == .s3 {
      switch field {
      case .doctor: back.append(random.pick(["Sp.PD", "Sp.A", "Sp.OG", "Sp.B", "Sp.An", "Sp.Rad", "M.Kes."]))
      case .dentist: back.append(random.pick(["Sp.KG", "M.Kes."]))
      case .education: back.append("M.Pd.")
      case .nurse, .midwife, .health: back.append("M.Kes.")
      case .pharmacy: back.append("M.Farm.")
      case .engineering: back.append(random.pick(["M.T.", "M.Eng."]))
      case .law: back.append("M.H.")
      case .economics: back.append(random.pick(["M.M.", "M.Ak.", "M.Si."]))
      case .computing: back.append(random.pick(["M.Kom.", "M.T."]))
      case .general, .social, .security: back.append(random.pick(["M.Si.", "M.M.", "M.AP.", "M.Si."]))
      }
    }
    if education == .s3 { front.insert("Dr.", at: 0) }
    return (front, back)
  }
}
