import VernierCore
import VernierSpec

/// An input that violates the property, with the output of a plain forward pass on it.
///
/// The only way to make one is `Counterexample.check`, which evaluates the network and checks the
/// property exactly, so a `Counterexample` value is always a confirmed violation.
public struct Counterexample: Sendable, Equatable {
    public let input: [Double]
    public let output: [Double]
    /// Index of the region (input box) that contains `input`.
    public let region: Int

    /// Re-evaluates `graph` on `input` in Double and returns a counterexample only if the input lies
    /// in a region's box and the output satisfies one of that region's violation conjunctions.
    public static func check(_ input: [Double], graph: Graph, property: Property) -> Counterexample? {
        guard input.count == graph.inputCount, input.allSatisfy(\.isFinite) else { return nil }
        let output = graph.evaluate(input)
        guard output.allSatisfy(\.isFinite) else { return nil }
        for (r, region) in property.regions.enumerated()
        where region.box.contains(input) && region.isViolated(byOutput: output) {
            return Counterexample(input: input, output: output, region: r)
        }
        return nil
    }
}
