/// A verification property in *violation form*.
///
/// The property is VIOLATED (VNN-COMP `sat`, a counterexample exists) iff there is an input
/// `x` and its output `y = f(x)` such that, for some region, `x` lies in the region's box and
/// `y` satisfies some conjunction of that region's `violation`. It HOLDS (`unsat`, verified)
/// iff no such `x` exists. This is exactly the reading of a VNN-LIB file: its assertions
/// describe counterexamples.
public struct Property: Sendable, Hashable {
    /// Number of network inputs (`X_0 … X_{n-1}`); every region's box has this dimension.
    public var inputCount: Int
    /// Number of network outputs (`Y_0 … Y_{m-1}`); every constraint has this many coefficients.
    public var outputCount: Int
    /// The input regions; the violation set is the union over regions.
    public var regions: [Region]
    /// Where the property came from (a file path, or a description), for messages.
    public var source: String?

    public init(inputCount: Int, outputCount: Int, regions: [Region], source: String? = nil) {
        self.inputCount = inputCount
        self.outputCount = outputCount
        self.regions = regions
        self.source = source
    }

    /// The exact check used to confirm a counterexample: `input` lies in some region's box
    /// and `output` satisfies some conjunction of that same region.
    ///
    /// Returns false when either array has the wrong length or contains NaN, so a malformed
    /// candidate can never be reported as a counterexample.
    public func isViolated(input: [Double], output: [Double]) -> Bool {
        guard input.count == inputCount, output.count == outputCount else { return false }
        return regions.contains { $0.box.contains(input) && $0.isViolated(byOutput: output) }
    }

    /// The violation margin of `output` for region `region` (see `Region.violationMargin`):
    /// `>= 0` means violated. An out-of-range region index gives `-infinity`.
    public func violationMargin(region: Int, output: [Double]) -> Double {
        guard regions.indices.contains(region) else { return -.infinity }
        return regions[region].violationMargin(output)
    }
}
