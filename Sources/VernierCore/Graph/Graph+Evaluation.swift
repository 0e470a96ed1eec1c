extension Graph {
    /// Batched forward pass. `input` has shape `[B] + inputShape` or `[B, inputCount]`.
    public func forward(_ input: Tensor) -> Tensor {
        let b = input.batchSize
        let x = input.reshaped([b] + inputShape)
        let lastUse = lastUses()
        var values = [Tensor?](repeating: nil, count: valueCount)
        values[0] = x
        for (i, node) in nodes.enumerated() {
            let operands = node.inputs.map { values[$0]! }
            values[i + 1] = node.op.forward(operands, batchSize: b)
            // Release values no later node reads, to keep peak memory at the live set.
            for v in node.inputs where lastUse[v] == i && v != outputValue { values[v] = nil }
        }
        return values[outputValue]!
    }

    /// Batched forward pass keeping every intermediate value (index = value id).
    public func forwardAll(_ input: Tensor) -> [Tensor] {
        let b = input.batchSize
        var values = [Tensor]()
        values.reserveCapacity(valueCount)
        values.append(input.reshaped([b] + inputShape))
        for node in nodes {
            values.append(node.op.forward(node.inputs.map { values[$0] }, batchSize: b))
        }
        return values
    }

    /// Evaluates one sample given as a flat array of `inputCount` numbers; returns the flat output.
    public func evaluate(_ sample: [Double]) -> [Double] {
        precondition(sample.count == inputCount, "expected \(inputCount) inputs, got \(sample.count)")
        return forward(Tensor(shape: [1] + inputShape, data: sample)).data
    }

    /// Evaluates several samples at once (one BLAS call per layer for the whole batch).
    public func evaluate(batch samples: [[Double]]) -> [[Double]] {
        guard !samples.isEmpty else { return [] }
        var flat = [Double]()
        flat.reserveCapacity(samples.count * inputCount)
        for s in samples {
            precondition(s.count == inputCount, "expected \(inputCount) inputs, got \(s.count)")
            flat.append(contentsOf: s)
        }
        let out = forward(Tensor(shape: [samples.count] + inputShape, data: flat))
        let n = outputCount
        return (0..<samples.count).map { Array(out.data[($0 * n)..<(($0 + 1) * n)]) }
    }

    /// For every value, the index of the last node that reads it (-1 when none does).
    func lastUses() -> [Int] {
        var last = [Int](repeating: -1, count: valueCount)
        for (i, node) in nodes.enumerated() {
            for v in node.inputs { last[v] = i }
        }
        return last
    }
}
