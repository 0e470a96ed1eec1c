import Testing
@testable import VernierLipschitz
// Replaced by the module's real tests.
