import SimpegAPI

/// What an import found: the bad rows and the rows accepted with a remark, each with its line,
/// gathered in any order and reported in line order within the response's room.
struct ImportReport: Sendable {
  /// The room for the reasons of bad rows in a response, in bytes.
  static let problemBudget = 2 * 1024 * 1024
  /// The room for notes in a response, in bytes.
  static let noteBudget = 1024 * 1024

  private var problems: [Simpeg_V1_ImportProblem] = []
  private var notes: [Simpeg_V1_ImportProblem] = []
  private var badRows: Set<Int> = []

  /// Whether any row was bad.
  var hasProblems: Bool { !problems.isEmpty }

  /// The number of rows reported bad.
  var problemCount: Int { problems.count }

  /// Whether the row at `index` was reported bad.
  func isBad(_ index: Int) -> Bool { badRows.contains(index) }

  /// Reports the row at `index` (of line `line`) bad for `reason`.
  mutating func bad(_ index: Int, line: UInt32, _ reason: String) {
    guard badRows.insert(index).inserted else { return }
    problems.append(Self.entry(line, reason))
  }

  /// Adds a remark about an accepted row.
  mutating func note(line: UInt32, _ reason: String) {
    notes.append(Self.entry(line, reason))
  }

  /// The response for `rows` received, `valid` of them good, `written` of them written.
  func response(rows: Int, valid: Int, written: Int, dryRun: Bool) -> Simpeg_V1_ImportResponse {
    var response = Simpeg_V1_ImportResponse()
    response.rows = UInt32(clamping: rows)
    response.valid = UInt32(clamping: valid)
    response.written = UInt32(clamping: written)
    response.committed = written > 0
    response.dryRun = dryRun
    (response.problems, response.problemsOmitted) = Self.fitted(problems, budget: Self.problemBudget)
    (response.notes, response.notesOmitted) = Self.fitted(notes, budget: Self.noteBudget)
    return response
  }

  private static func entry(_ line: UInt32, _ reason: String) -> Simpeg_V1_ImportProblem {
    var entry = Simpeg_V1_ImportProblem()
    entry.line = line
    entry.reason = reason
    return entry
  }

  /// The entries in line order as far as `budget` bytes of reasons go, and how many are left out.
  private static func fitted(_ entries: [Simpeg_V1_ImportProblem], budget: Int)
    -> ([Simpeg_V1_ImportProblem], UInt32)
  {
    var used = 0
    var kept: [Simpeg_V1_ImportProblem] = []
    for entry in entries.sorted(by: { $0.line < $1.line }) {
      used += entry.reason.utf8.count + 8
      guard used <= budget else { break }
      kept.append(entry)
    }
    return (kept, UInt32(clamping: entries.count - kept.count))
  }
}
