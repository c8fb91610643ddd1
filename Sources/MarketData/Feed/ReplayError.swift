/// Why a replay file could not be read: the file, the line (or byte offset) and what was expected.
/// Rendered like a compiler diagnostic so editors and terminals can jump to the spot.
public struct ReplayError: Error, CustomStringConvertible, Hashable, Sendable {
    /// What went wrong: bad content is the user's input, an unreadable file or a failing disk is a
    /// runtime failure (the command line maps them to exit codes 1 and 2).
    public enum Kind: Hashable, Sendable {
        /// The file exists but its content is wrong (a field, a row count, a crossed book, a truncated stream).
        case invalidData
        /// The file cannot be opened, read or written.
        case unreadable
    }

    public var kind: Kind
    public var path: String
    /// 1-based line of a text file, or nil for whole-file and binary-file problems.
    public var line: Int?
    /// 1-based byte column in `line`, when known.
    public var column: Int?
    public var message: String

    public init(_ kind: Kind, path: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.kind = kind
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    /// `path:line:column: error: message`.
    public var description: String {
        var location = path
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        return "\(location): error: \(message)"
    }
}
