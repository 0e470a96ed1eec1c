import VernierCore

/// CROWN for `MaxPool`: per output element the planes of the maximum over its window
/// (`ExtremumPlanes`: the window element with the largest centre below; the better of the largest
/// upper bound and the generalised triangle plane above; exact when one element dominates), in the
/// scalars of the window. The backward step is `OutputPlanes.backward`.
///
/// **Windows.** Output p of every `[spatial]` plane is the maximum of the input positions
/// `sources[offsets[p] ..< offsets[p + 1]]` of the same plane (`PoolingWindows`, padding taps left
/// out; lowering rejects windows that cover only padding), exposed to bound engines as
/// `windowOffsets`/`windowSources` — the very arrays the forward pass walks, not a reconstruction.
/// Should they not describe `outputPlane` non-empty windows inside the plane, the step falls back
/// to concretising `A·y` with the interval bound of the output (what CROWN did before this
/// relaxation existed).
extension MaxPool: LinearBoundPropagating {
    public func backward(_ a: CoefficientMatrix, operandBounds: [IntervalTensor],
                         parameters: RelaxationParameters?) -> BackwardStep {
        let x = operandBounds[0]
        guard let (offsets, sources) = windowMembers() else {
            return BackwardPass.intervalStep(a, output: interval(operandBounds))
        }
        let inPlane = Shape.count(inputSpatial), outPlane = Shape.count(outputSpatial)
        let planeCount = inPlane == 0 ? 0 : x.count / inPlane
        var planes = OutputPlanes(operandCounts: [x.count], reservingOutputs: planeCount * outPlane)
        var scratch = ExtremumPlanes.Scratch()
        var columns = [Int](), lower = [Double](), upper = [Double]()
        for plane in 0..<planeCount {
            let base = plane * inPlane
            for p in 0..<outPlane {
                columns.removeAll(keepingCapacity: true)
                lower.removeAll(keepingCapacity: true)
                upper.removeAll(keepingCapacity: true)
                for t in offsets[p]..<offsets[p + 1] {
                    let i = base + sources[t]
                    columns.append(i)
                    lower.append(x.lower.data[i])
                    upper.append(x.upper.data[i])
                }
                ExtremumPlanes.append(to: &planes, columns: columns, lower: lower, upper: upper,
                                      constant: nil, minimum: false, scratch: &scratch)
            }
        }
        return planes.backward(a, operandBounds: operandBounds)
    }

    /// The window of every output position within a plane (offsets into sources), validated.
    func windowMembers() -> (offsets: [Int], sources: [Int])? {
        let offsets = windowOffsets, sources = windowSources
        let inPlane = Shape.count(inputSpatial), outPlane = Shape.count(outputSpatial)
        guard offsets.count == outPlane + 1, offsets.first == 0, Int(offsets[outPlane]) == sources.count,
              zip(offsets, offsets.dropFirst()).allSatisfy({ $0 < $1 }),
              sources.allSatisfy({ 0 <= $0 && Int($0) < inPlane }) else { return nil }
        return (offsets.map { Int($0) }, sources.map { Int($0) })
    }
}
