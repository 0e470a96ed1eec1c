import VernierSpec
import VernierBounds

/// The rows of a domain's open violation conjunctions, stacked for one CROWN call: row i is
/// `coefficients[i]·y ≤ rhs[i]` and belongs to conjunction `owner[i]` of the region.
struct OpenRows {
    var coefficients = [[Double]]()
    var owner = [Int]()
    var rhs = [Double]()

    init(region: Region, open: [Int]) {
        for k in open {
            for c in region.violation[k].constraints {
                coefficients.append(c.coefficients)
                owner.append(k)
                rhs.append(c.rhs)
            }
        }
    }

    /// The rows as a specification matrix over `outputs` network outputs.
    func specification(outputs: Int) -> CoefficientMatrix {
        CoefficientMatrix(rows: coefficients.count, columns: outputs, data: coefficients.flatMap { $0 })
    }
}
