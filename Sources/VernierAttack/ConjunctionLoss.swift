/// What PGD minimises for one conjunction of rows `c_k · y ≤ rhs_k`, writing `v_k = c_k · y − rhs_k`
/// (the conjunction holds exactly when every `v_k ≤ 0`).
///
/// Both agree on single-row conjunctions (the usual robustness disjuncts). They differ when
/// several rows must hold at once and nearly tie, as in ACAS Xu's "output 0 is the largest":
/// the maximum pushes one row per step, so near-ties make it alternate, while the sum pushes
/// every row still violated together.
public enum ConjunctionLoss: Sendable, Hashable {
    /// `max_k v_k`; its gradient is the row with the largest value.
    case maximum
    /// `Σ_k max(0, v_k)`; its gradient is the sum of the rows still violated (and, once none is,
    /// the row closest to being violated, so the margin keeps growing).
    case sumOfViolations
}
