import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Standard output (results, the live view) and standard error (notes, progress, errors) for
/// every command. A write never traps: a closed pipe or a full disk is remembered, and the command
/// ends with exit 2 and the reason instead of a crash in the middle of a line. Writes go straight
/// to the descriptor, unbuffered, so stdout and stderr stay in the order they were written.
enum Console {
    /// The first failed write to standard output, as `strerror` says it.
    private static let outputFailure = Mutex<String?>(nil)

    /// Writes `text` to standard output as is; false when it could not be written.
    @discardableResult
    static func write(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { write($0, to: STDOUT_FILENO) }
    }

    /// Writes `bytes` to standard output; false when they could not be written.
    @discardableResult
    static func write(bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { write($0, to: STDOUT_FILENO) }
    }

    /// One line of results on standard output.
    @discardableResult
    static func line(_ text: String) -> Bool { write(text + "\n") }

    /// One line on standard error, apart from the results: a note, a summary of what was done, an error.
    static func note(_ text: String) { progress(text + "\n") }

    /// Text on standard error without a newline (a progress line rewritten with `\r`).
    static func progress(_ text: String) {
        var text = text
        // Standard error is where failures are told: when it fails itself, nothing is left to tell.
        _ = text.withUTF8 { write($0, to: STDERR_FILENO) }
    }

    /// Ignores SIGPIPE, so that writing to a closed pipe is an error a write reports (EPIPE),
    /// not a signal that kills the process before it can say why.
    static func reportBrokenPipes() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Throws when a write to standard output failed: the results are incomplete.
    static func checkOutput() throws(CLIError) {
        if let reason = outputFailure.withLock({ $0 }) {
            throw .runtimeFailure("cannot write to standard output: \(reason); the output is incomplete")
        }
    }

    private static func write(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) -> Bool {
        guard var next = bytes.baseAddress else { return true }
        var left = bytes.count
        while left > 0 {
            let written = systemWrite(descriptor, next, left)
            if written < 0 {
                if errno == EINTR { continue }
                if descriptor == STDOUT_FILENO {
                    let reason = String(cString: strerror(errno))
                    outputFailure.withLock { if $0 == nil { $0 = reason } }
                }
                return false
            }
            next += written
            left -= written
        }
        return true
    }
}

/// `write(2)`: inside `Console` the name `write` is its own.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.write(descriptor, bytes, count)
    #else
        Darwin.write(descriptor, bytes, count)
    #endif
}
