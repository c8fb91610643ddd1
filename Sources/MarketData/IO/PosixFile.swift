#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file descriptor with reads and writes that retry on EINTR and report errors with the path.
/// Plain POSIX so that the replay path never depends on Foundation's buffering.
final class PosixFile: @unchecked Sendable {
    let path: String
    private var descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    /// Opens `path` for reading.
    static func openForReading(_ path: String, what: String = "file") throws -> PosixFile {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw ReplayError(.unreadable, path: path, message: "cannot open the \(what): \(Self.lastError())")
        }
        return PosixFile(path: path, descriptor: descriptor)
    }

    /// Creates `path`, replacing a file that is there.
    static func create(_ path: String) throws -> PosixFile {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw ReplayError(.unreadable, path: path, message: "cannot create the file: \(Self.lastError())")
        }
        return PosixFile(path: path, descriptor: descriptor)
    }

    /// Opens an existing file for writing, keeping its content.
    static func openForWriting(_ path: String) throws -> PosixFile {
        let descriptor = open(path, O_WRONLY)
        guard descriptor >= 0 else {
            throw ReplayError(.unreadable, path: path, message: "cannot open the file for writing: \(Self.lastError())")
        }
        return PosixFile(path: path, descriptor: descriptor)
    }

    /// Cuts the file to `length` bytes and moves the write position there.
    func truncate(to length: Int) throws {
        guard ftruncate(descriptor, off_t(length)) == 0, lseek(descriptor, off_t(length), SEEK_SET) >= 0 else {
            throw ReplayError(.unreadable, path: path, message: "cannot cut the file to \(length) bytes: \(Self.lastError())")
        }
    }

    /// The file's size in bytes, nil when `fstat` fails.
    func size() -> Int? {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        return Int(info.st_size)
    }

    static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// Reads up to `count` bytes; 0 only at the end of the file.
    func read(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
        while true {
            #if canImport(Darwin)
            let result = Darwin.read(descriptor, buffer, count)
            #elseif canImport(Musl)
            let result = Musl.read(descriptor, buffer, count)
            #else
            let result = Glibc.read(descriptor, buffer, count)
            #endif
            if result >= 0 { return result }
            if errno == EINTR { continue }
            throw ReplayError(.unreadable, path: path, message: "read failed: \(Self.lastError())")
        }
    }

    /// Reads until `count` bytes are in or the file ends; returns how many arrived.
    func readFully(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
        var total = 0
        while total < count {
            let got = try read(into: buffer + total, count: count - total)
            if got == 0 { break }
            total += got
        }
        return total
    }

    /// Writes all `count` bytes.
    func write(_ buffer: UnsafeRawPointer, count: Int) throws {
        var written = 0
        while written < count {
            #if canImport(Darwin)
            let result = Darwin.write(descriptor, buffer + written, count - written)
            #elseif canImport(Musl)
            let result = Musl.write(descriptor, buffer + written, count - written)
            #else
            let result = Glibc.write(descriptor, buffer + written, count - written)
            #endif
            if result >= 0 {
                written += result
            } else if errno != EINTR {
                throw ReplayError(.unreadable, path: path, message: "write failed: \(Self.lastError())")
            }
        }
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            try write(base, count: raw.count)
        }
    }

    /// Asks the kernel to put written data on the disk.
    func synchronize() throws {
        guard fsync(descriptor) == 0 else {
            throw ReplayError(.unreadable, path: path, message: "fsync failed: \(Self.lastError())")
        }
    }

    func close() {
        guard descriptor >= 0 else { return }
        #if canImport(Darwin)
        _ = Darwin.close(descriptor)
        #elseif canImport(Musl)
        _ = Musl.close(descriptor)
        #else
        _ = Glibc.close(descriptor)
        #endif
        descriptor = -1
    }

    deinit { close() }

    static func lastError() -> String {
        String(cString: strerror(errno))
    }

    /// Moves `from` to `to` in one step (same file system).
    static func rename(_ from: String, to: String) throws {
        #if canImport(Darwin)
        let result = Darwin.rename(from, to)
        #elseif canImport(Musl)
        let result = Musl.rename(from, to)
        #else
        let result = Glibc.rename(from, to)
        #endif
        guard result == 0 else {
            throw ReplayError(.unreadable, path: to, message: "cannot rename \(from) to it: \(lastError())")
        }
    }

    static func remove(_ path: String) {
        _ = unlink(path)
    }
}
