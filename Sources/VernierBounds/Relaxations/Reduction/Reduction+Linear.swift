import VernierCore

/// CROWN for `Reduction` (ReduceSum, ReduceMean, ReduceMax, ReduceMin and the global pools).
///
/// - sum, mean: affine (every result is Σ x_i or Σ x_i / n over its group), so the generic affine
///   step applies unchanged, reached through `AffineView` (proof in `AffineOperator.swift`); the
///   operand's bounds then matter only for rounding slack (`needsOperandBounds` is false).
/// - max, min: per result the planes of the extremum of its group (`ExtremumPlanes`, proof
///   there), in the group's scalars; the backward step is `OutputPlanes.backward`.
///
/// **Groups.** Input element i (row-major over `inputShape`) belongs to the result whose index is
/// its multi-index restricted to the kept (non-reduced) axes, flattened row-major over those axes —
/// the map `Reduction.init` builds for the forward pass, recomputed here from the public
/// `inputShape` and `axes` (with or without `keepDims`, the kept axes are in the same order, so the
/// flat result index is the same).
extension Reduction: LinearBoundPropagating {
    public var needsOperandBounds: Bool { mode == .max || mode == .min }

    public func backward(_ a: CoefficientMatrix, operandBounds: [IntervalTensor],
                         parameters: RelaxationParameters?) -> BackwardStep {
        switch mode {
        case .sum, .mean:
            return AffineView(base: self).backward(a, operandBounds: operandBounds, parameters: parameters)
        case .max, .min:
            let x = operandBounds[0]
            let groups = resultGroups()
            var planes = OutputPlanes(operandCounts: [x.count], reservingOutputs: groups.count)
            var scratch = ExtremumPlanes.Scratch()
            for members in groups {
                ExtremumPlanes.append(to: &planes, columns: members, lower: members.map { x.lower.data[$0] },
                                      upper: members.map { x.upper.data[$0] }, constant: nil,
                                      minimum: mode == .min, scratch: &scratch)
            }
            return planes.backward(a, operandBounds: operandBounds)
        }
    }

    /// For every result element (per sample, flat), the flat input elements it reduces, in input
    /// order.
    func resultGroups() -> [[Int]] {
        let reduced = Set(axes)
        let kept = inputShape.indices.filter { !reduced.contains($0) }
        let keptStrides = Shape.strides(kept.map { inputShape[$0] })
        let strides = Shape.strides(inputShape)
        var groups = [[Int]](repeating: [], count: Shape.count(resultShape))
        for i in 0..<Shape.count(inputShape) {
            var target = 0
            for (j, d) in kept.enumerated() { target += ((i / strides[d]) % inputShape[d]) * keptStrides[j] }
            groups[target].append(i)
        }
        return groups
    }
}
