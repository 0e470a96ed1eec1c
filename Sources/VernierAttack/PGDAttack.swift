import VernierCore
import VernierSpec

/// Projected gradient descent on a property's violation margin: a falsifier that is
/// incomplete (finding nothing proves nothing) but exact in what it reports.
///
/// For every region (input box) and every conjunction of its violation, PGD minimises the
/// conjunction's loss `max_k (c_k · y − rhs_k)` over the box, from several start points, with
/// L∞ signed-gradient steps (each coordinate moves by a fraction of its box width, see
/// `StepSchedule`) followed by an exact clamp back into the box. The gradient of the max is the
/// gradient of its active row, fed to one batched `Graph.vectorJacobianProduct` per step for
/// all start points in a batch (which may mix regions and conjunctions).
///
/// The search runs in two phases: every region's start points are evaluated first, which
/// already catches violations at the start points and ranks the conjunctions by their best
/// margin there; then the conjunctions are attacked most promising first. It stops at the
/// first confirmed violation, and honours `shouldStop` between steps.
///
/// To save a forward pass per step, the active row used for the gradient at an iterate is the
/// one chosen at the previous iterate (exact at the start point); this only matters for
/// conjunctions of several rows, and only while the active row changes.
public struct PGDAttack: Sendable {
    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// Searches for an input violating `property` on `graph`.
    ///
    /// A reported violation has passed `Property.isViolated` on the output of a plain forward
    /// pass (`graph.evaluate`) of an input inside a region's box; no tolerance is used. A
    /// property whose input or output count differs from the graph's gives an empty result.
    /// Regions whose box is malformed (wrong dimension, a non-finite bound, `lower > upper`) are
    /// not attacked.
    public func search(_ graph: Graph, property: Property, shouldStop: () -> Bool = { false }) -> AttackResult {
        var run = AttackRun(graph: graph, property: property, options: options)
        guard run.isUsable else { return run.result() }
        run.evaluateStarts(shouldStop: shouldStop)
        if run.isFinished { return run.result() }
        for jobs in run.jobBatches() {
            run.attack(jobs, shouldStop: shouldStop)
            if run.isFinished { break }
        }
        return run.result()
    }
}
