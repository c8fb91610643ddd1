import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Standard output (results, the live view) and standard error (notes, progress, errors) for
/// every command: the one writer of the command line. A write never traps. A reader that went away
/// (EPIPE: `fsd state --every 1s | head`) ends the command quietly with status 0, as git and grep
/// do; any other failure (a full disk, an I/O error) is remembered and the command ends with exit 2
/// and the reason on standard error, instead of a crash in the middle of a line. Once a stream has
/// failed, later writes to it are skipped, so a command that ignores one failure cannot spin on the
/// next. Writes go straight to the descriptor with `write(2)`, unbuffered, so stdout and stderr stay
/// in the order they were written.
enum Console {
    /// What went wrong with one stream, first failure only.
    enum Failure: Equatable, Sendable {
        /// The reader closed the pipe (EPIPE): nobody is left to tell, and nothing is wrong.
        case closed
        /// Any other error, as `strerror` says it.
        case failed(String)
    }

    private static let outputFailure = Mutex<Failure?>(nil)
    private static let errorFailure = Mutex<Failure?>(nil)

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
        _ = text.withUTF8 { write($0, to: STDERR_FILENO) }
    }

    /// Ignores SIGPIPE, so that writing to a closed pipe is an error a write reports (EPIPE),
    /// not a signal that kills the process before it can say why (and before `fsd run` flattens).
    static func reportBrokenPipes() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// The first failure of standard output, nil while every write succeeded.
    static var outputState: Failure? { outputFailure.withLock { $0 } }

    /// Why a live run stops when its view can no longer be written; nil while it can.
    static var outputStopReason: String? {
        switch outputState {
        case nil: nil
        case .closed: "standard output was closed"
        case .failed(let reason): "cannot write to standard output: \(reason)"
        }
    }

    /// The exit status once the command is done: `status` as the command ended, 0 when a reader
    /// closed the pipe (whatever the command made of its failed writes), 2 after any other failed
    /// write, with its message on standard error (where that still works).
    static func finalStatus(_ status: Int32) -> Int32 {
        if outputState == .closed || failure(of: STDERR_FILENO) == .closed { return 0 }
        if case .failed(let reason) = outputState {
            note("error: cannot write to standard output: \(reason); the output is incomplete")
            return 2
        }
        // A failed standard error lost a note or an error message: a script must not read 0.
        if case .failed = failure(of: STDERR_FILENO) { return status == 0 ? 2 : status }
        return status
    }

    private static func write(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) -> Bool {
        if failure(of: descriptor) != nil { return false }
        guard var next = bytes.baseAddress else { return true }
        var left = bytes.count
        while left > 0 {
            let written = systemWrite(descriptor, next, left)
            if written < 0 {
                let code = errno
                if code == EINTR { continue }
                if code == EAGAIN {
                    // A descriptor someone made non-blocking: wait until it takes bytes again.
                    var wait = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&wait, 1, -1)
                    continue
                }
                remember(code == EPIPE ? .closed : .failed(String(cString: strerror(code))), of: descriptor)
                return false
            }
            next += written
            left -= written
        }
        return true
    }

    private static func failure(of descriptor: Int32) -> Failure? {
        descriptor == STDOUT_FILENO ? outputFailure.withLock { $0 } : errorFailure.withLock { $0 }
    }

    private static func remember(_ failure: Failure, of descriptor: Int32) {
        if descriptor == STDOUT_FILENO {
            outputFailure.withLock { if $0 == nil { $0 = failure } }
        } else {
            errorFailure.withLock { if $0 == nil { $0 = failure } }
        }
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
