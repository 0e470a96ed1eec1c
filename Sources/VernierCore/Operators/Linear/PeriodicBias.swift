/// A bias added to every sample of an operator's result, repeated along the flat per-sample output:
/// element `t` of a sample receives `values[t mod values.count]`.
///
/// This covers the layouts the linear operators need without materialising a full tensor: a bias
/// per output feature (`[n]`, repeated over rows) and a bias per output element (`[rows·n]`).
/// `values.count` must divide the per-sample output size (checked where the operator is built).
public struct PeriodicBias: Sendable, Equatable {
    public let values: [Double]

    public init(_ values: [Double]) {
        precondition(!values.isEmpty, "a bias needs at least one value")
        self.values = values
    }

    /// Whether the bias fits a per-sample output of `count` elements.
    public func fits(perSampleCount count: Int) -> Bool { count % values.count == 0 }

    /// The bias value added to flat element `t` of a sample.
    @inlinable public func value(at t: Int) -> Double { values[t % values.count] }

    /// Adds the bias to every sample of a flat batched result.
    public func add(to y: inout [Double]) {
        let p = values.count
        values.withUnsafeBufferPointer { b in
            y.withUnsafeMutableBufferPointer { out in
                var start = 0
                while start < out.count {
                    for j in 0..<p { out[start + j] += b[j] }
                    start += p
                }
            }
        }
    }
}
