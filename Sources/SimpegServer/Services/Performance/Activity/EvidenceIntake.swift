import Crypto
import Foundation
import SimpegAPI
import SimpegRPC

/// Checks the evidence sent with an activity: a reference with its SHA-256, and for small files
/// the bytes themselves, whose SHA-256 must match.
enum EvidenceIntake {
  /// The most pieces of evidence per activity.
  static let maxPieces = 20

  /// Evidence checked and ready to store: its record, and the bytes to keep (if sent).
  struct Piece: Sendable {
    var evidence: Simpeg_V1_ActivityEvidence
    var content: Data?
  }

  /// Checks `uploads`; `maxBytes` is the largest file whose bytes are accepted.
  static func check(_ uploads: [Simpeg_V1_EvidenceUpload], maxBytes: Int) throws -> [Piece] {
    guard uploads.count <= maxPieces else {
      throw RPCError(.invalidArgument, "an activity carries at most \(maxPieces) pieces of evidence")
    }
    return try uploads.enumerated().map { index, upload in
      let field = "evidence[\(index)]"
      guard !upload.name.allSatisfy(\.isWhitespace), upload.name.count <= 255 else {
        throw RPCError(.invalidArgument, "\(field).name is required (at most 255 characters)")
      }
      guard upload.sha256.count == 32 else {
        throw RPCError(
          .invalidArgument,
          "\(field).sha256 must be the 32-byte SHA-256 of the file, not \(upload.sha256.count) bytes")
      }
      guard upload.uri.count <= 2_000, upload.mediaType.count <= 255 else {
        throw RPCError(.invalidArgument, "\(field).uri or media_type is too long")
      }
      var evidence = Simpeg_V1_ActivityEvidence()
      evidence.name = upload.name
      evidence.uri = upload.uri
      evidence.sha256 = upload.sha256
      evidence.mediaType = upload.mediaType
      evidence.sizeBytes = upload.sizeBytes
      guard !upload.content.isEmpty else {
        guard !upload.uri.isEmpty else {
          throw RPCError(
            .invalidArgument, "\(field) needs a uri saying where the file lives, or its content")
        }
        return Piece(evidence: evidence, content: nil)
      }
      guard upload.content.count <= maxBytes else {
        throw RPCError(
          .invalidArgument,
          "\(field).content is \(upload.content.count) bytes; the server keeps files of at most "
            + "\(maxBytes) bytes: send a uri and the SHA-256 instead")
      }
      guard upload.sizeBytes == 0 || upload.sizeBytes == UInt64(upload.content.count) else {
        throw RPCError(
          .invalidArgument,
          "\(field).size_bytes says \(upload.sizeBytes) but the content is \(upload.content.count) bytes")
      }
      guard Data(SHA256.hash(data: upload.content)) == upload.sha256 else {
        throw RPCError(
          .invalidArgument, "\(field).sha256 does not match the content: the file was altered or cut")
      }
      evidence.sizeBytes = UInt64(upload.content.count)
      evidence.stored = true
      return Piece(evidence: evidence, content: upload.content)
    }
  }
}
