import CZlib

/// Streaming gzip decompression through zlib. Accepts files of several concatenated gzip members
/// (what `cat a.gz b.gz` or parallel gzip tools write) and reports a file that ends inside a member.
final class GzipInput: ByteInput, @unchecked Sendable {
    let path: String
    private let file: PosixFile
    /// zlib keeps a pointer back to the stream it initialized, so the stream must never move.
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutableRawPointer
    private let inputCapacity = 1 << 18
    private var fileEnded = false
    private var memberEnded = false
    private var compressedBytesRead = 0
    /// An error met after some output was produced: returned with the next call, so the bytes
    /// before the damage still reach the parser.
    private var pendingError: ReplayError?

    init(file: PosixFile) throws {
        self.file = file
        self.path = file.path
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        input = .allocate(byteCount: inputCapacity, alignment: 16)
        // 16 + MAX_WBITS: expect a gzip header and trailer.
        let status = inflateInit2_(stream, 16 + MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            input.deallocate()
            throw ReplayError(.unreadable, path: file.path, message: "zlib could not start (status \(status))")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
        input.deallocate()
    }

    func read(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
        if let pendingError { throw pendingError }
        do {
            return try inflateChunk(into: buffer, count: count)
        } catch let error as ReplayError {
            let produced = count - Int(stream.pointee.avail_out)
            guard produced > 0 else { throw error }
            pendingError = error
            return produced
        }
    }

    private func inflateChunk(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
        stream.pointee.next_out = buffer.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(count)
        while stream.pointee.avail_out > 0 {
            if stream.pointee.avail_in == 0 && !fileEnded {
                let got = try file.read(into: input, count: inputCapacity)
                if got == 0 {
                    fileEnded = true
                } else {
                    compressedBytesRead += got
                    stream.pointee.next_in = input.assumingMemoryBound(to: Bytef.self)
                    stream.pointee.avail_in = uInt(got)
                }
            }
            if memberEnded {
                if stream.pointee.avail_in == 0 && fileEnded { break }
                // Another member follows the one that ended.
                inflateReset(stream)
                memberEnded = false
            }
            if stream.pointee.avail_in == 0 && fileEnded {
                throw ReplayError(
                    .invalidData, path: path,
                    message: "the gzip data is truncated: the file ends after \(compressedBytesRead) bytes, "
                        + "inside a compressed stream (was the download or copy cut short?)")
            }
            let status = inflate(stream, Z_NO_FLUSH)
            switch status {
            case Z_STREAM_END:
                memberEnded = true
            case Z_OK, Z_BUF_ERROR:
                continue
            default:
                let reason = stream.pointee.msg.map { String(cString: $0) } ?? "status \(status)"
                throw ReplayError(
                    .invalidData, path: path,
                    message: "the gzip data is corrupt near compressed byte "
                        + "\(compressedBytesRead - Int(stream.pointee.avail_in)): \(reason)")
            }
        }
        return count - Int(stream.pointee.avail_out)
    }
}
