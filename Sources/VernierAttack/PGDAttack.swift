import VernierCore
import VernierSpec

/// Projected gradient descent on a property's violation margin: a falsifier that is
/// incomplete (finding nothing proves nothing) but exact in what it reports.
///
/// For every region (input box) and every conjunction of its violation, PGD minimises the
/// conjunction's loss (`ConjunctionLoss`) over the box from several start points (`StartMix`).
/// Steps are L∞ steps: every coordinate moves by a fraction of its box width (`StepSchedule`)
/// in the direction of the sign of a moving average of its gradients (`Options.momentum`), and
/// is clamped back into the box exactly. All runs of a batch — which may mix regions and
/// conjunctions — share one batched `Graph.vectorJacobianProduct` per step. Two measures keep
/// the restarts from all ending in the same place: diversified runs first climb a random
/// direction of the output space (`Options.diversifyingSteps`), and a run whose gradient is
/// exactly zero starts over from a random point (`Options.resamplesPlateaus`).
///
/// The search runs in two phases: every region's start points are evaluated first, which
/// already catches violations there and ranks the conjunctions by their best margin; then the
/// conjunctions are attacked most promising first. Every iterate is judged by the margin of its
/// whole region, and the search stops at the first confirmed violation. `shouldStop` is polled
/// between steps.
///
/// To save a forward pass per step, the loss rows used for the gradient at an iterate are the
/// ones chosen at the previous iterate's output (the start's, for the first step); this only
/// matters for conjunctions of several rows, and only while their order changes.
///
/// Deterministic: equal options (seed included) give equal results on the same graph.
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
