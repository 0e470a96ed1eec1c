import VernierCore

extension Linear {
    /// The backward step of `AffineOperator` for a dense layer whose operand box fixes most
    /// coordinates (lower == upper): only the free columns of A·W are computed, and the fixed
    /// coordinates' contribution joins the bias.
    ///
    /// Why: VNN-COMP's dist_shift perturbs 8 of 792 inputs; bounding its 784 sigmoid inputs
    /// multiplied a 784×200 coefficient matrix by the full 200×792 weights (124 M multiply-adds,
    /// most of CROWN's time) to concretise 784 columns that are constants.
    ///
    /// Soundness, for x in the box (x_F = c_F exactly, F the fixed coordinates, P the free ones):
    /// A·(W·x + b) = (A·W_P)·x_P + A·(W_F·c_F + b), exactly. The second term is A·y(x̄) with
    /// x̄ = (0 on P, c_F on F), and y(x̄) lies in the operator's interval bound on the point box x̄,
    /// which `LinearFormBounds` bounds below (the bias). Â_P = fl(A·W_P) has entries summed over the
    /// n outputs, so |(A·W_P − Â_P)·x_P| ≤ γ_{n+1}·|A|·(|W_P|·|x_P|max): the slack of
    /// `vectorBiasAndSlack` with the magnitudes of the fixed coordinates set to 0.
    /// The argument holds for any operand, not only the network input: a value whose bounds pin a
    /// coordinate (a ReLU that is off on the whole domain) equals that constant there.
    /// Returns nil when the operand is not a single vector or fewer than half its coordinates
    /// are fixed (then the generic step is as cheap).
    func backwardFixingPoints(_ a: CoefficientMatrix, operand: IntervalTensor) -> BackwardStep? {
        let k = inFeatures, n = outFeatures, m = a.rows
        guard !dropsLastAxis, operand.count == k, operand.shape.last == k, a.columns == n, k > 0 else { return nil }
        let lo = operand.lower.data, hi = operand.upper.data
        let free = (0..<k).filter { lo[$0] != hi[$0] }
        guard 2 * free.count <= k, lo.allSatisfy(\.isFinite), hi.allSatisfy(\.isFinite) else { return nil }
        let f = free.count
        // A·W_P: gather the free columns of W (n × f), one GEMM (m × n)·(n × f).
        var coefficients = [Double](repeating: 0, count: m * k)
        if f > 0 {
            let product = BLAS.matmul(a.data, weightColumns(free), m: m, n: f, k: n)
            for r in 0..<m { for (c, j) in free.enumerated() { coefficients[r * k + j] = product[r * f + c] } }
        }
        // Bias at x̄ (free coordinates 0, fixed ones at their values); slack over the free ones.
        var point = lo
        for j in free { point[j] = 0 }
        var magnitude = [Double](repeating: 0, count: k)
        for j in free { magnitude[j] = max(abs(lo[j]), abs(hi[j])) }
        let (bias, slack) = vectorBiasAndSlack(a, magnitude: magnitude, anchor: point)
        return BackwardStep(operandCoefficients: [CoefficientMatrix(rows: m, columns: k, data: coefficients, support: free)],
                            bias: bias, slack: slack)
    }
}

extension Linear {
    /// Linear's CROWN step: `AffineOperator`'s generic step, with the shortcuts of this file where
    /// they apply (a type's own method is the protocol witness; `AffineView` reaches the generic
    /// step). Selection rows first (a copy beats any product), then an operand that fixes most
    /// coordinates (a product over the free columns only), then one GEMM on a vector operand.
    public func backward(_ a: CoefficientMatrix, operandBounds: [IntervalTensor],
                         parameters: RelaxationParameters?) -> BackwardStep {
        if operandBounds.count == 1 {
            let operand = operandBounds[0]
            if let step = backwardSelectingRows(a, operand: operand) { return step }
            if let step = backwardFixingPoints(a, operand: operand) { return step }
            if let step = backwardOnVector(a, operand: operand) { return step }
        }
        return AffineView(base: self).backward(a, operandBounds: operandBounds, parameters: parameters)
    }

    /// The generic step for a single operand vector, with A·W as one GEMM on `a` itself: the
    /// generic step's VJP is the same GEMM (`Linear.backward`), so the coefficients are bit for bit
    /// the same, but it first builds zero tensors of the operand's and the output's size per row
    /// (megabytes of memset on MNIST's first layer). Bias and slack: `vectorBiasAndSlack`.
    func backwardOnVector(_ a: CoefficientMatrix, operand: IntervalTensor) -> BackwardStep? {
        let k = inFeatures, n = outFeatures, m = a.rows
        guard !dropsLastAxis, operand.count == k, operand.shape.last == k, a.columns == n, m > 0 else { return nil }
        let coefficients: [Double]
        if let live = a.support, 4 * live.count < 3 * n {
            // A is zero outside its support (ReLUs off on their whole interval): A·W sums over the
            // live outputs only. Fewer terms per dot product, so the slack's γ over the full
            // length still bounds the rounding.
            let l = live.count
            var aLive = [Double](repeating: 0, count: m * l), wLive = [Double](repeating: 0, count: l * k)
            a.data.withUnsafeBufferPointer { d in
                for r in 0..<m { for (c, i) in live.enumerated() { aLive[r * l + c] = d[r * n + i] } }
            }
            weights.withUnsafeBufferPointer { w in
                wLive.withUnsafeMutableBufferPointer { out in
                    for (c, i) in live.enumerated() {
                        (out.baseAddress! + c * k).update(from: w.baseAddress! + i * k, count: k)
                    }
                }
            }
            coefficients = l == 0 ? [Double](repeating: 0, count: m * k) : BLAS.matmul(aLive, wLive, m: m, n: k, k: l)
        } else {
            coefficients = BLAS.matmul(a.data, weights, m: m, n: k, k: n)
        }
        let (bias, slack) = vectorBiasAndSlack(a, magnitude: BackwardRounding.magnitude(operand))
        return BackwardStep(operandCoefficients: [CoefficientMatrix(rows: m, columns: k, data: coefficients)],
                            bias: bias, slack: slack)
    }

    /// `affineBiasAndSlack` for a single operand vector (anchor 0), without its two interval
    /// enclosures of the layer (a fifth of CROWN's time on mnist 256x6, redone at every step):
    ///
    /// - bias: y(0) = b exactly (0 + b_i has no rounding), so A·b is bounded below over the point b;
    /// - slack: the same `BackwardRounding.linearSlack` with |W|·|x|max from one matrix–vector
    ///   product, rounded up. Its k-term sums of non-negative products s = fl(Σ_j |W_ij|·m_j)
    ///   err by at most γ_k·Σ_j |W_ij|·m_j (Higham §3.1), so the exact sum is ≤ s/(1 − γ_k)
    ///   ≤ s·(1 + 2γ_k) + k·η (underflow); 4γ_{k+1} covers the rounding of the factor too.
    ///   The dot length of A·W is the larger of the output and input counts, as in the generic step.
    ///
    /// With an `anchor` x̄ the bias is A·y(x̄) instead, y(x̄) enclosed by the interval bound on the
    /// point x̄ (not exact: W·x̄ rounds), as in `affineBiasAndSlack`.
    func vectorBiasAndSlack(_ a: CoefficientMatrix, magnitude: [Double], anchor: [Double]? = nil) -> (bias: [Double], slack: [Double]) {
        let n = outFeatures, k = inFeatures
        let biasLower: [Double]
        if let anchor {
            let y = interval([IntervalTensor(point: Tensor(shape: [1, k], data: anchor))])
            biasLower = LinearFormBounds.lowerBounds(of: a, lower: y.lower.data, upper: y.upper.data)
        } else {
            let b = (0..<n).map { bias?.value(at: $0) ?? 0 }
            biasLower = LinearFormBounds.lowerBounds(of: a, lower: b, upper: b)
        }
        return (biasLower, BackwardRounding.linearSlack(a, weightTimesMagnitude: vectorSpread(magnitude),
                                                        innerDimension: max(n, k) + 1,
                                                        operandMagnitudeSum: BackwardRounding.magnitudeSum([magnitude])))
    }

    /// |W|·magnitude rounded up (see `vectorBiasAndSlack`); NaN (0·∞ from an unbounded operand)
    /// becomes +∞, which makes the slack, and so the bound, vacuous.
    func vectorSpread(_ magnitude: [Double]) -> [Double] {
        let k = inFeatures
        let product = BLAS.matvec(absWeights, magnitude, rows: outFeatures, columns: k)
        let factor = 1 + 4 * FloatBounds.gamma(k + 1)
        let margin = Double(k + 1) * FloatBounds.underflowMargin
        return product.map { s in s.isNaN ? Double.infinity : ((s * factor).nextUp + margin).nextUp }
    }

    /// The backward step of `AffineOperator` when every row of A selects at most one output (a
    /// signed unit vector, as in the rows that bound an intermediate value element by element):
    /// row r of A·W is then a_r,i·W[i, :], a scaled copy of one weight row, and no matrix product is
    /// needed. Bias and rounding slack are the generic step's (each coefficient is one product, so
    /// its error is within the generic γ bound; `AffineOperator.swift`), from `vectorBiasAndSlack`.
    ///
    /// Why: bounding dist_shift's 784 sigmoid inputs starts from 1,568 such rows, and the generic
    /// step multiplied them by the 784×200 weights (246 M multiply-adds) to copy weight rows.
    func backwardSelectingRows(_ a: CoefficientMatrix, operand: IntervalTensor) -> BackwardStep? {
        let k = inFeatures, n = outFeatures, m = a.rows
        guard !dropsLastAxis, operand.count == k, operand.shape.last == k, a.columns == n, m > 0 else { return nil }
        var pick = [Int](repeating: -1, count: m), scale = [Double](repeating: 0, count: m)
        for r in 0..<m {
            for i in 0..<n where a.data[r * n + i] != 0 {
                guard pick[r] < 0, a.data[r * n + i].isFinite else { return nil }
                pick[r] = i
                scale[r] = a.data[r * n + i]
            }
        }
        return backwardSelecting(pick, scales: scale, operand: operand)
    }

    /// `backwardSelectingRows` for rows given as (output index, scale) — row r is
    /// scales[r]·e_{picks[r]}, or zero where picks[r] < 0 — without a dense matrix to scan.
    /// Nil when the operand is not this layer's input vector.
    func backwardSelecting(_ pick: [Int], scales: [Double], operand: IntervalTensor) -> BackwardStep? {
        let k = inFeatures, n = outFeatures, m = pick.count
        guard !dropsLastAxis, operand.count == k, operand.shape.last == k, m > 0, scales.count == m,
              pick.allSatisfy({ $0 < n }), scales.allSatisfy(\.isFinite) else { return nil }
        var coefficients = [Double](repeating: 0, count: m * k)
        for r in 0..<m where pick[r] >= 0 {
            let s = scales[r], row = pick[r] * k
            for j in 0..<k { coefficients[r * k + j] = s * weights[row + j] }
        }
        // Bias and slack of `vectorBiasAndSlack`, one term per row instead of a pass over the
        // m × n rows (on dist_shift that pass was a quarter of CROWN's instructions):
        // - bias: A_r·b = s_r·b_i, one product, so fl(s_r·b_i) stepped down is below it (b is exact);
        // - slack: |A|·spread has the single term |s_r|·spread_i (rounded up), and the factor and
        //   margin are `BackwardRounding.linearSlack`'s with the same dot length.
        let magnitude = BackwardRounding.magnitude(operand)
        let spread = vectorSpread(magnitude)
        let g = 2 * FloatBounds.gamma(max(n, k) + 3)
        let margin = BackwardRounding.underflowMargin(innerDimension: max(n, k) + 1,
                                                      operandMagnitudeSum: BackwardRounding.magnitudeSum([magnitude]))
        var bias = [Double](repeating: 0, count: m), slack = [Double](repeating: 0, count: m)
        for r in 0..<m where pick[r] >= 0 {
            let s = scales[r]
            let b = self.bias?.value(at: pick[r]) ?? 0
            let product = s * b
            bias[r] = product.isNaN ? -.infinity : (abs(s) == 1 ? product : (product - FloatBounds.underflowMargin).nextDown)
            let term = (abs(s) * spread[pick[r]]).nextUp
            slack[r] = term.isNaN ? .infinity : ((term * (1 + FloatBounds.gamma(2))).nextUp * g + margin).nextUp
        }
        return BackwardStep(operandCoefficients: [CoefficientMatrix(rows: m, columns: k, data: coefficients)],
                            bias: bias, slack: slack)
    }
}

extension Linear {
    /// The layer's forward pass on m rows of inputs that all lie in `box`, where the box fixes at
    /// least half the coordinates (nil otherwise): W·x + b = W_P·x_P + (W_F·c_F + b), the second
    /// term computed once, so the rows cost m × |P| × n instead of m × k × n. Not for certified
    /// bounds (plain floating point): α-CROWN's relaxed values, which only steer its gradient.
    func forwardFixingPoints(rows x: [Double], box: IntervalTensor) -> [Double]? {
        let k = inFeatures, n = outFeatures
        guard !dropsLastAxis, box.count == k, k > 0, x.count % k == 0 else { return nil }
        let lo = box.lower.data, hi = box.upper.data
        let free = (0..<k).filter { lo[$0] != hi[$0] }
        guard 2 * free.count <= k else { return nil }
        let m = x.count / k
        var point = lo
        for j in free { point[j] = 0 }
        let constant = forward([Tensor(shape: [1, k], data: point)], batchSize: 1).data
        var y = [Double](repeating: 0, count: m * n)
        for r in 0..<m { for i in 0..<n { y[r * n + i] = constant[i] } }
        addProduct(rows: x, onColumns: free, into: &y)
        return y
    }
}

extension Linear {
    /// The layer's forward pass on m rows of inputs, multiplying only the input columns that are
    /// non-zero in some row (nil when that saves little): α-CROWN's relaxed values after a ReLU
    /// layer are exactly 0 on every neuron that is off on its whole interval (its lines are 0), and
    /// this forward GEMM was nine tenths of α-CROWN's matrix work on mnist_fc. Plain floating
    /// point, for the gradient only (not for certified bounds).
    func forwardOnLiveColumns(rows x: [Double]) -> [Double]? {
        let k = inFeatures, n = outFeatures
        guard !dropsLastAxis, k > 0, x.count % k == 0, x.count > 0 else { return nil }
        let m = x.count / k
        var isLive = [Bool](repeating: false, count: k)
        x.withUnsafeBufferPointer { px in
            for r in 0..<m { for j in 0..<k where px[r * k + j] != 0 { isLive[j] = true } }
        }
        let live = (0..<k).filter { isLive[$0] }
        guard 4 * live.count < 3 * k else { return nil }
        var y = [Double](repeating: 0, count: m * n)
        bias?.add(to: &y)
        addProduct(rows: x, onColumns: live, into: &y)
        return y
    }
}

extension Linear {
    /// W[:, columns] as an n × |columns| row-major matrix.
    func weightColumns(_ columns: [Int]) -> [Double] {
        let k = inFeatures, n = outFeatures, c = columns.count
        var out = [Double](repeating: 0, count: n * c)
        for i in 0..<n { for (t, j) in columns.enumerated() { out[i * c + t] = weights[i * k + j] } }
        return out
    }

    /// y += x[:, columns] · W[:, columns]ᵀ for the m rows of x (m × k) into y (m × n): the forward
    /// product over some input columns only — the others are zero or handled by the caller.
    func addProduct(rows x: [Double], onColumns columns: [Int], into y: inout [Double]) {
        let k = inFeatures, n = outFeatures, c = columns.count
        guard c > 0, k > 0 else { return }
        let m = x.count / k
        var xColumns = [Double](repeating: 0, count: m * c)
        for r in 0..<m { for (t, j) in columns.enumerated() { xColumns[r * c + t] = x[r * k + j] } }
        let wColumns = weightColumns(columns)
        xColumns.withUnsafeBufferPointer { px in
            wColumns.withUnsafeBufferPointer { pw in
                y.withUnsafeMutableBufferPointer { py in
                    BLAS.gemm(transB: true, m: m, n: n, k: c, a: px.baseAddress!, lda: c, b: pw.baseAddress!, ldb: c,
                              beta: 1, c: py.baseAddress!, ldc: n)
                }
            }
        }
    }
}
