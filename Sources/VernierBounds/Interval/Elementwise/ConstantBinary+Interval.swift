import VernierCore

/// IBP for `x ⊕ c` with a constant `c`.
///
/// Enclosure: each form is monotone in `x` for fixed `c` — increasing for `x + c`, `x − c`,
/// `x · c` (c ≥ 0) and `x / c` (c > 0), decreasing for `c − x`, `x · c` (c < 0) and `x / c` (c < 0) —
/// so the exact range over `x ∈ [l, u]` is spanned by the images of `l` and `u`, in that order or
/// swapped. `x · 0` is exactly 0 (also for an infinite endpoint).
/// Rounding: each endpoint image is one correctly rounded operation, stepped one ulp outward
/// (`ElementwiseRounding.down/up`), which encloses its exact value.
extension ConstantBinary: IntervalPropagating {
    public func interval(_ inputs: [IntervalTensor]) -> IntervalTensor {
        typealias R = ElementwiseRounding
        return expandedConstant.withUnsafeBufferPointer { pc in
            switch operation {
            case .add:
                return R.unary(plan, inputs[0]) { l, u, j in (R.down(l + pc[j]), R.up(u + pc[j])) }
            case .subtract:
                return R.unary(plan, inputs[0]) { l, u, j in (R.down(l - pc[j]), R.up(u - pc[j])) }
            case .reverseSubtract:
                return R.unary(plan, inputs[0]) { l, u, j in (R.down(pc[j] - u), R.up(pc[j] - l)) }
            case .multiply:
                return R.unary(plan, inputs[0]) { l, u, j in
                    let c = pc[j]
                    if c == 0 { return (0, 0) }
                    return c > 0 ? (R.down(l * c), R.up(u * c)) : (R.down(u * c), R.up(l * c))
                }
            case .divide:
                return R.unary(plan, inputs[0]) { l, u, j in
                    let c = pc[j]  // never 0: rejected when the operator is made
                    return c > 0 ? (R.down(l / c), R.up(u / c)) : (R.down(u / c), R.up(l / c))
                }
            }
        }
    }
}
