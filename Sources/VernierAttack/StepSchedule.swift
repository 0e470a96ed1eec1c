import Foundation

/// The size of PGD's signed-gradient steps over one attack, relative to the input box.
///
/// A step moves every input coordinate by `fraction(step:of:) · (upper − lower)` of that
/// coordinate, so boxes with very different widths per input (ACAS Xu) are handled evenly.
public struct StepSchedule: Sendable, Hashable {
    /// How the step shrinks from the first to the last iteration.
    public enum Decay: Sendable, Hashable {
        /// The same step throughout.
        case constant
        /// Half a cosine from the first step down to `finalFraction` of it at the last step.
        case cosine(finalFraction: Double)
        /// Multiplied by `rate` after every step.
        case exponential(rate: Double)
        /// Multiplied by `factor` at each milestone, given as fractions of the run in (0, 1)
        /// (e.g. `[0.5, 0.75]` halves the step at the middle and again at three quarters).
        case stepwise(factor: Double, milestones: [Double])
    }

    /// The first step as a fraction of each coordinate's box width.
    public var initial: Double
    public var decay: Decay

    public init(initial: Double = 0.125, decay: Decay = .exponential(rate: 0.98)) {
        self.initial = initial
        self.decay = decay
    }

    /// The step at iteration `step` (0-based) of `steps`, as a fraction of each coordinate's width.
    /// Never negative; zero when `steps <= 0`.
    public func fraction(step: Int, of steps: Int) -> Double {
        guard steps > 0 else { return 0 }
        let first = max(0, initial)
        // Progress through the run: 0 at the first step, 1 at the last.
        let progress = steps > 1 ? Double(min(max(step, 0), steps - 1)) / Double(steps - 1) : 0
        switch decay {
        case .constant:
            return first
        case .cosine(let finalFraction):
            let f = min(max(finalFraction, 0), 1)
            return first * (f + (1 - f) * 0.5 * (1 + cos(Double.pi * progress)))
        case .exponential(let rate):
            return first * pow(min(max(rate, 0), 1), Double(min(max(step, 0), steps - 1)))
        case .stepwise(let factor, let milestones):
            let passed = milestones.filter { progress >= $0 }.count
            return first * pow(max(0, factor), Double(passed))
        }
    }
}
