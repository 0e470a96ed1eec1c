/// Local L∞ robustness of a classifier around one input, as a `Property`.
///
/// The input region is the ball `{x : |x - center|∞ <= epsilon}` intersected with the domain
/// `clip` (e.g. `0...1` for images). The property is violated when some input in that region
/// is classified as a class other than `label` — or, with `target`, as that class — in the
/// sense `y_label <= y_j` (ties count as violations, which is the conservative reading).
public struct RobustnessSpec: Sendable, Hashable {
    public var center: [Double]
    public var epsilon: Double
    /// The correct class.
    public var label: Int
    /// If set, only misclassification as this class counts (targeted robustness).
    public var target: Int?
    /// The valid input domain, applied to every coordinate; nil for no clipping.
    public var clip: ClosedRange<Double>?
    /// Number of classes (network outputs).
    public var outputCount: Int

    public init(center: [Double], epsilon: Double, label: Int, target: Int? = nil,
                clip: ClosedRange<Double>? = nil, outputCount: Int) {
        self.center = center
        self.epsilon = epsilon
        self.label = label
        self.target = target
        self.clip = clip
        self.outputCount = outputCount
    }

    /// The property in violation form: one region; for every class `j` that counts as a
    /// misclassification, a conjunction `{ y_label - y_j <= 0 }`.
    ///
    /// Box bounds are `center ∓ epsilon` rounded *outward* when the subtraction or addition is
    /// inexact, so the box always contains the mathematical ball (sound for verification),
    /// then intersected with `clip`.
    public func property(source: String? = nil) throws(RobustnessSpecError) -> Property {
        try validate()
        var lower = [Double](repeating: 0, count: center.count)
        var upper = [Double](repeating: 0, count: center.count)
        for (i, c) in center.enumerated() {
            lower[i] = Self.roundedSum(c, -epsilon, towardPositive: false)
            upper[i] = Self.roundedSum(c, epsilon, towardPositive: true)
            if let clip {
                lower[i] = max(lower[i], clip.lowerBound)
                upper[i] = min(upper[i], clip.upperBound)
            }
        }
        let classes = target.map { [$0] } ?? Array((0..<outputCount).filter { $0 != label })
        let violation = classes.map { j in
            var coefficients = [Double](repeating: 0, count: outputCount)
            coefficients[label] = 1
            coefficients[j] = -1
            return Conjunction(constraints: [OutputConstraint(coefficients: coefficients, rhs: 0)])
        }
        let region = Region(box: InputBox(lower: lower, upper: upper), violation: violation)
        return Property(inputCount: center.count, outputCount: outputCount, regions: [region], source: source)
    }

    /// Checks every field; `property()` calls this first.
    public func validate() throws(RobustnessSpecError) {
        if center.isEmpty { throw .emptyCenter }
        if let bad = center.firstIndex(where: { !$0.isFinite }) {
            throw .nonFiniteCenter(index: bad, value: center[bad])
        }
        if !(epsilon.isFinite && epsilon >= 0) { throw .invalidEpsilon(epsilon) }
        if outputCount < 2 { throw .tooFewOutputs(outputCount) }
        if !(0..<outputCount).contains(label) { throw .labelOutOfRange(label: label, outputCount: outputCount) }
        if let target {
            if !(0..<outputCount).contains(target) { throw .targetOutOfRange(target: target, outputCount: outputCount) }
            if target == label { throw .targetEqualsLabel(target) }
        }
        if let clip {
            if !(clip.lowerBound.isFinite && clip.upperBound.isFinite) {
                throw .invalidClip(lower: clip.lowerBound, upper: clip.upperBound)
            }
            if let bad = center.firstIndex(where: { !clip.contains($0) }) {
                throw .centerOutsideClip(index: bad, value: center[bad], lower: clip.lowerBound, upper: clip.upperBound)
            }
        }
    }

    /// `a + b` rounded in the requested direction instead of to nearest.
    ///
    /// Uses the error-free TwoSum transformation: `s + err == a + b` exactly, so the sign of
    /// `err` says on which side of the true sum the rounded `s` fell.
    static func roundedSum(_ a: Double, _ b: Double, towardPositive: Bool) -> Double {
        let s = a + b
        guard s.isFinite else { return s }
        let bb = s - a
        let err = (a - (s - bb)) + (b - bb)
        if towardPositive { return err > 0 ? s.nextUp : s }
        return err < 0 ? s.nextDown : s
    }
}
