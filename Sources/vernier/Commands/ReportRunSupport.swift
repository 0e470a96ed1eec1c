import Foundation
import VernierReport

/// Exit code of a run stopped by Ctrl-C after writing its partial results (128 + SIGINT, the
/// shell convention).
let interruptedExitCode: Int32 = 130

/// Runs `body` with SIGINT turned into a cancellation request: the first Ctrl-C sets `cancel`
/// (no new instance starts, running attacks stop, finished results are kept and written); a
/// second Ctrl-C exits at once with 130 without writing anything.
func withInterruptHandling<T>(_ cancel: CancellationFlag, quiet: Bool, _ body: () throws -> T) rethrows -> T {
    signal(SIGINT, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    source.setEventHandler {
        if cancel.isCancelled { _exit(interruptedExitCode) }
        cancel.cancel()
        FileHandle.standardError.write(Data("\ninterrupted: stopping; the finished instances will be written (Ctrl-C again to quit at once)\n".utf8))
    }
    source.resume()
    defer {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
    return try body()
}

/// The progress line on stderr: redrawn in place when stderr is a terminal and `--quiet` is
/// not given; nothing otherwise (logs of CI jobs stay clean), except a final summary line.
struct ProgressPrinter: Sendable {
    let live: Bool
    let quiet: Bool

    init(quiet: Bool) {
        self.quiet = quiet
        live = !quiet && isatty(STDERR_FILENO) == 1
    }

    var callback: (@Sendable (RunProgress) -> Void)? {
        guard live else { return nil }
        return { p in FileHandle.standardError.write(Data(("\r" + p.line() + "\u{1B}[K").utf8)) }
    }

    func finish(_ document: ResultsDocument, seconds: Double) {
        if live { FileHandle.standardError.write(Data("\n".utf8)) }
        guard !quiet else { return }
        let count = { (v: VerdictName) in document.instances.filter { $0.verdict == v }.count }
        let line = "\(document.instances.count)/\(document.totalInstances) instances in \(RunProgress.duration(seconds)): verified \(count(.verified)), falsified \(count(.falsified)), unknown \(count(.unknown)), timeout \(count(.timeout))\(document.complete ? "" : " (interrupted)")\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}

/// Parses `0.001,0.003,0.01`.
func parseEpsilons(_ text: String) -> [Double]? {
    let values = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
    guard !values.isEmpty, values.allSatisfy({ $0 != nil && $0!.isFinite && $0! >= 0 }) else { return nil }
    return values.map { $0! }
}

/// Wall-clock seconds since `start`.
func secondsSince(_ start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}

extension ReportError {
    /// How `runGuarded` reports it: every case is a problem with the user's files or arguments.
    var asCLIError: CLIInputError { CLIInputError(message: description) }
}

/// Runs `body`, turning `ReportError` into the CLI's invalid-input error (exit 65).
func reportGuarded<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let e as ReportError {
        throw e.asCLIError
    }
}
