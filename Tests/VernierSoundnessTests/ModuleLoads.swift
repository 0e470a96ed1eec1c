import Testing
@testable import VernierSoundness
// Replaced by the module's real tests.
