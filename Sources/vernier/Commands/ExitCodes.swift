import ArgumentParser
import Foundation
import VernierCore
import VernierIO
import VernierSpec
import VernierBounds
import VernierVerify

/// Exit codes of the CLI (documented in specs/cli.md).
enum ExitCodes {
    static let verified: Int32 = 0
    static let falsified: Int32 = 1
    static let unknown: Int32 = 2
    static let usage: Int32 = 64
    static let invalidInput: Int32 = 65
    static let internalError: Int32 = 70
}

/// Runs a command body, turning our typed errors into one-line messages and documented exit codes.
/// Anything that reaches here as a user-input error exits 65; unexpected errors exit 70.
func runGuarded(_ body: () throws -> Int32) throws {
    let code: Int32
    do {
        code = try body()
    } catch let e as ExitCode {
        throw e
    } catch let e as ValidationError {
        throw e
    } catch {
        let (message, exit) = describe(error)
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        throw ExitCode(exit)
    }
    if code != 0 { throw ExitCode(code) }
}

/// One line for the user, and the exit code class of the error.
func describe(_ error: Error) -> (String, Int32) {
    switch error {
    case let e as ModelError: return (e.description, ExitCodes.invalidInput)
    case let e as ModelFileError: return (e.description, ExitCodes.invalidInput)
    case let e as VNNLibError: return (e.description, ExitCodes.invalidInput)
    case let e as InputDataError: return (e.description, ExitCodes.invalidInput)
    case let e as RobustnessSpecError: return (e.description, ExitCodes.invalidInput)
    case let e as VerificationError: return (e.description, ExitCodes.invalidInput)
    case let e as CLIInputError: return (e.message, ExitCodes.invalidInput)
    case let e as UnsupportedBoundError: return (e.description, ExitCodes.invalidInput)
    default: return ("internal error: \(error)", ExitCodes.internalError)
    }
}

/// A problem with command-line-provided data that is not a usage error (e.g. a file's content).
struct CLIInputError: Error {
    var message: String
}

func writeFile(_ text: String, to path: String) throws {
    do {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
        throw CLIInputError(message: "cannot write '\(path)': \(error.localizedDescription)")
    }
}
