/// A deterministic sample of the Pemerintah Kota Salatiga for development, demos and load tests.
///
/// The unit tree follows DOMAIN.md section 1: the Wali Kota; the Sekretariat Daerah with three
/// Asisten over their Bagian; the Sekretariat DPRD; the Inspektorat; the Dinas (with Sekretariat,
/// Bidang, Seksi and UPT such as the six Puskesmas, and the public SD and SMP under the Dinas
/// Pendidikan); the Badan including BKPSDM; Satpol PP; the RSUD; and the 4 kecamatan with their
/// 23 kelurahan. About 3,500 ASN hold the posts, PNS and PPPK, with valid unique NIPs, golongan
/// plausible for their posts, ages and TMT consistent with both, and Javanese names with titles.
/// A few managerial posts are vacant, some of them with a Plt.
///
/// The same seed and reference year always give the same organisation (the generator is
/// `SeededGenerator`); another seed gives other people, counts and vacancies in the same tree.
public enum SalatigaSample {
  /// The kecamatan of Kota Salatiga with their kelurahan, as DOMAIN.md lists them.
  public static let kecamatan: [(name: String, kelurahan: [String])] = [
    ("Sidorejo", ["Blotongan", "Bugel", "Kauman Kidul", "Pulutan", "Salatiga", "Sidorejo Lor"]),
    (
      "Tingkir",
      [
        "Gendongan", "Kalibening", "Kutowinangun Kidul", "Kutowinangun Lor", "Sidorejo Kidul", "Tingkir Lor",
        "Tingkir Tengah",
      ]
    ),
    ("Argomulyo", ["Cebongan", "Kumpulrejo", "Ledok", "Noborejo", "Randuacir", "Tegalrejo"]),
    ("Sidomukti", ["Dukuh", "Kalicacing", "Kecandran", "Mangunsari"]),
  ]

  /// Generates the sample organisation as of 1 January of `referenceYear`.
  public static func generate(seed: UInt64, referenceYear: Int = 2025) -> SampleOrganisation {
    var builder = SampleBuilder(seed: seed, referenceYear: referenceYear)
    return builder.build()
  }
}
