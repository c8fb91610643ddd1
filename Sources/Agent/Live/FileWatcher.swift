import Foundation

/// Notices edits to one file by reading it and comparing a hash of its bytes: portable (no inotify or
/// FSEvents) and immune to coarse modification times. Strategy files are a few kilobytes and are
/// polled about once a second, so reading them whole costs nothing. Saving the same bytes again is
/// not a change.
public struct FileWatcher: Sendable {
    public let path: String
    private var contentHash: UInt64

    /// Starts watching from `contents`, the text already loaded.
    public init(path: String, contents: String) {
        self.path = path
        self.contentHash = Self.hash(contents)
    }

    /// The new bytes when the file changed since the last call, nil otherwise (also nil while
    /// the file is missing or unreadable, as in the middle of an editor's save). Bytes, not text:
    /// a reload must judge exactly what `fsd validate` would, invalid UTF-8 included (#16).
    public mutating func poll() -> [UInt8]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let bytes = [UInt8](data)
        let newHash = Self.hash(bytes)
        guard newHash != contentHash else { return nil }
        contentHash = newHash
        return bytes
    }

    static func hash(_ text: String) -> UInt64 { hash(Array(text.utf8)) }

    /// FNV-1a, 64 bits: enough to tell two versions of a file apart.
    static func hash(_ bytes: [UInt8]) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01b3
        }
        return value
    }
}
