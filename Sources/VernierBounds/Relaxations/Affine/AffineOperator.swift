import VernierCore

/// Operators that are affine in their operands, y = Σ_k W_k·x_k + b — every linear layer, shape
/// operator and constant offset. One generic backward step serves them all:
///
/// - operand coefficients A_k = A·W_k are the operator's own vector–Jacobian product applied to the
///   rows of A (for an affine map the VJP does not depend on the operand values, so zeros are
///   passed), which reuses the operator's fast (BLAS, im2col, index-map) code;
/// - the bias A·b: b = y(0) is enclosed by the operator's interval bound on the point box 0, and A·b
///   bounded below term by term;
/// - rounding: the VJP computes each A_k entry as a dot product over the outputs (at most
///   `dotLength` terms, the larger of the output and the operands' sizes), so
///   |A·W_k − Â_k| ≤ γ·|A|·|W_k| and |(A·W_k − Â_k)·x_k| ≤ γ·|A|·(|W_k|·|x_k|max). The vector
///   Σ_k |W_k|·|x_k|max is the radius of the operator's interval bound over the box [−|x|max, |x|max]
///   (minus the bias, which is centred), so again no operator-specific code is needed.
///   `isExactDataMovement` operators (reshape, gather, concat) do no arithmetic: zero slack.
public protocol AffineOperator: IntervalPropagating, LinearBoundPropagating {
    /// True when the VJP only moves numbers (no products or sums): no rounding slack.
    var isExactDataMovement: Bool { get }
}

extension AffineOperator {
    public var isExactDataMovement: Bool { false }
    public var needsOperandBounds: Bool { false }

    public func backward(_ a: CoefficientMatrix, operandBounds: [IntervalTensor],
                         parameters: RelaxationParameters?) -> BackwardStep {
        let m = a.rows
        let operandShapes = operandBounds.map { Array($0.shape.dropFirst()) }
        let outputShape = (try? outputShape(for: operandShapes)) ?? []
        // VJP on the rows of A: a batch of m "output gradients".
        let zeros = operandShapes.map { Tensor.zeros([m] + $0) }
        let g = Tensor(shape: [m] + outputShape, data: a.data)
        let grads = backward(zeros, output: Tensor.zeros([m] + outputShape), outputGradient: g)
        let coefficients: [CoefficientMatrix?] = grads.enumerated().map { k, t in
            CoefficientMatrix(rows: m, columns: Shape.count(operandShapes[k]), data: t.data)
        }
        let (bias, slack) = affineBiasAndSlack(a, operandShapes: operandShapes, anchor: nil,
                                               magnitudes: operandBounds.map { BackwardRounding.magnitude($0) })
        return BackwardStep(operandCoefficients: coefficients, bias: bias, slack: slack)
    }

    /// Bias and rounding slack of the affine step for coefficients `a` (the argument above).
    /// Bias: A·y(anchor) bounded below, y(anchor) enclosed by the interval bound on that point
    /// (`anchor` nil: every operand 0). Slack: the rounding of Â = fl(A·W) applied to operands of at
    /// most `magnitudes` per element, through the radius of the interval bound over
    /// [−magnitudes, magnitudes] (≥ |W|·magnitudes; the bias is centred). A shortcut that computes
    /// the same Â differently (`Linear+BackwardShortcuts`) reuses both.
    func affineBiasAndSlack(_ a: CoefficientMatrix, operandShapes: [[Int]], anchor: [[Double]]?,
                            magnitudes: [[Double]]) -> (bias: [Double], slack: [Double]) {
        let points = zip(operandShapes.indices, operandShapes).map { k, shape in
            IntervalTensor(point: anchor.map { Tensor(shape: [1] + shape, data: $0[k]) } ?? Tensor.zeros([1] + shape))
        }
        let b = interval(points)
        let bias = LinearFormBounds.lowerBounds(of: a, lower: b.lower.data, upper: b.upper.data)
        guard !isExactDataMovement else { return (bias, [Double](repeating: 0, count: a.rows)) }
        let symmetric = zip(magnitudes, operandShapes).map { mag, shape in
            IntervalTensor(lower: Tensor(shape: [1] + shape, data: mag.map { -$0 }),
                           upper: Tensor(shape: [1] + shape, data: mag))
        }
        let spread = interval(symmetric)
        let radius = zip(spread.lower.data, spread.upper.data).map { l, u in (0.5 * (u - l)).nextUp }
        // An entry of A·W_k sums over the outputs (Σ_i A_ri·W_ij): the dot length is at most the
        // output size, which exceeds the input size in an expanding layer (784 outputs from 200
        // inputs in dist_shift). Both bound it, so take the larger.
        let outputCount = Shape.count((try? outputShape(for: operandShapes)) ?? [])
        let dotLength = max(operandShapes.reduce(0) { $0 + Shape.count($1) }, outputCount) + 1
        return (bias, BackwardRounding.linearSlack(a, weightTimesMagnitude: radius, innerDimension: dotLength,
                                                   operandMagnitudeSum: BackwardRounding.magnitudeSum(magnitudes)))
    }
}
