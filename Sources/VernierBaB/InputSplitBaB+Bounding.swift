import VernierCore
import VernierSpec
import VernierBounds

extension InputSplitBaB {
    /// What bounding one domain found.
    enum Evaluation: Sendable {
        case refuted
        /// Still open: the domain with its open conjunctions, margins, influence scores and
        /// intermediate bounds filled in.
        case open(InputDomain)
        case violation([Double])
        case failed(String)
    }

    /// CROWN on the rows of the domain's open conjunctions, α-CROWN on the rows still open when
    /// `optimize` is set (`SlopeOptimizationPolicy`), weighted sums of rows for the conjunctions no
    /// single row refutes, then counterexample probes. `tally` counts the bounding.
    func evaluate(_ domain: InputDomain, region: Region, property: Property, optimize: Bool = false,
                  tally: inout BoundingTally) -> Evaluation {
        tally.boundings += 1
        let stacked = OpenRows(region: region, open: domain.open)
        let (rows, owner, rhs) = (stacked.coefficients, stacked.owner, stacked.rhs)
        let spec = stacked.specification(outputs: graph.outputCount)
        let result: CROWN.Result
        do {
            // Only lower ends are read (refutation needs c·y > rhs); the rows −C would double the final pass.
            result = try CROWN(graph: graph, options: options.crown)
                .bounds(lower: domain.lower, upper: domain.upper, specification: spec, lowerOnly: true,
                        enclosing: options.inheritBounds ? domain.enclosing : nil)
        } catch {
            return .failed("bounding failed: \(error)")
        }
        // Per conjunction, the best margin on this box (`fresh`) and the best certified on it or
        // on any box containing it (`certified`: a bound on a superset holds on the subset).
        var fresh = [Int: Double]()
        for (i, k) in owner.enumerated() {
            fresh[k] = max(fresh[k] ?? -.infinity, (result.lower[i] - rhs[i]).nextDown)
        }
        var stillOpen = domain.open.filter { max(fresh[$0] ?? -.infinity, domain.certified[$0] ?? -.infinity) <= 0 }
        if stillOpen.isEmpty { return .refuted }

        if optimize {
            // α-CROWN's slopes on the CROWN intermediate bounds of this box: every slope gives a
            // valid bound (see AlphaCROWN), so the optimised lower ends are certified like CROWN's.
            tally.optimized += 1
            var alpha = AlphaCROWN.Options()
            alpha.iterations = options.alphaIterations
            alpha.crown = options.crown
            let open = owner.indices.filter { stillOpen.contains(owner[$0]) }
            let openRows = CoefficientMatrix(rows: open.count, columns: graph.outputCount, data: open.flatMap { rows[$0] })
            if let (optimized, _) = try? AlphaCROWN(graph: graph, options: alpha)
                .lowerBounds(of: openRows, intermediate: result.intermediate, splits: BoundRestrictions()) {
                for (r, i) in open.enumerated() {
                    fresh[owner[i]] = max(fresh[owner[i]] ?? -.infinity, (optimized[r] - rhs[i]).nextDown)
                }
            }
            stillOpen.removeAll { (fresh[$0] ?? -.infinity) > 0 }
            if stillOpen.isEmpty {
                tally.optimizedRefutations += 1
                return .refuted
            }
        }

        // Probes for a counterexample: the centre and, per open row, the vertex minimising the
        // linear lower bound.
        let a0 = result.lowerForm.inputCoefficients
        var candidates = [zip(domain.lower, domain.upper).map { 0.5 * $0 + 0.5 * $1 }]
        for (i, k) in owner.enumerated() where stillOpen.contains(k) {
            candidates.append((0..<graph.inputCount).map { d in a0.data[i * a0.columns + d] >= 0 ? domain.lower[d] : domain.upper[d] })
        }

        // A conjunction that no single row refutes may be refuted by its rows together: each row's
        // CROWN bound is attained at its own corner of the box, while the rows may have no common
        // solution (ACAS Xu property 2 on net 4-2: four rows "y_j ≤ y_0", each tight at a different
        // point, near a point where the property holds by 0.003). The LP over the rows' linear
        // forms (`DomainLP.combinedMargin`) gives a certified margin and the weights of its dual;
        // CROWN on the weighted sum of the rows (`CombinedRow`) usually tightens it further. Its
        // point is a probe.
        if options.combineRows {
            let box = InputBox(lower: domain.lower, upper: domain.upper)
            let lp = DomainLP(graph: graph, timeLimit: 1)
            for k in stillOpen where region.violation[k].constraints.count > 1 {
                var lpRows = [[Double]](), lpRHS = [Double](), rowIndex = [Int]()
                for (i, owned) in owner.enumerated() where owned == k && result.lowerForm.offset[i].isFinite {
                    lpRows.append(Array(a0.data[(i * a0.columns)..<((i + 1) * a0.columns)]))
                    // a·x + o ≤ rhs  ⇔  a·x ≤ rhs − o, the offset subtracted upward (a weaker row).
                    lpRHS.append((rhs[i] - result.lowerForm.offset[i]).nextUp)
                    rowIndex.append(i)
                }
                guard lpRows.count > 1 else { continue }
                let (combined, point, multipliers) = lp.combinedMargin(rows: lpRows, rhs: lpRHS, box: box)
                var value = combined
                if value <= 0, let multipliers {
                    value = max(value, CombinedRow.margin(rows: rowIndex.map { rows[$0] }, rhs: rowIndex.map { rhs[$0] },
                                                          weights: multipliers, graph: graph, bounded: result))
                }
                fresh[k] = max(fresh[k] ?? -.infinity, value)
                if let point { candidates.append(zip(point, zip(domain.lower, domain.upper)).map { min(max($0, $1.0), $1.1) }) }
            }
            stillOpen.removeAll { (fresh[$0] ?? -.infinity) > 0 }
            if stillOpen.isEmpty { return .refuted }
        }

        let outputs = graph.evaluate(batch: candidates)
        var probeMargin = -Double.infinity
        for (x, y) in zip(candidates, outputs) {
            if property.isViolated(input: x, output: y) { return .violation(x) }
            for k in stillOpen { probeMargin = max(probeMargin, region.violation[k].margin(y)) }
        }

        var influence = [Double](repeating: 0, count: graph.inputCount)
        for (i, k) in owner.enumerated() where stillOpen.contains(k) {
            for d in 0..<graph.inputCount {
                influence[d] += abs(a0.data[i * a0.columns + d]) * (domain.upper[d] - domain.lower[d])
            }
        }
        var next = domain
        next.open = stillOpen
        next.certified = [:]
        for k in stillOpen { next.certified[k] = max(fresh[k] ?? -.infinity, domain.certified[k] ?? -.infinity) }
        next.margin = stillOpen.map { next.certified[$0]! }.min() ?? -.infinity
        next.freshMargin = stillOpen.map { fresh[$0] ?? -.infinity }.min() ?? -.infinity
        next.influence = influence
        next.probeMargin = probeMargin
        if options.inheritBounds {
            // Only what a relaxation reads: the operands of nodes that need operand bounds.
            var kept = [Int: IntervalTensor]()
            for v in relaxedOperands { kept[v] = result.intermediate[v] }
            next.enclosing = kept
        }
        return .open(next)
    }

    /// The values whose bounds some relaxation reads (operands of activations and other nodes
    /// that need operand bounds; constants, exact already, left out); computed once per driver,
    /// not per domain.
    static func relaxedOperands(_ graph: Graph) -> [Int] {
        var values = Set<Int>()
        for node in graph.nodes {
            guard let op = node.op as? any LinearBoundPropagating, op.needsOperandBounds else { continue }
            values.formUnion(node.inputs.filter { $0 > 0 && !(graph.nodes[$0 - 1].op is ConstantOperator) })
        }
        return values.sorted()
    }
}
