import Foundation

/// The group-by-group loops shared by `Softmax` and `LogSoftmax` (evaluation and gradient).
extension SoftmaxGroups {
    /// A result the size of `x`, written group by group: `body(first, xp, yp)` fills the group whose
    /// elements are `first + j·stride`, `j < size`.
    func mapGroups(_ x: [Double],
                   _ body: (_ first: Int, _ x: UnsafeBufferPointer<Double>, _ y: UnsafeMutableBufferPointer<Double>) -> Void)
        -> [Double] {
        var y = [Double](repeating: 0, count: x.count)
        x.withUnsafeBufferPointer { xp in
            y.withUnsafeMutableBufferPointer { yp in
                forEachGroup(count: xp.count) { first in body(first, xp, yp) }
            }
        }
        return y
    }

    /// The same over two operands of the size of `a` (for the gradient: the forward output and
    /// ∂L/∂output): `body(first, ap, bp, result)`.
    func mapGroups(_ a: [Double], _ b: [Double],
                   _ body: (_ first: Int, _ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>,
                            _ result: UnsafeMutableBufferPointer<Double>) -> Void) -> [Double] {
        var result = [Double](repeating: 0, count: a.count)
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                result.withUnsafeMutableBufferPointer { rp in
                    forEachGroup(count: ap.count) { first in body(first, ap, bp, rp) }
                }
            }
        }
        return result
    }

    /// The stable start of both softmaxes for the group at `first`: writes `exp(x_j − max)` into
    /// `y` (same positions) and returns the group's `max` (−∞ when empty) and `Σ_j exp(x_j − max)`,
    /// summed in element order.
    func shiftedExponentials(_ x: UnsafeBufferPointer<Double>, into y: UnsafeMutableBufferPointer<Double>,
                             first: Int) -> (top: Double, sum: Double) {
        var top = -Double.infinity
        for j in 0..<size { top = max(top, x[first + j * stride]) }
        var sum = 0.0
        for j in 0..<size {
            let e = exp(x[first + j * stride] - top)
            y[first + j * stride] = e
            sum += e
        }
        return (top, sum)
    }
}
