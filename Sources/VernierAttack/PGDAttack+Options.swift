extension PGDAttack {
    /// The attack's budget and schedule. Out-of-range counts are clamped when the search runs
    /// (`restarts` and `batchSize` to at least 1, `steps` to at least 0).
    public struct Options: Sendable, Hashable {
        /// Start points per attacked (region, conjunction) pair.
        public var restarts: Int
        /// Signed-gradient steps per start point; 0 evaluates the start points only.
        public var steps: Int
        public var stepSchedule: StepSchedule
        /// Weight of the past in the step direction, in [0, 1): each step follows the sign of an
        /// exponential moving average of the gradients, `m ← momentum · m + (1 − momentum) · g`.
        /// 0 gives plain signed-gradient steps; momentum carries an iterate across the flat or
        /// kinked patches of piecewise-linear networks where single gradients stall or flip.
        public var momentum: Double
        public var starts: StartMix
        /// Seeds every random choice; equal options give equal results.
        public var seed: UInt64
        /// Samples per batched forward/backward pass. Results depend on it only through the
        /// rounding of the batched linear algebra, which the exact check does not use.
        public var batchSize: Int

        public init(restarts: Int = 10, steps: Int = 100, stepSchedule: StepSchedule = StepSchedule(),
                    momentum: Double = 0.9, starts: StartMix = StartMix(), seed: UInt64 = 0, batchSize: Int = 64) {
            self.restarts = restarts
            self.steps = steps
            self.stepSchedule = stepSchedule
            self.momentum = momentum
            self.starts = starts
            self.seed = seed
            self.batchSize = batchSize
        }
    }
}
