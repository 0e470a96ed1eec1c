import VernierCore

/// Interval bounds for every elementwise activation, by the generic range enclosure of
/// `ActivationRange` applied to each element's interval (sound per element, hence for the tensor).
/// One scratch buffer for critical points serves the whole tensor: no per-element allocation.
extension ElementwiseActivation: IntervalPropagating {
    public func interval(_ inputs: [IntervalTensor]) -> IntervalTensor {
        let box = inputs[0]
        let n = box.count
        let model = ActivationRange.errorModel(activation.accuracy)
        var lower = [Double](repeating: 0, count: n)
        var upper = [Double](repeating: 0, count: n)
        var buffer = [CriticalPoint]()
        buffer.reserveCapacity(8)
        box.lower.data.withUnsafeBufferPointer { l in
            box.upper.data.withUnsafeBufferPointer { u in
                for i in 0..<n {
                    let r = ActivationRange.enclose(activation, l[i], u[i], model: model, buffer: &buffer)
                    lower[i] = r.lower
                    upper[i] = r.upper
                }
            }
        }
        return IntervalTensor(lower: Tensor(shape: box.shape, data: lower), upper: Tensor(shape: box.shape, data: upper))
    }
}
