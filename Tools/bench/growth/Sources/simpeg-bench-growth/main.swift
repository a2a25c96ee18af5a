import Foundation
import SimpegBenchKit
import SimpegServer

// simpeg-bench-growth: how the cost of GetEmployee and of a supervisor's ListActivities grows
// with the organisation, from 1k to 1M employees (10 activities each by default), through a real
// daemon and client over loopback.
//
//   simpeg-bench-growth generate --data DIR --employees N [--activities-per-employee K]
//                                write a synthetic organisation (SyntheticOrganisation) into DIR
//   simpeg-bench-growth serve --data DIR
//                                open a daemon on DIR on a free loopback port; print the port and
//                                the bootstrap credentials file; serve until stdin closes
//   simpeg-bench-growth drive --port P --credentials FILE --employees N [options]
//                                measure both calls; one tab-separated line per call
//   simpeg-bench-growth [options]
//                                for each size: generate into a temporary folder, start `serve`
//                                as a child process, drive it, stop it, delete the folder; then
//                                print the table with each size's ratio to the 10k size (or the
//                                smallest when 10k is not measured)
//
// Options: --sizes 1000,10000,100000,1000000, --activities-per-employee 10, --seconds 5 (measured
//          per call and size), --warmup 1, --concurrency 4 (callers), --max-calls 200000,
//          --supervisors 16 (unit heads with sessions), --unit-size 50, --year (this year).

let arguments = CommandLine.arguments
switch arguments.dropFirst().first {
case "generate":
  let options = GrowthOptions(arguments.dropFirst(2))
  guard let data = options.data else {
    note("generate needs --data")
    exit(2)
  }
  let started = ContinuousClock.now
  let counts = try await SyntheticOrganisation.write(
    shape(options, options.sizes[0]), intoDataFolder: data, logger: quietLogger
  ) {
    note("  written: \($0.employees) employees, \($0.activities) activities")
  }
  emit("\(counts.employees) employees, \(counts.activities) activities in \(ContinuousClock.now - started)")
case "serve":
  guard let data = GrowthOptions(arguments.dropFirst(2)).data else {
    note("serve needs --data")
    exit(2)
  }
  try await Serve.run(dataFolder: data)
case "drive":
  let options = GrowthOptions(arguments.dropFirst(2))
  guard let port = options.port, let credentials = options.credentials else {
    note("drive needs --port and --credentials")
    exit(2)
  }
  for row in try await Drive(
    options: options, port: port, credentialsFile: credentials, shape: shape(options, options.sizes[0])
  ).run() {
    emit(row.tsv)
  }
default:
  try await Growth(options: GrowthOptions(arguments.dropFirst())).run()
}

/// The synthetic organisation of `employees` under `options`.
func shape(_ options: GrowthOptions, _ employees: Int) -> SyntheticOrganisation.Shape {
  SyntheticOrganisation.Shape(
    employees: employees, activitiesPerEmployee: options.activitiesPerEmployee, year: options.year,
    unitSize: options.unitSize)
}
