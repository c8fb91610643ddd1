/// Every problem of a state document at once, in document order; `description` prints one line
/// each, compiler style.
public struct StateDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    public var problems: [StateDecodingProblem]

    public init(problems: [StateDecodingProblem]) {
        self.problems = problems
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }

    /// Each problem followed by its source line and a caret under the column, for a terminal.
    /// A line longer than `excerptWidth` (a whole state on one line, megabytes of it) is cut to
    /// the part around the column, marked with `…` where text was left out.
    /// - Parameter source: the bytes that were decoded.
    public func rendered(source: [UInt8]) -> String {
        let lines = Self.lines(of: source)
        // Each line's scalars once, however many problems it holds: finding a column in a long line
        // for each of 100 problems would cost 100 passes over it.
        var scalars: [Int: [Unicode.Scalar]] = [:]
        var out: [String] = []
        for problem in problems {
            out.append(problem.description)
            let index = problem.position.line - 1
            guard lines.indices.contains(index) else { continue }
            let line = scalars[index] ?? Array(lines[index].unicodeScalars)
            scalars[index] = line
            let column = min(max(0, problem.position.column - 1), line.count)
            var start = 0
            var end = line.count
            if line.count > Self.excerptWidth {
                start = max(0, column - Self.excerptWidth / 2)
                end = min(line.count, start + Self.excerptWidth)
                start = max(0, end - Self.excerptWidth)
            }
            let before = start > 0 ? "…" : ""
            var text = before
            text.unicodeScalars.append(contentsOf: line[start..<end])
            if end < line.count { text += "…" }
            out.append(text)
            // Keep tabs so the caret lines up in a terminal.
            let lead = line[start..<column].map { $0 == "\t" ? "\t" : " " }
            out.append((before.isEmpty ? "" : " ") + lead.joined() + "^")
        }
        return out.joined(separator: "\n")
    }

    /// The most characters of a source line quoted under a problem.
    static let excerptWidth = 160

    private static func lines(of source: [UInt8]) -> [String] {
        var lines: [String] = []
        // The parser skips a byte order mark, so columns on line 1 start after it.
        var start = source.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var index = start
        while index < source.count {
            let byte = source[index]
            if byte == 0x0A || byte == 0x0D {
                lines.append(String(decoding: source[start..<index], as: UTF8.self))
                if byte == 0x0D, index + 1 < source.count, source[index + 1] == 0x0A { index += 1 }
                start = index + 1
            }
            index += 1
        }
        lines.append(String(decoding: source[start..<source.count], as: UTF8.self))
        return lines
    }
}
