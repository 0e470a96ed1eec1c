import VernierCore

/// CROWN for every scalar activation: per element, the relaxation from `ScalarRelaxation`, then
/// A′ = A⁺·a_lower + A⁻·a_upper and bias = Σ (A⁺·b_lower + A⁻·b_upper).
///
/// Soundness: for each element, lower(x) ≤ f(x) ≤ upper(x) on its bounds, so for a row r,
/// Σ_j A_rj f(x_j) ≥ Σ_j A_rj⁺ lower_j(x_j) + A_rj⁻ upper_j(x_j). Rounding: each A′ entry is one
/// product (one of A⁺, A⁻ is zero), so |A′x − computed| ≤ u·|A′|·|x| plus, where a product falls
/// to a subnormal, 2⁻¹⁰⁷⁴ per entry times |x| (the slack term); the bias is
/// a sum of products bounded below by `FloatBounds.sumLowerBound` (round-to-nearest sum minus an
/// a-priori error bound).
extension ElementwiseActivation: LinearBoundPropagating {
    /// The relaxation of every element on its operand bounds (slopes from `parameters` if given).
    public func relaxations(_ bounds: IntervalTensor, parameters: RelaxationParameters? = nil) -> [LinearRelaxation] {
        var buffer = [CriticalPoint]()
        return (0..<bounds.count).map { j in
            ScalarRelaxation.relax(activation, bounds.lower.data[j], bounds.upper.data[j],
                                   lowerSlope: parameters?.lowerSlope.isEmpty == false ? parameters?.lowerSlope[j] : nil,
                                   upperSlope: parameters?.upperSlope.isEmpty == false ? parameters?.upperSlope[j] : nil,
                                   buffer: &buffer)
        }
    }

    public func backward(_ a: CoefficientMatrix, operandBounds: [IntervalTensor],
                         parameters: RelaxationParameters?) -> BackwardStep {
        let bounds = operandBounds[0]
        let n = a.columns, m = a.rows
        var out = CoefficientMatrix(rows: 0, columns: n, data: [])
        var bias = [Double](repeating: 0, count: m)
        if let rows = parameters?.rowLines, rows.rows == m, rows.lowerSlope.count == m * n {
            Self.combine(a, rows.lowerSlope, rows.upperSlope, rows.lowerIntercept, rows.upperIntercept,
                         rowStride: n, into: &out, bias: &bias)
            // As below: an element flat in every row's lines leaves a zero column.
            var isLive = [Bool](repeating: false, count: n)
            for r in 0..<m {
                for j in 0..<n where rows.lowerSlope[r * n + j] != 0 || rows.upperSlope[r * n + j] != 0 { isLive[j] = true }
            }
            Self.declareSupport(&out, live: isLive, bias: bias)
            let magnitude = BackwardRounding.magnitude(bounds)
            // Each coefficient is one product: relative error u, plus a subnormal rounding that x
            // multiplies (the underflow margin, scaled by Σ|x|max).
            let floor = BackwardRounding.underflowMargin(innerDimension: 0, operandMagnitudeSum: BackwardRounding.magnitudeSum([magnitude]))
            let slack = out.absTimes(magnitude).map { (($0 * FloatBounds.unitRoundoff).nextUp + floor).nextUp }
            return BackwardStep(operandCoefficients: [out], bias: bias, slack: slack)
        }
        let relaxations: [LinearRelaxation]
        if let lines = parameters?.lines, lines.count == n {
            relaxations = lines
        } else {
            relaxations = self.relaxations(bounds, parameters: parameters)
        }
        // Slopes and intercepts side by side: the row loop below reads them without touching the
        // relaxation structs.
        var lowerSlope = [Double](repeating: 0, count: n), lowerIntercept = lowerSlope
        var upperSlope = lowerSlope, upperIntercept = lowerSlope
        for j in 0..<n {
            lowerSlope[j] = relaxations[j].lower.slope; lowerIntercept[j] = relaxations[j].lower.intercept
            upperSlope[j] = relaxations[j].upper.slope; upperIntercept[j] = relaxations[j].upper.intercept
        }
        Self.combine(a, lowerSlope, upperSlope, lowerIntercept, upperIntercept, rowStride: 0, into: &out, bias: &bias)
        Self.declareSupport(&out, live: (0..<n).map { lowerSlope[$0] != 0 || upperSlope[$0] != 0 }, bias: bias)
        let magnitude = BackwardRounding.magnitude(bounds)
        let floor = BackwardRounding.underflowMargin(innerDimension: 0, operandMagnitudeSum: BackwardRounding.magnitudeSum([magnitude]))
        let slack = out.absTimes(magnitude).map { (($0 * FloatBounds.unitRoundoff).nextUp + floor).nextUp }
        return BackwardStep(operandCoefficients: [out], bias: bias, slack: slack)
    }

    /// Elements whose lines are all flat (a ReLU off on its whole interval) leave zero columns in
    /// A′ = A·diag(slopes): declared as the matrix's support, the next dense layer multiplies only
    /// the live columns (`Linear.backwardOnVector`; on mnist_fc most of CROWN's GEMM work went to
    /// dead neurons). Only when every bias is finite: an infinite or NaN coefficient c would make
    /// c·0 NaN, not 0, and it also makes its row's bias non-finite (c times the line's intercept,
    /// 0 or not, is NaN or infinite), so finite biases mean each such column is finite c times 0.
    static func declareSupport(_ out: inout CoefficientMatrix, live: [Bool], bias: [Double]) {
        guard live.contains(false), bias.allSatisfy(\.isFinite) else { return }
        out = CoefficientMatrix(rows: out.rows, columns: out.columns, data: out.data,
                                support: live.indices.filter { live[$0] })
    }

    /// A′ = A⁺·diag(lower slopes) + A⁻·diag(upper slopes) into `out`, and per row a rigorous lower
    /// bound of Σ_j (A⁺·lower intercepts + A⁻·upper intercepts) into `bias`. Lines are per element
    /// (`rowStride` 0) or per row and element (`rowStride` = columns).
    static func combine(_ a: CoefficientMatrix, _ lowerSlope: [Double], _ upperSlope: [Double],
                        _ lowerIntercept: [Double], _ upperIntercept: [Double], rowStride: Int,
                        into out: inout CoefficientMatrix, bias: inout [Double]) {
        let m = a.rows, n = a.columns
        precondition(lowerSlope.count >= (m - 1) * rowStride + n && upperSlope.count == lowerSlope.count
                     && lowerIntercept.count == lowerSlope.count && upperIntercept.count == lowerSlope.count)
        guard m > 0, n > 0 else { out = .zeros(rows: m, columns: n); return }
        // Every entry is written by `combineRow`, so the result starts uninitialised (zeroing it
        // first was a megabyte of memset per step on the wide layers).
        var rowBias = [Double](repeating: 0, count: m)
        let data = [Double](unsafeUninitializedCapacity: m * n) { result, count in
            lowerSlope.withUnsafeBufferPointer { ls in upperSlope.withUnsafeBufferPointer { us in
            lowerIntercept.withUnsafeBufferPointer { li in upperIntercept.withUnsafeBufferPointer { ui in
            a.data.withUnsafeBufferPointer { coefficients in
            for r in 0..<m {
                let base = r * n, lineBase = r * rowStride
                rowBias[r] = combineRow(coefficients.baseAddress! + base, ls.baseAddress! + lineBase, us.baseAddress! + lineBase,
                                        li.baseAddress! + lineBase, ui.baseAddress! + lineBase, n, into: result.baseAddress! + base)
            }
            }}}}}
            count = m * n
        }
        out = CoefficientMatrix(rows: m, columns: n, data: data)
        bias = rowBias
    }
}

extension ElementwiseActivation {
    /// One row of `combine`, eight elements at a time (the scalar loop was a tenth of CROWN's
    /// instructions on mnist_fc). Per element the line is selected branch-free — the lower one
    /// where c > 0, else the upper one — and multiplied by c: the product is exactly the selected
    /// term (c = 0 gives 0 with any finite slope; slopes are finite), and a NaN or infinite c
    /// stays non-finite in A′, which makes every bound through it −∞. The bias terms c·b are
    /// summed in round-to-nearest with their magnitudes, then bounded below by
    /// `FloatBounds.sumLowerBound`; a NaN (0·∞ from a vacuous line's infinite intercept under a
    /// zero coefficient, or a NaN c) sends the row to the careful per-term sum, where 0·∞ is 0.
    @inline(__always)
    static func combineRow(_ c: UnsafePointer<Double>, _ ls: UnsafePointer<Double>, _ us: UnsafePointer<Double>,
                           _ li: UnsafePointer<Double>, _ ui: UnsafePointer<Double>, _ n: Int,
                           into out: UnsafeMutablePointer<Double>) -> Double {
        typealias V = SIMD8<Double>
        let stride = MemoryLayout<Double>.stride
        let zero = V(repeating: 0)
        var s = zero, m = zero
        var j = 0
        let cr = UnsafeRawPointer(c), lsr = UnsafeRawPointer(ls), usr = UnsafeRawPointer(us)
        let lir = UnsafeRawPointer(li), uir = UnsafeRawPointer(ui), outr = UnsafeMutableRawPointer(out)
        while j + 8 <= n {
            let byte = j * stride
            let cv = cr.loadUnaligned(fromByteOffset: byte, as: V.self)
            let positive = cv .> zero
            let slope = usr.loadUnaligned(fromByteOffset: byte, as: V.self)
                .replacing(with: lsr.loadUnaligned(fromByteOffset: byte, as: V.self), where: positive)
            outr.storeBytes(of: cv * slope, toByteOffset: byte, as: V.self)
            let intercept = uir.loadUnaligned(fromByteOffset: byte, as: V.self)
                .replacing(with: lir.loadUnaligned(fromByteOffset: byte, as: V.self), where: positive)
            let t = cv * intercept
            s += t
            m += t.magnitudes
            j += 8
        }
        var sum = s.sum(), magnitude = m.sum()
        while j < n {
            let cj = c[j]
            out[j] = cj * (cj > 0 ? ls[j] : us[j])
            let t = cj * (cj > 0 ? li[j] : ui[j])
            sum += t
            magnitude += abs(t)
            j += 1
        }
        if sum.isNaN || magnitude.isNaN {
            (sum, magnitude) = FloatBounds.laneSums(n) { k in
                let ck = c[k]
                return ck == 0 ? 0 : (ck > 0 ? ck * li[k] : ck * ui[k])
            }
        }
        return FloatBounds.sumLowerBound(sum: sum, magnitude: magnitude, terms: n)
    }
}

/// Operators whose linear relaxation is a per-element pair of lines that an engine may precompute.
protocol ActivationRelaxing {
    func relaxations(_ bounds: IntervalTensor, parameters: RelaxationParameters?) -> [LinearRelaxation]
}

extension ElementwiseActivation: ActivationRelaxing {}
