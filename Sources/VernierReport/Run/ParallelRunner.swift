import Foundation
import VernierCore

/// Runs planned instances on a bounded pool of worker threads.
///
/// Each worker takes the next instance in suite order; outcomes are independent of the number of
/// workers and of scheduling, because every instance uses the run's seed and nothing else that
/// depends on order. On cancellation no new instance starts; the running ones are asked to stop
/// (their attack checks the flag) and are dropped, and the finished ones are returned.
public struct ParallelRunner: Sendable {
    public var jobs: Int
    public var runner: InstanceRunner

    public init(jobs: Int = ProcessInfo.processInfo.activeProcessorCount, runner: InstanceRunner) {
        self.jobs = max(1, jobs)
        self.runner = runner
    }

    /// The finished outcomes in suite order, and whether every instance finished.
    public func run(_ instances: [PlannedInstance], graphs: [Graph], cancel: CancellationFlag = CancellationFlag(),
                    progress: (@Sendable (RunProgress) -> Void)? = nil) -> (outcomes: [InstanceOutcome], complete: Bool) {
        let state = PoolState(count: instances.count)
        let clock = Stopwatch()
        let workers = min(jobs, max(1, instances.count))
        let group = DispatchGroup()
        let runner = self.runner
        for _ in 0..<workers {
            DispatchQueue.global().async(group: group) {
                while !cancel.isCancelled, let i = state.next() {
                    let instance = instances[i]
                    let outcome = runner.run(instance, graph: graphs[instance.model], isCancelled: { cancel.isCancelled })
                    guard let outcome else { break }
                    let snapshot = state.finish(i, outcome)
                    if let progress {
                        state.reporting {
                            progress(RunProgress(done: snapshot.done, total: instances.count, elapsed: clock.seconds,
                                                 counts: snapshot.counts, jobs: workers))
                        }
                    }
                }
            }
        }
        group.wait()
        let outcomes = state.results.compactMap { $0 }
        return (outcomes.sorted { $0.ordinal < $1.ordinal }, outcomes.count == instances.count)
    }
}

/// The pool's shared bookkeeping, behind one lock.
private final class PoolState: @unchecked Sendable {
    private let lock = NSLock()
    private let reportLock = NSLock()
    private var nextIndex = 0
    private(set) var results: [InstanceOutcome?]
    private var counts = [VerdictName: Int]()
    private var done = 0

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func next() -> Int? {
        lock.withLock {
            guard nextIndex < results.count else { return nil }
            defer { nextIndex += 1 }
            return nextIndex
        }
    }

    func finish(_ i: Int, _ outcome: InstanceOutcome) -> (done: Int, counts: [VerdictName: Int]) {
        lock.withLock {
            results[i] = outcome
            counts[outcome.verdict, default: 0] += 1
            done += 1
            return (done, counts)
        }
    }

    /// Serialises progress callbacks so lines never interleave.
    func reporting(_ body: () -> Void) { reportLock.withLock(body) }
}
