import VernierCore

/// y = g ⊙ δ(z): the chain-rule step through a piecewise-linear activation with one kink at 0
/// (ReLU: slopes 0 and 1; LeakyReLU: α and 1), whose derivative δ is a step function and so cannot
/// be a continuous `ScalarActivation`.
///
/// Operands: the incoming gradient g (flat, `[n]` per sample) and the activation's pre-activation z
/// (any shape with n elements, read in flat order). The bound capabilities (`+Interval`, `+Linear`)
/// use the *Clarke* derivative set: δ ∈ {left} for z < 0, {right} for z > 0, and the whole hull
/// [min(left, right), max(left, right)] wherever the bounds of z contain 0. That set contains every
/// derivative the network can take on the region, so bounds of y hold for every Clarke Jacobian.
/// Forward evaluation picks the core's own choice at 0 (the activation's `derivative`), so the
/// Jacobian graph evaluated at a point reproduces `Graph.gradient` there.
public struct PiecewiseLinearGate: Operator {
    /// Slope for z < 0.
    public let left: Double
    /// Slope for z > 0.
    public let right: Double
    /// The slope `forward` uses at z = 0 exactly.
    public let atZero: Double

    /// Elements (per-sample flat index) whose slope a branch-and-bound domain has fixed: the
    /// domain's pre-activation bounds are clamped to that side of 0 by the caller, and the points
    /// where z = 0 exactly are dropped because the Lipschitz constant is an essential supremum of
    /// ‖∇f‖ (a hyperplane has measure zero; where z ≡ 0 on an open set, J does not depend on δ).
    public var fixed: [Int: Double]

    public init(left: Double, right: Double = 1, atZero: Double, fixed: [Int: Double] = [:]) {
        self.left = left
        self.right = right
        self.atZero = atZero
        self.fixed = fixed
    }

    public var kind: String { "PiecewiseLinearGate" }

    /// The Clarke derivative set for z ∈ [lower, upper].
    func slopes(_ lower: Double, _ upper: Double, element: Int) -> (Double, Double) {
        if let d = fixed[element] { return (d, d) }
        if lower > 0 { return (right, right) }
        if upper < 0 { return (left, left) }
        return (min(left, right), max(left, right))
    }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        guard inputShapes.count == 2 else {
            throw ShapeError("PiecewiseLinearGate takes the gradient and the pre-activation, got \(inputShapes.count) operands")
        }
        guard Shape.count(inputShapes[0]) == Shape.count(inputShapes[1]) else {
            throw ShapeError("PiecewiseLinearGate operands \(inputShapes[0]) and \(inputShapes[1]) differ in size")
        }
        return inputShapes[0]
    }

    func slope(at z: Double) -> Double { z > 0 ? right : (z < 0 ? left : atZero) }

    public func forward(_ inputs: [Tensor], batchSize: Int) -> Tensor {
        let g = inputs[0], z = inputs[1].data
        return Tensor(shape: g.shape, data: g.data.indices.map { g.data[$0] * slope(at: z[$0]) })
    }

    /// ∂y/∂g = δ(z); ∂y/∂z = 0 almost everywhere (δ is piecewise constant).
    public func backward(_ inputs: [Tensor], output: Tensor, outputGradient: Tensor) -> [Tensor] {
        let z = inputs[1].data, gy = outputGradient.data
        let dg = gy.indices.map { gy[$0] * slope(at: z[$0]) }
        return [Tensor(shape: inputs[0].shape, data: dg), Tensor.zeros(inputs[1].shape)]
    }
}
