/// One robustness entry's outcomes arranged by sample and ε, with the per-class and per-ε
/// aggregates the HTML and Markdown reports show.
struct RobustnessTable {
    struct Row {
        var sample: Int
        var label: Int?
        var predicted: Int?
        /// Aligned with `epsilons`; nil where the instance did not run (interrupted run or shard).
        var cells: [InstanceOutcome?]

        /// The largest ε such that this ε and every smaller one are verified (0 if none).
        func certifiedRadius(_ epsilons: [Double]) -> Double? {
            var best: Double? = nil
            for (e, c) in zip(epsilons, cells) {
                guard c?.verdict == .verified else { break }
                best = e
            }
            return best
        }
    }

    struct ClassRow {
        var label: Int
        var count: Int
        var clean: Int
        var verified: [Int]
        var falsified: [Int]
    }

    var entry: String
    var epsilons: [Double]
    var rows: [Row]

    init(entry: String, epsilons: [Double], outcomes: [InstanceOutcome]) {
        self.entry = entry
        let eps = epsilons.isEmpty ? Array(Set(outcomes.compactMap(\.epsilon))).sorted() : epsilons.sorted()
        self.epsilons = eps
        var bySample = [Int: Row]()
        for o in outcomes {
            guard let s = o.sample, let e = o.epsilon, let k = eps.firstIndex(of: e) else { continue }
            var row = bySample[s] ?? Row(sample: s, label: o.label, predicted: o.predicted, cells: Array(repeating: nil, count: eps.count))
            row.cells[k] = o
            bySample[s] = row
        }
        rows = bySample.values.sorted { $0.sample < $1.sample }
    }

    var classes: [ClassRow] {
        var byLabel = [Int: ClassRow]()
        for r in rows {
            guard let label = r.label else { continue }
            var c = byLabel[label] ?? ClassRow(label: label, count: 0, clean: 0,
                                               verified: Array(repeating: 0, count: epsilons.count),
                                               falsified: Array(repeating: 0, count: epsilons.count))
            c.count += 1
            if r.predicted == label { c.clean += 1 }
            for (k, cell) in r.cells.enumerated() {
                if cell?.verdict == .verified { c.verified[k] += 1 }
                if cell?.verdict == .falsified { c.falsified[k] += 1 }
            }
            byLabel[label] = c
        }
        return byLabel.values.sorted { $0.label < $1.label }
    }

    /// Per ε: (certified accuracy, attack accuracy) over the samples that ran at that ε.
    var curve: [(epsilon: Double, certified: Double, attack: Double, count: Int)] {
        epsilons.indices.compactMap { k in
            let cells = rows.compactMap { $0.cells[k] }
            guard !cells.isEmpty else { return nil }
            let n = Double(cells.count)
            return (epsilons[k], Double(cells.filter { $0.verdict == .verified }.count) / n,
                    1 - Double(cells.filter { $0.verdict == .falsified }.count) / n, cells.count)
        }
    }

    var cleanAccuracy: Double? {
        let labelled = rows.filter { $0.label != nil && $0.predicted != nil }
        guard !labelled.isEmpty else { return nil }
        return Double(labelled.filter { $0.label == $0.predicted }.count) / Double(labelled.count)
    }
}
