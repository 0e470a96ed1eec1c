extension PGDAttack {
    /// The attack's budget and schedule. Out-of-range values are clamped when the search runs
    /// (`restarts` and `batchSize` to at least 1, `steps` and `diversifyingSteps` to at least 0,
    /// `momentum` into [0, 0.999]).
    ///
    /// A run of one (region, conjunction) pair from one start point costs
    /// `diversifyingSteps + steps` batched gradient evaluations.
    public struct Options: Sendable, Hashable {
        /// Start points per attacked (region, conjunction) pair.
        public var restarts: Int
        /// Signed-gradient steps per start point; 0 evaluates the start points only.
        public var steps: Int
        public var stepSchedule: StepSchedule
        public var conjunctionLoss: ConjunctionLoss
        /// Weight of the past in the step direction, in [0, 1): each step follows the sign of an
        /// exponential moving average of the gradients, `m ← momentum · m + (1 − momentum) · g`.
        /// 0 gives plain signed-gradient steps; momentum carries an iterate across the flat or
        /// kinked patches of piecewise-linear networks where single gradients stall or flip.
        public var momentum: Double
        public var starts: StartMix
        /// Steps that every restart except the centre first spends climbing a random direction
        /// of the output space (drawn per start point), before attacking the margin for `steps`
        /// more. Spreads the restarts over the output space, away from the one local optimum
        /// plain restarts tend to share. 0 turns it off.
        public var diversifyingSteps: Int
        /// Whether an iterate whose gradient is exactly zero (a flat patch of a piecewise-linear
        /// network, from which no gradient step can move) continues from a fresh uniformly random
        /// point of its box instead of standing still.
        public var resamplesPlateaus: Bool
        /// Seeds every random choice; equal options give equal results.
        public var seed: UInt64
        /// Runs per batched forward/backward pass. It decides which runs advance together, so it
        /// can change which violation is found first (and, slightly, the rounding of the batched
        /// linear algebra); results are reproducible for a fixed batch size.
        public var batchSize: Int

        public init(restarts: Int = 10, steps: Int = 100, stepSchedule: StepSchedule = StepSchedule(),
                    conjunctionLoss: ConjunctionLoss = .sumOfViolations,
                    momentum: Double = 0.9, starts: StartMix = StartMix(), diversifyingSteps: Int = 20,
                    resamplesPlateaus: Bool = true, seed: UInt64 = 0, batchSize: Int = 64) {
            self.restarts = restarts
            self.steps = steps
            self.stepSchedule = stepSchedule
            self.conjunctionLoss = conjunctionLoss
            self.momentum = momentum
            self.starts = starts
            self.diversifyingSteps = diversifyingSteps
            self.resamplesPlateaus = resamplesPlateaus
            self.seed = seed
            self.batchSize = batchSize
        }
    }
}
