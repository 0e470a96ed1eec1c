/// A formula in disjunctive normal form: an OR of ANDs of atoms (indices into the parser's
/// atom table). `terms == []` is false; `terms == [[]]` is true.
///
/// The cost of a DNF is its number of disjuncts and its total number of literals; both are
/// tracked so that products can be refused *before* they are materialised.
struct DisjunctiveNormalForm {
    var terms: [[Int32]]
    var literalCount: Int

    static let `true` = DisjunctiveNormalForm(terms: [[]], literalCount: 0)
    static let `false` = DisjunctiveNormalForm(terms: [], literalCount: 0)

    init(terms: [[Int32]], literalCount: Int) {
        self.terms = terms
        self.literalCount = literalCount
    }

    init(atom: Int32) {
        self.init(terms: [[atom]], literalCount: 1)
    }
}

/// Caps on the size of disjunctive normal forms; exceeding one is a typed error, not a hang.
public struct DNFLimits: Sendable, Equatable {
    /// Maximum number of disjuncts (conjunctions) in any intermediate or final DNF.
    public var maxDisjuncts: Int
    /// Maximum number of literals summed over all disjuncts.
    public var maxLiterals: Int

    public init(maxDisjuncts: Int = 100_000, maxLiterals: Int = 20_000_000) {
        self.maxDisjuncts = maxDisjuncts
        self.maxLiterals = maxLiterals
    }
}

extension DisjunctiveNormalForm {
    /// `self = self AND other`, distributing over the disjuncts.
    ///
    /// The common VNN-COMP shape — thousands of single-disjunct assertions conjoined — is
    /// handled by appending in place, so it costs time linear in the file size.
    mutating func conjoin(_ other: DisjunctiveNormalForm, limits: DNFLimits, at location: SourceLocation) throws(VNNLibError) {
        if terms.isEmpty { return }
        if other.terms.isEmpty { self = .false; return }
        let (count, overflow) = terms.count.multipliedReportingOverflow(by: other.terms.count)
        if overflow || count > limits.maxDisjuncts {
            throw VNNLibError(.tooManyDisjuncts(limit: limits.maxDisjuncts), at: location)
        }
        // Σ_{i,j} (|a_i| + |b_j|) = |a|·n_b + |b|·n_a
        let (left, o1) = literalCount.multipliedReportingOverflow(by: other.terms.count)
        let (right, o2) = other.literalCount.multipliedReportingOverflow(by: terms.count)
        let (literals, o3) = left.addingReportingOverflow(right)
        if o1 || o2 || o3 || literals > limits.maxLiterals {
            throw VNNLibError(.tooManyLiterals(limit: limits.maxLiterals), at: location)
        }
        if other.terms.count == 1 {
            let suffix = other.terms[0]
            if !suffix.isEmpty {
                for i in terms.indices { terms[i].append(contentsOf: suffix) }
            }
        } else {
            var product: [[Int32]] = []
            product.reserveCapacity(count)
            for a in terms {
                for b in other.terms { product.append(a + b) }
            }
            terms = product
        }
        literalCount = literals
    }

    /// `self = self OR other`.
    mutating func disjoin(_ other: DisjunctiveNormalForm, limits: DNFLimits, at location: SourceLocation) throws(VNNLibError) {
        if terms.count + other.terms.count > limits.maxDisjuncts {
            throw VNNLibError(.tooManyDisjuncts(limit: limits.maxDisjuncts), at: location)
        }
        if literalCount + other.literalCount > limits.maxLiterals {
            throw VNNLibError(.tooManyLiterals(limit: limits.maxLiterals), at: location)
        }
        terms.append(contentsOf: other.terms)
        literalCount += other.literalCount
    }
}
