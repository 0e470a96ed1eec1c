import VernierCore

/// Enclosure of a window maximum over a box.
///
/// **Proof.** `max` is non-decreasing in every argument, so over `x ∈ [l, u]` the maximum of a
/// window lies between the maximum of the lower bounds and the maximum of the upper bounds, both
/// attained. These are selections of existing floats, with no arithmetic, so they are exact and
/// need no outward step.
extension MaxPool: IntervalPropagating {
    public func interval(_ inputs: [IntervalTensor]) -> IntervalTensor {
        let box = inputs[0]
        let shape = Array(box.shape.dropLast(inputSpatial.count)) + outputSpatial
        return IntervalTensor(lower: Tensor(shape: shape, data: pool(box.lower.data, larger: >)),
                              upper: Tensor(shape: shape, data: pool(box.upper.data, larger: >)))
    }
}
