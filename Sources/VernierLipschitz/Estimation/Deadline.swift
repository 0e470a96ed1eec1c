import Foundation

/// A wall-clock time limit (nil: none), checked between units of work.
struct Deadline: Sendable {
    let end: DispatchTime?

    init(seconds: Double?) {
        end = seconds.map { DispatchTime.now() + .nanoseconds(Int(max(0, $0) * 1e9)) }
    }

    var passed: Bool { end.map { DispatchTime.now() >= $0 } ?? false }
}

/// Seconds since `start`.
func elapsed(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}
