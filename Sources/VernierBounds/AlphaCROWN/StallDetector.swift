/// The early stop of an ascent: counts consecutive steps whose objective does not beat the best
/// so far by a relative 10⁻¹², and says when that count reaches the patience.
///
/// The first finite objective is always progress. (The comparison used to be written against a
/// best of −∞ as `objective > best + 10⁻¹²·max(1, |best|)`: −∞ + ∞ is NaN, every comparison was
/// false, and every α-CROWN run stopped after exactly `patience` steps whatever its iteration
/// budget.) Non-finite objectives (a row unbounded below) never count as progress.
struct StallDetector: Sendable {
    let patience: Int
    private(set) var best = -Double.infinity
    private(set) var stale = 0

    init(patience: Int) {
        self.patience = patience
    }

    /// Records one step's objective; true when the ascent should stop.
    mutating func shouldStop(after objective: Double) -> Bool {
        if objective.isFinite && (!best.isFinite || objective > best + 1e-12 * max(1, abs(best))) {
            best = objective
            stale = 0
        } else {
            stale += 1
        }
        return stale >= patience
    }
}
