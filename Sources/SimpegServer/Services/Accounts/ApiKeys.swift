import Foundation
import SimpegAPI
import SwiftProtobuf

/// API keys of service accounts: a new key's record (only the SHA-256 of the secret is
/// stored; the secret is shown once, in CreateApiKey's response) and the view of a key that
/// listings show.
enum ApiKeys {
  /// How many leading characters of a secret are kept as its `prefix`, to recognise a key in
  /// listings: `spk_` and 8 characters (48 of its 256 random bits).
  static let prefixLength = 12

  /// The record of a new key with `secret`.
  static func record(
    id: UInt64, accountID: UInt64, secret: String, label: String, now: Date
  ) -> Simpeg_Internal_V1_ApiKeyRecord {
    var record = Simpeg_Internal_V1_ApiKeyRecord()
    record.id = id
    record.accountID = accountID
    record.secretSha256 = Data(Credentials.digest(secret))
    record.label = label
    record.prefix = String(secret.prefix(prefixLength))
    record.createdAt = Google_Protobuf_Timestamp(date: now)
    return record
  }
}

extension Simpeg_V1_ApiKey {
  /// The view of a stored key: everything but the secret's digest.
  init(_ record: Simpeg_Internal_V1_ApiKeyRecord) {
    self.init()
    id = record.id
    accountID = record.accountID
    label = record.label
    prefix = record.prefix
    createdAt = record.createdAt
    if record.hasRevokedAt { revokedAt = record.revokedAt }
  }
}
