import SimpegAPI
import SimpegAdmin
import SimpegRPC
import SimpegStore
import Testing

private typealias ExitStatus = SimpegAdmin.ExitStatus

/// The exit statuses scripts rely on and the hints people read.
@Suite struct ExitStatusTests {
  @Test func everyStatusCodeMapsToTheDocumentedExitStatus() {
    let expected: [StatusCode: ExitStatus] = [
      .ok: .ok, .cancelled: .failed, .unknown: .failed, .invalidArgument: .refused,
      .deadlineExceeded: .unavailable, .notFound: .notFound, .alreadyExists: .refused,
      .permissionDenied: .denied, .resourceExhausted: .failed, .failedPrecondition: .refused,
      .aborted: .failed, .outOfRange: .refused, .unimplemented: .failed, .internal: .failed,
      .unavailable: .unavailable, .dataLoss: .verificationFailed, .unauthenticated: .denied,
    ]
    for code in StatusCode.allCases {
      #expect(ExitStatus(code) == expected[code], "\(code)")
    }
  }

  @Test func theNumbersAreTheDocumentedOnes() {
    #expect(ExitStatus.allCases.map(\.rawValue) == [0, 1, 2, 3, 4, 5, 6, 7])
  }

  @Test func anUnauthenticatedRefusalSaysToLogIn() {
    let report = ErrorReport(RPCError(.unauthenticated, "no valid session"))
    #expect(report.status == .denied)
    #expect(report.lines[0] == "simpeg-admin: UNAUTHENTICATED: no valid session")
    #expect(report.lines[1].contains("simpeg-admin login"))
  }

  @Test func anUnreachableDaemonSaysWhatToCheck() {
    let report = ErrorReport(RPCError(.unavailable, "connection refused"))
    #expect(report.status == .unavailable)
    #expect(report.hint?.contains("--address") == true)
  }

  @Test func aThrottledLoginSaysWhenToRetry() {
    var metadata = Metadata()
    metadata.add("retry-after", "30")
    let report = ErrorReport(RPCError(.resourceExhausted, "too many failed logins", metadata: metadata))
    #expect(report.hint == "retry in 30 seconds")
  }

  @Test func aRefusalCarriesTheDaemonsMessageAsItIs() {
    let report = ErrorReport(RPCError(.failedPrecondition, "position_id: position 3 (Lurah) is held"))
    #expect(report.status == .refused)
    #expect(report.message == "FAILED_PRECONDITION: position_id: position 3 (Lurah) is held")
  }

  @Test func damagedBackupsAreVerificationFailures() {
    for kind in [StoreError.Kind.backupTruncated, .backupCorrupted, .backupMismatch] {
      #expect(ErrorReport(StoreError(kind, "bad")).status == .verificationFailed)
    }
    #expect(ErrorReport(StoreError(.restoreTargetNotEmpty, "not empty")).status == .refused)
  }

  @Test func ownFailuresKeepTheirStatusAndHint() {
    let report = ErrorReport(AdminFailure(.notFound, "no such context", hint: "context list"))
    #expect(report.lines == ["simpeg-admin: no such context", "  context list"])
    #expect(report.status == .notFound)
  }
}
