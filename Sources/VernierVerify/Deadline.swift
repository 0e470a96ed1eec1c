import Foundation

/// A point in time after which work should stop and report `timeout` (or its best partial result).
public struct Deadline: Sendable {
    public let end: DispatchTime?

    public init(seconds: Double?) {
        if let s = seconds, s.isFinite {
            end = DispatchTime.now() + .nanoseconds(Int(max(0, s) * 1e9))
        } else {
            end = nil
        }
    }

    public static let never = Deadline(seconds: nil)

    public var hasPassed: Bool {
        guard let end else { return false }
        return DispatchTime.now() >= end
    }
}
