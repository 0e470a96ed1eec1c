import Testing
@testable import VernierBaB
import VernierTestSupport

/// The rigorous infeasibility test: proves infeasible systems with good multipliers, and never
/// "proves" a system that has a solution in the box, whatever the multipliers.
@Suite struct FarkasCertificateTests {
    @Test func testInfeasibleSystem_isCertified() {
        // x ≤ −0.5 and −x ≤ −0.25 (x ≥ 0.25) in [−1, 1]: contradictory; ν = (1, 1) gives 0·x ≤ −0.75.
        let m = FarkasCertificate.margin(rows: [[1], [-1]], rhs: [-0.5, -0.25], multipliers: [1, 1], lower: [-1], upper: [1])
        #expect(m > 0.74 && m <= 0.75)
    }

    @Test func testFeasibleSystems_areNeverCertified() {
        var rng = SeededGenerator(seed: 5)
        for _ in 0..<2000 {
            let n = Int.random(in: 1...4, using: &rng), m = Int.random(in: 1...5, using: &rng)
            let x = (0..<n).map { _ in Double.random(in: -1...1, using: &rng) }
            var rows = [[Double]](), rhs = [Double]()
            for _ in 0..<m {
                let a = (0..<n).map { _ in Double.random(in: -3...3, using: &rng) }
                // Tight at the known solution x: the hardest case for rounding.
                rows.append(a)
                rhs.append(zip(a, x).reduce(0) { $0 + $1.0 * $1.1 })
            }
            let nu = (0..<m).map { _ in Double.random(in: 0...2, using: &rng) }
            let margin = FarkasCertificate.margin(rows: rows, rhs: rhs, multipliers: nu,
                                                  lower: [Double](repeating: -1, count: n), upper: [Double](repeating: 1, count: n))
            #expect(!(margin > 0), "certified a system solved by \(x)")
        }
    }
}
