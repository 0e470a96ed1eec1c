import Foundation

/// A point in time after which work should stop and report `timeout` (or its best partial result).
/// An optional `cancelled` check (e.g. set by a Ctrl-C handler) ends the work the same way.
public struct Deadline: Sendable {
    public let end: DispatchTime?
    public let cancelled: (@Sendable () -> Bool)?

    public init(seconds: Double?, cancelled: (@Sendable () -> Bool)? = nil) {
        if let s = seconds, s.isFinite {
            end = DispatchTime.now() + .nanoseconds(Int(max(0, s) * 1e9))
        } else {
            end = nil
        }
        self.cancelled = cancelled
    }

    public static let never = Deadline(seconds: nil)

    public var hasPassed: Bool {
        if let cancelled, cancelled() { return true }
        guard let end else { return false }
        return DispatchTime.now() >= end
    }
}
