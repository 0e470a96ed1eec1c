import VernierCore
import VernierSpec
import VernierAttack

/// The falsification stage that `Verifier` and the suite/report runner share, so that both spend
/// the same budget and report the same methods: PGD (100 restarts for networks with at most
/// `lowDimension` inputs, where restarts are cheap and violating pockets small; 10 otherwise),
/// then, if PGD found nothing and the network has at most `lowDimension` inputs, the edge scan
/// (`EdgeScan`, which itself skips boxes of more than 8 varying inputs).
///
/// A counterexample is returned only after `Counterexample.check` (a plain forward pass and an
/// exact check of the property) confirmed it.
public struct Falsifier: Sendable {
    public var seed: UInt64
    public var lowDimension: Int

    public init(seed: UInt64, lowDimension: Int = 16) {
        self.seed = seed
        self.lowDimension = lowDimension
    }

    public struct Outcome: Sendable {
        /// PGD's result (its best margins are reported even when it found nothing).
        public let attack: AttackResult
        /// A confirmed violation, and what found it (`pgd` or `edge-scan`).
        public let counterexample: Counterexample?
        public let method: String?
    }

    public func run(_ graph: Graph, property: Property, shouldStop: () -> Bool) -> Outcome {
        var options = PGDAttack.Options()
        options.seed = seed
        let lowDimensional = graph.inputCount <= lowDimension
        if lowDimensional { options.restarts = 100 }
        let attack = PGDAttack(options: options).search(graph, property: property, shouldStop: shouldStop)
        // The attack checked its candidate; the verdict still only comes from our own check.
        if attack.violates, let x = attack.candidate?.input, let cex = Counterexample.check(x, graph: graph, property: property) {
            return Outcome(attack: attack, counterexample: cex, method: "pgd")
        }
        // Vertices and edges too (forward passes only), for thin violation slivers along an edge
        // that PGD's clamped steps miss.
        if lowDimensional, let x = EdgeScan().search(graph, property: property, shouldStop: shouldStop),
           let cex = Counterexample.check(x, graph: graph, property: property) {
            return Outcome(attack: attack, counterexample: cex, method: "edge-scan")
        }
        return Outcome(attack: attack, counterexample: nil, method: nil)
    }
}
