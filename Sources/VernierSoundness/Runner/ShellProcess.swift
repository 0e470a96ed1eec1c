import Foundation

/// Runs a shell command with a wall-clock limit, killing its whole process group when the limit
/// passes (a verifier script usually starts the real tool as a child, which must die too).
enum ShellProcess {
    struct Outcome {
        var status: Int32
        var killed: Bool
        /// The end of standard error, for messages.
        var stderrTail: String
    }

    static func run(_ line: String, limit: Double) -> Outcome {
        let process = Process()
        // Foundation starts the child as the leader of a new process group (pid == pgid), so
        // kill(-pid) below reaches every descendant of the shell.
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", line]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let collected = ResultSlots<Data>(count: 1)
        errors.fileHandleForReading.readabilityHandler = { h in
            let chunk = h.availableData
            guard !chunk.isEmpty else { return }
            var d = collected.get(0) ?? Data()
            d.append(chunk)
            if d.count > 4096 { d = d.suffix(4096) }
            collected.set(0, d)
        }
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        do {
            try process.run()
        } catch {
            return Outcome(status: -1, killed: false, stderrTail: "cannot start /bin/sh: \(error.localizedDescription)")
        }
        var killed = false
        if done.wait(timeout: .now() + limit) == .timedOut {
            killed = true
            let pid = process.processIdentifier
            kill(-pid, SIGKILL)
            kill(pid, SIGKILL)
            done.wait()
        }
        errors.fileHandleForReading.readabilityHandler = nil
        let tail = String(decoding: collected.get(0) ?? Data(), as: UTF8.self)
            .split(whereSeparator: \.isNewline).suffix(2).joined(separator: " | ")
        return Outcome(status: process.terminationStatus, killed: killed, stderrTail: tail.isEmpty ? "no stderr" : tail)
    }
}
