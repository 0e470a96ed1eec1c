import Foundation

/// One instance before training: an ε-ball around `centre` whose points should all get `label`,
/// and for a planted instance the point `counterexample` in the ball that must not.
struct InstanceDraft: Sendable {
    var centre: [Double]
    var label: Int
    /// Per-coordinate box bounds `centre ∓ ε`, exact in float32 and Double (see `Planting`).
    var lower: [Double]
    var upper: [Double]
    var counterexample: [Double]?
    var isPlanted: Bool { counterexample != nil }
}

/// Draws instance centres, labels and planted counterexamples.
///
/// Every number the generator writes is a multiple of a power of two small enough to be exact in
/// float32: centres on a 2⁻⁸ grid, ε on a 2⁻¹⁰ grid, counterexample offsets in sixteenths of ε
/// (so on a 2⁻¹⁴ grid; a sum inside the domain needs at most 22 significant bits). So
/// box bounds are exact in any tool's float32 or Double arithmetic, the VNN-LIB decimals read back
/// bit for bit, and a planted point lies in its box exactly, whatever precision a verifier uses.
enum Planting {
    /// ε rounded to the 2⁻¹⁰ grid (at least one grid step).
    static func quantizedEpsilon(_ epsilon: Double) -> Double {
        max(1, (epsilon * 1024).rounded()) / 1024
    }

    /// `planted` then `clean` drafts with pairwise disjoint balls (L∞ distance between centres
    /// above 2.5·ε) inside the domain.
    static func draw(model: ModelConfig, domain: [Double], rng: inout SeededRandom) throws -> [InstanceDraft] {
        let n = model.inputShape.reduce(1, *)
        let eps = quantizedEpsilon(model.epsilon)
        let lo = ((domain[0] + eps) * 256).rounded(.up) / 256
        let hi = ((domain[1] - eps) * 256).rounded(.down) / 256
        guard lo <= hi else { throw SoundnessError("model '\(model.name)': ε = \(eps) leaves no room for centres in the domain") }
        var drafts = [InstanceDraft]()
        let count = model.planted + model.clean
        var tries = 0
        while drafts.count < count {
            tries += 1
            if tries > 10_000 * count {
                throw SoundnessError("model '\(model.name)': cannot place \(count) disjoint balls of radius \(eps); use fewer instances or a smaller epsilon")
            }
            let centre = (0..<n).map { _ in (rng.uniform(lo, hi) * 256).rounded() / 256 }.map { min(max($0, lo), hi) }
            let separated = drafts.allSatisfy { d in
                zip(d.centre, centre).map { abs($0 - $1) }.max()! > 2.5 * eps
            }
            guard separated else { continue }
            let index = drafts.count
            // Labels cycle so every class has instances; the rng decides nothing here to keep it simple.
            let label = index % model.classes
            var cex: [Double]? = nil
            if index < model.planted {
                let kind: ModelConfig.Placement
                switch model.placement {
                case .mixed: kind = [.face, .inside, .vertex][index % 3]
                default: kind = model.placement
                }
                let face = Int(rng.next() % UInt64(n))
                // Off-face: one common small offset for all coordinates but the leading one.
                let common: Double = kind == .offFace && rng.next() & 1 == 0 ? -1 : 1
                cex = centre.enumerated().map { k, c in
                    let sign: Double = rng.next() & 1 == 0 ? -1 : 1
                    let sixteenths: Double
                    switch kind {
                    case .vertex: sixteenths = 16
                    case .face: sixteenths = k == face ? 16 : 0
                    case .offFace: return k == face ? c + sign * eps * 3 / 4 : c + common * eps / 16
                    // Scattered: a quarter to five eighths of ε from the centre in every coordinate,
                    // signs independent — far from the centre start, the faces and the diagonals.
                    case .scattered: sixteenths = Double(4 + Int(rng.next() % 7))
                    // Inside: between a quarter and seven eighths of ε from the centre per coordinate.
                    default: sixteenths = Double(2 * (2 + Int(rng.next() % 6)))
                    }
                    return c + sign * eps * sixteenths / 16
                }
            }
            drafts.append(InstanceDraft(centre: centre, label: label,
                                        lower: centre.map { $0 - eps }, upper: centre.map { $0 + eps },
                                        counterexample: cex))
        }
        return drafts
    }
}
