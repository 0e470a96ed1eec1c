import VernierCore

extension SoftmaxGroups {
    /// An enclosure of the box's shape built element by element, as the softmax bounds need:
    /// `bound(first, i, element)` gives the lower and upper end for member `i` of the group whose
    /// elements are `first + j·stride` (`element = first + i·stride`).
    func enclosure(of box: IntervalTensor,
                   _ bound: (_ first: Int, _ i: Int, _ element: Int) -> (lower: Double, upper: Double)) -> IntervalTensor {
        var lo = [Double](repeating: 0, count: box.count)
        var hi = [Double](repeating: 0, count: box.count)
        forEachGroup(count: box.count) { first in
            for i in 0..<size {
                let element = first + i * stride
                (lo[element], hi[element]) = bound(first, i, element)
            }
        }
        return IntervalTensor(lower: Tensor(shape: box.shape, data: lo), upper: Tensor(shape: box.shape, data: hi))
    }
}
