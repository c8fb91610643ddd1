import CZlib
import Foundation

@testable import MarketData

/// Temporary files for one test, and the repository's real data.
struct TestFiles {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "fsd-marketdata-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { directory + "/" + name }

    /// Writes `text` to `name` and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Array(text.utf8))
    }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    /// `bytes` as one gzip member, as `gzip` writes it.
    static func gzip(_ bytes: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        var output = [UInt8](repeating: 0, count: bytes.count + 1024)
        var input = bytes
        let produced = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                _ = deflateInit2_(
                    &stream, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
                    Int32(MemoryLayout<z_stream>.size))
                stream.next_in = inputBuffer.baseAddress
                stream.avail_in = uInt(inputBuffer.count)
                stream.next_out = outputBuffer.baseAddress
                stream.avail_out = uInt(outputBuffer.count)
                _ = deflate(&stream, Z_FINISH)
                let count = outputBuffer.count - Int(stream.avail_out)
                deflateEnd(&stream)
                return count
            }
        }
        return Array(output[..<produced])
    }

    /// The repository root, found from this file's path.
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let sampleMessages =
        repositoryRoot + "/data/sample/GOOG_2012-06-21_34200000_57600000_message_10.csv.gz"

    /// A file of the shared LOBSTER set beside the repository, or nil when it is not there.
    static func sharedLobster(_ name: String) -> String? {
        let path = repositoryRoot + "/../shared/data/lobster/" + name
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// The whole decompressed content of a plain or gzip file.
    static func contents(of path: String) throws -> [UInt8] {
        let input = try TextInput.open(path, what: "file")
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let got = try chunk.withUnsafeMutableBytes { try input.read(into: $0.baseAddress!, count: $0.count) }
            if got == 0 { return result }
            result += chunk[..<got]
        }
    }
}
