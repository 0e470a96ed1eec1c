/// Runs a plan (or one shard of it) and packages the outcomes as a result document.
public struct SuiteRun: Sendable {
    public var plan: RunPlan
    public var shard: Shard?
    public var runner: ParallelRunner

    public init(plan: RunPlan, shard: Shard? = nil, jobs: Int) {
        self.plan = plan
        self.shard = shard
        self.runner = ParallelRunner(jobs: jobs, runner: InstanceRunner(seed: plan.seed))
    }

    public func run(cancel: CancellationFlag = CancellationFlag(),
                    progress: (@Sendable (RunProgress) -> Void)? = nil) -> ResultsDocument {
        let selected = plan.instances(in: shard)
        let (outcomes, complete) = runner.run(selected, graphs: plan.graphs, cancel: cancel, progress: progress)
        return ResultsDocument(name: plan.name, seed: plan.seed, shard: shard, totalInstances: plan.instances.count,
                               complete: complete, fingerprint: plan.fingerprint, entries: plan.entries, instances: outcomes)
    }
}
