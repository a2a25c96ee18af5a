import SimpegAPI
import SimpegKinerja
import SimpegRPC

/// A NIP PNS or NI PPPK given in a request, checked by SimpegKinerja's ``NIP``: a refusal names
/// the digit group that is wrong.
enum NIPField {
  /// The longest text looked at; a NIP has 18 digits, with spaces at most 21 characters.
  static let inputLimit = 64

  /// The validated number of `text`; INVALID_ARGUMENT naming `field` and the digit group.
  static func parse(_ text: String, field: String = "nip") throws -> NIP {
    guard text.utf8.count <= inputLimit else {
      throw FieldCheck.invalid(field, "is \(text.utf8.count) characters long; a NIP has 18 digits")
    }
    do {
      return try NIP(text)
    } catch {
      throw FieldCheck.invalid(field, error.description)
    }
  }

  /// The wire code of a number's kind.
  static func kind(_ kind: NIPKind) -> Simpeg_V1_NIPKind {
    kind == .pns ? .nipPns : .niPppk
  }

  /// The answer of ValidateNIP: what the number says, or which digit group is wrong.
  static func validation(of text: String) -> Simpeg_V1_ValidateNIPResponse {
    var response = Simpeg_V1_ValidateNIPResponse()
    do {
      let nip = try parse(text)
      response.valid = true
      response.kind = kind(nip.kind)
      response.birthDate = Simpeg_V1_Date(nip.birthDate)
      response.gender = Simpeg_V1_Gender(nip.gender)
      response.canonical = nip.canonical
      response.formatted = nip.formatted
    } catch let error as RPCError {
      response.problem = error.message
    } catch {
      response.problem = "\(error)"
    }
    return response
  }
}
