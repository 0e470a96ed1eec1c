import Foundation

/// Applies `body` to every element across all cores (domain-level parallelism of the BaB
/// drivers) and returns the results in order.
func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ body: @Sendable (T) -> R) -> [R] {
    let results = UnsafeMutableBufferPointer<R>.allocate(capacity: items.count)
    defer { results.deallocate() }
    // Each iteration initialises its own slot exactly once; no slot is shared.
    nonisolated(unsafe) let base = results.baseAddress!
    DispatchQueue.concurrentPerform(iterations: items.count) { i in
        (base + i).initialize(to: body(items[i]))
    }
    let out = Array(results)
    base.deinitialize(count: items.count)
    return out
}
