import ArgumentParser
import Foundation
import VernierCore

@main
struct Vernier: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vernier",
        abstract: "Neural-network verification and robustness analysis.",
        discussion: """
        Answers whether a network satisfies a property: verified (VNN-COMP unsat), falsified with a \
        re-checked counterexample (sat), or unknown/timeout.

        Exit codes: 0 verified, 1 falsified, 2 unknown or timeout, 64 usage error, \
        65 invalid model/spec/data, 70 internal error (see specs/cli.md).
        """,
        version: VernierVersion.string,
        subcommands: [
            Verify.self, Bounds.self, Eval.self, Info.self, Convert.self,
            Lipschitz.self, Monotonicity.self,  // Lipschitz / monotonicity commands
            Soundness.self, // Soundness-benchmark commands
            // Report / suite / check commands:
            Report.self, SuiteCommand.self, Check.self,
        ]
    )

    /// OpenBLAS starts one spinning thread per core; the matrices of a bound computation are small
    /// enough that on a busy machine those threads cost more than they give (mnist 256x6 CROWN:
    /// 0.074 s on one thread, 0.165 s on two with another job running), and branch and bound
    /// parallelises over domains instead. `OPENBLAS_NUM_THREADS`, when set, is respected.
    static func main() {
        if ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] == nil { BLAS.setThreadCount(1) }
        AllocatorTuning.keepFreedMemory()
        main(nil)
    }
}

enum VernierVersion {
    static let string = "0.1.0"
}
