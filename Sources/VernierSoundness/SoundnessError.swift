/// Errors of the generator and the runner: each names the file, model or setting at fault.
public struct SoundnessError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
