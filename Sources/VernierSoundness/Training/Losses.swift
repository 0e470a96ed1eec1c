import Foundation

/// The losses of hidden-counterexample training, each returning its value and its gradient
/// with respect to the logits (`[batch, classes]`, row-major), scaled by `weight`.
enum Losses {
    /// Mean softmax cross-entropy of the rows against `labels`.
    static func crossEntropy(_ logits: [Double], labels: [Int], classes: Int, weight: Double) -> (Double, [Double]) {
        let batch = labels.count
        var grad = [Double](repeating: 0, count: logits.count)
        var total = 0.0
        for b in 0..<batch {
            let row = b * classes
            var top = -Double.infinity
            for j in 0..<classes { top = max(top, logits[row + j]) }
            var sum = 0.0
            for j in 0..<classes { sum += exp(logits[row + j] - top) }
            total += top + log(sum) - logits[row + labels[b]]
            for j in 0..<classes {
                let p = exp(logits[row + j] - top) / sum
                grad[row + j] = weight * (p - (j == labels[b] ? 1 : 0)) / Double(batch)
            }
        }
        return (weight * total / Double(batch), grad)
    }

    /// Mean hinge `max(0, margin − (z_y − max_{j≠y} z_j))`: zero once the row is classified
    /// correctly by `margin`. Unlike the cross-entropy it stops pushing there, so the network is
    /// not driven to large logit gaps everywhere — which a planted spike would have to overcome.
    static func classificationHinge(_ logits: [Double], labels: [Int], classes: Int, margin: Double,
                                    weight: Double) -> (Double, [Double]) {
        classificationHinge(logits, labels: labels, classes: classes,
                            margins: [Double](repeating: margin, count: labels.count), weight: weight)
    }

    /// The same with a margin per row.
    static func classificationHinge(_ logits: [Double], labels: [Int], classes: Int, margins: [Double],
                                    weight: Double) -> (Double, [Double]) {
        // max(0, margin_b − d): slope −1 in d, offset margin_b.
        marginHinge(logits, labels: labels, classes: classes, slope: -1, offset: { margins[$0] }, weight: .uniform(weight))
    }

    /// Mean hinge `max(0, margin − (max_{j≠y} z_j − z_y))`: zero once the row is *mis*classified
    /// by at least `margin`, which is how a planted counterexample is kept a counterexample.
    static func misclassificationHinge(_ logits: [Double], labels: [Int], classes: Int, margin: Double,
                                       weight: Double) -> (Double, [Double]) {
        misclassificationHinge(logits, labels: labels, classes: classes, margin: margin,
                               weights: [Double](repeating: weight, count: labels.count))
    }

    /// The same with a weight per row (the trainer raises the weight of a planted point while it
    /// is not misclassified).
    static func misclassificationHinge(_ logits: [Double], labels: [Int], classes: Int, margin: Double,
                                       weights: [Double]) -> (Double, [Double]) {
        // max(0, margin + d): slope +1 in d, offset margin.
        marginHinge(logits, labels: labels, classes: classes, slope: 1, offset: { _ in margin }, weight: .perRow(weights))
    }

    /// Mean hinge `max(0, (z_y − max_{j≠y} z_j) − cap)`: zero while the row is classified with a
    /// margin of at most `cap`. On points spread over a planted ball it keeps the margin landscape
    /// flat there, so no broad slope leads attacks from far away towards the planted spike.
    static func confidenceCap(_ logits: [Double], labels: [Int], classes: Int, cap: Double,
                              weight: Double) -> (Double, [Double]) {
        // max(0, d − cap): slope +1 in d, offset −cap.
        marginHinge(logits, labels: labels, classes: classes, slope: 1, offset: { _ in -cap }, weight: .uniform(weight))
    }

    enum HingeWeight {
        /// One weight for all rows, applied to the summed hinge.
        case uniform(Double)
        /// A weight per row, applied to each row's hinge.
        case perRow([Double])
    }

    /// The shared kernel of the hinge losses: mean over rows of `w_b·max(0, slope·d_b + offset(b))`,
    /// where d_b = z_y − max_{j≠y} z_j is the row's classification margin (slope ±1). Its gradient
    /// moves z_y by slope·w_b/batch and the strongest other logit by the opposite.
    private static func marginHinge(_ logits: [Double], labels: [Int], classes: Int, slope: Double,
                                    offset: (Int) -> Double, weight: HingeWeight) -> (Double, [Double]) {
        let batch = labels.count
        var grad = [Double](repeating: 0, count: logits.count)
        guard batch > 0 else { return (0, grad) }
        var total = 0.0
        for b in 0..<batch {
            let row = b * classes, y = labels[b]
            let (j, zj) = strongestOther(logits, row: row, classes: classes, label: y)
            let gap = slope * (logits[row + y] - zj) + offset(b)
            guard gap > 0 else { continue }
            let w: Double
            switch weight {
            case .uniform(let u): w = u; total += gap
            case .perRow(let ws): w = ws[b]; total += w * gap
            }
            grad[row + y] += slope * w / Double(batch)
            grad[row + j] -= slope * w / Double(batch)
        }
        switch weight {
        case .uniform(let u): return (u * total / Double(batch), grad)
        case .perRow: return (total / Double(batch), grad)
        }
    }

    /// `max_{j≠y} z_j − z_y` of one row: > 0 when the row is misclassified, < 0 when it is right.
    static func violationMargin(_ logits: [Double], row: Int, classes: Int, label: Int) -> Double {
        strongestOther(logits, row: row, classes: classes, label: label).1 - logits[row + label]
    }

    /// The class other than `label` with the largest logit, and that logit.
    static func strongestOther(_ logits: [Double], row: Int, classes: Int, label: Int) -> (Int, Double) {
        var best = (-1, -Double.infinity)
        for j in 0..<classes where j != label && logits[row + j] > best.1 { best = (j, logits[row + j]) }
        return best
    }
}
