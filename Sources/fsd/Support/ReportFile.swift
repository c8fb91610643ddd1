#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a whole report file (`fsd backtest --report`) with `write(2)`, every error a `CLIError`.
///
/// A regular file (or a new one) is written beside its destination, synced and renamed over it, so
/// the name never holds half a report. Anything else at the path — a device such as `/dev/stdout`
/// or `/dev/full`, a FIFO, a symbolic link — is written in place: renaming over it would replace
/// the device node or the link with a regular file and report success for bytes that never went
/// where the user pointed them.
enum ReportFile {
    /// - Throws: a runtime failure naming the file and what `strerror` said.
    static func write(_ text: String, to path: String) throws(CLIError) {
        var info = stat()
        let exists = lstat(path, &info) == 0
        let regular = exists && (info.st_mode & S_IFMT) == S_IFREG
        if exists && !regular {
            try write(text, toOpen: path, flags: O_WRONLY | O_TRUNC, destination: path)
            return
        }
        let partial = path + ".partial"
        do throws(CLIError) {
            try write(text, toOpen: partial, flags: O_WRONLY | O_CREAT | O_TRUNC, destination: path, sync: true)
            guard rename(partial, path) == 0 else { throw failure("cannot move the report into place", path) }
        } catch {
            unlink(partial)
            throw error
        }
    }

    private static func write(
        _ text: String, toOpen target: String, flags: Int32, destination: String, sync: Bool = false
    ) throws(CLIError) {
        let descriptor = open(target, flags | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure("cannot open the report for writing", destination) }
        defer { close(descriptor) }
        var bytes = Array(text.utf8)
        let complete = bytes.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard var next = buffer.baseAddress else { return true }
            var left = buffer.count
            while left > 0 {
                let written = systemWrite(descriptor, next, left)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                next += written
                left -= written
            }
            return true
        }
        guard complete else { throw failure("cannot write the report", destination) }
        // A regular file's bytes must be on the disk before the rename makes them the report.
        if sync, fsync(descriptor) != 0 { throw failure("cannot write the report", destination) }
    }

    private static func failure(_ what: String, _ path: String) -> CLIError {
        .runtimeFailure("\(what): \(String(cString: strerror(errno)))", file: path)
    }
}

/// `write(2)`: inside `ReportFile` the name `write` is its own.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.write(descriptor, bytes, count)
    #else
        Darwin.write(descriptor, bytes, count)
    #endif
}
