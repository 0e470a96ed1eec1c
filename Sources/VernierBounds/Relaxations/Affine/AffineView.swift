import VernierCore

/// An operator seen as an `AffineOperator`, so that an operator that is affine only in some of its
/// configurations (a `Reduction` with mode sum or mean, but not max) can reuse the generic affine
/// backward step of `AffineOperator.swift` — the very same code and proof — without conforming
/// to `AffineOperator` as a type.
///
/// Everything is forwarded to `base`. **The caller must only wrap an operator that is affine in
/// its operands** (y = Σ_k W_k·x_k + b): the affine step's soundness argument (coefficients from the
/// vector–Jacobian product, bias from the interval bound at 0, slack from the interval bound on
/// the symmetric magnitude box) holds exactly for such operators and for no others.
struct AffineView<Base: IntervalPropagating>: AffineOperator {
    let base: Base

    var kind: String { base.kind }

    func outputShape(for inputShapes: [[Int]]) throws -> [Int] { try base.outputShape(for: inputShapes) }

    func forward(_ inputs: [Tensor], batchSize: Int) -> Tensor { base.forward(inputs, batchSize: batchSize) }

    func backward(_ inputs: [Tensor], output: Tensor, outputGradient: Tensor) -> [Tensor] {
        base.backward(inputs, output: output, outputGradient: outputGradient)
    }

    func interval(_ inputs: [IntervalTensor]) -> IntervalTensor { base.interval(inputs) }
}
