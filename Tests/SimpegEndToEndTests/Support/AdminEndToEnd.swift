import Testing

/// The end-to-end tests of simpeg-admin, one at a time: each starts daemons and runs the
/// binary many times, and running them side by side would only starve the rest of the test run.
@Suite(.serialized) enum AdminEndToEnd {}
