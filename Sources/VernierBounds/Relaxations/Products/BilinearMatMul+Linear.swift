import VernierCore

/// CROWN for the matrix product of two variables (attention-style `MatMul`/`Gemm`),
/// `y_ij = α·Σ_p A_ip·B_pj + bias_ij`.
///
/// **Planes.** Each product term α·A_ip·B_pj is relaxed by its own McCormick planes over the
/// box of (A_ip, B_pj) (`BilinearPlanes`, with α folded into the planes so the rigorous vertex
/// intercepts cover it exactly). Adding the k lower (upper) planes of a result element and its
/// bias gives a lower (upper) plane of y_ij in the 2k scalars it reads: a sum of valid lower
/// bounds is a lower bound. The summed intercept Σ_p I_p + bias_ij is accumulated rounding down
/// for the lower plane and up for the upper plane (`DirectedRounding`), so it stays on the safe
/// side of the exact sum. Within one plane each scalar of A (row i) and of B (column j) occurs
/// once, as `OutputPlanes` requires. If any term is unbounded the plane is vacuous.
///
/// **Indices** follow the forward pass: result matrix `o` multiplies matrix `matrixOfA[o]` of A
/// and `matrixOfB[o]` of B, with the transposes read from the stored layouts, exactly as the
/// interval bound (`BilinearMatMul+Interval.swift`) walks them. The backward step itself
/// (selection by sign, rounding slack) is `OutputPlanes.backward`.
extension BilinearMatMul: LinearBoundPropagating {
    public func backward(_ a: CoefficientMatrix, operandBounds: [IntervalTensor],
                         parameters: RelaxationParameters?) -> BackwardStep {
        typealias R = DirectedRounding
        let ba = operandBounds[0], bb = operandBounds[1]
        let sizeA = Shape.count(shapeA), sizeB = Shape.count(shapeB), sizeY = Shape.count(resultShape)
        var planes = OutputPlanes(operandCounts: [sizeA, sizeB], reservingOutputs: sizeY)
        let matrices = sizeY == 0 || m * n == 0 ? 0 : sizeY / (m * n)
        var lowerTerms = [(Int, Double)](), upperTerms = [(Int, Double)]()
        lowerTerms.reserveCapacity(2 * k)
        upperTerms.reserveCapacity(2 * k)
        for o in 0..<matrices {
            let offA = matrixOfA[o] * m * k, offB = matrixOfB[o] * k * n
            for i in 0..<m {
                for j in 0..<n {
                    lowerTerms.removeAll(keepingCapacity: true)
                    upperTerms.removeAll(keepingCapacity: true)
                    let b = bias?.value(at: o * m * n + i * n + j) ?? 0
                    var lowerIntercept = b, upperIntercept = b
                    for p in 0..<k {
                        let ia = offA + (transposeA ? p * m + i : i * k + p)
                        let ib = offB + (transposeB ? j * k + p : p * n + j)
                        let (lo, hi) = BilinearPlanes.planes(alpha: alpha, ba.lower.data[ia], ba.upper.data[ia],
                                                            bb.lower.data[ib], bb.upper.data[ib])
                        let ca = planes.column(operand: 0, ia), cb = planes.column(operand: 1, ib)
                        if let lo {
                            lowerTerms.append((ca, lo.slopeX))
                            lowerTerms.append((cb, lo.slopeY))
                            lowerIntercept = R.addDown(lowerIntercept, lo.intercept)
                        } else {
                            lowerIntercept = -.infinity
                        }
                        if let hi {
                            upperTerms.append((ca, hi.slopeX))
                            upperTerms.append((cb, hi.slopeY))
                            upperIntercept = R.addUp(upperIntercept, hi.intercept)
                        } else {
                            upperIntercept = .infinity
                        }
                    }
                    planes.append(lowerTerms: lowerTerms, lowerIntercept: lowerIntercept,
                                  upperTerms: upperTerms, upperIntercept: upperIntercept)
                }
            }
        }
        return planes.backward(a, operandBounds: operandBounds)
    }
}
