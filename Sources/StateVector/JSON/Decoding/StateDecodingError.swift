/// Every problem of a state document at once, in document order; `description` prints one line
/// each, compiler style.
public struct StateDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    public var problems: [StateDecodingProblem]

    public init(problems: [StateDecodingProblem]) {
        self.problems = problems
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }

    /// Each problem followed by its source line and a caret under the column, for a terminal.
    /// - Parameter source: the bytes that were decoded.
    public func rendered(source: [UInt8]) -> String {
        let lines = Self.lines(of: source)
        var out: [String] = []
        for problem in problems {
            out.append(problem.description)
            let index = problem.position.line - 1
            guard lines.indices.contains(index) else { continue }
            let line = lines[index]
            out.append(line)
            // Keep tabs so the caret lines up in a terminal.
            let lead = line.unicodeScalars.prefix(max(0, problem.position.column - 1)).map { $0 == "\t" ? "\t" : " " }
            out.append(lead.joined() + "^")
        }
        return out.joined(separator: "\n")
    }

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
