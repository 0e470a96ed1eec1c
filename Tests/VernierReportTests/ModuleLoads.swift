import Testing
@testable import VernierReport
// Replaced by the module's real tests.
