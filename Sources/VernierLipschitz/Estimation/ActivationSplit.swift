/// A branch-and-bound decision on one ReLU-like neuron of the forward pass: its pre-activation is
/// ≥ 0 (`active`, derivative fixed to the right slope) or ≤ 0 (derivative fixed to the left slope)
/// on the domain. The two decisions cover every input of the parent domain.
struct ActivationSplit: Hashable, Sendable {
    /// Index of the `PiecewiseLinearGate` node in the Jacobian graph's nodes.
    var gate: Int
    /// Per-sample flat element index.
    var element: Int
    var active: Bool
}
