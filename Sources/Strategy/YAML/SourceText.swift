/// The source of a strategy file split into lines, to print a diagnostic's line and to find where
/// a character of a scalar sits in the file.
struct SourceText: Sendable {
    let lines: [Substring]

    init(_ text: String) { lines = Self.splitLines(text) }

    /// Lines as libyaml counts them: LF, CR, CR LF, NEL, LS and PS all end a line.
    static func splitLines(_ text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false) {
            ["\n", "\r", "\r\n", "\u{85}", "\u{2028}", "\u{2029}"].contains($0)
        }
    }

    /// Where the character at `offset` (in Unicode scalars) of the scalar's value stands in the
    /// file. Plain one-line scalars map directly; other styles (quotes, block scalars, folded
    /// lines) are aligned character by character with the raw source. Falls back to the start.
    func location(ofOffset offset: Int, in node: YAMLNode) -> SourceLocation {
        guard let scalar = node.scalar else { return node.start }
        if scalar.style == .plain, node.start.line == node.end.line {
            return SourceLocation(line: node.start.line, column: node.start.column + offset)
        }
        let value = Array(scalar.value.unicodeScalars)
        guard offset >= 0, offset <= value.count else { return node.start }
        var position = RawIterator(lines: lines, line: node.start.line, column: node.start.column)
        var matched = 0
        var afterLast = node.start
        while matched < value.count, let (char, location) = position.next(), location <= node.end {
            let wanted = value[matched]
            guard char == wanted || ((wanted == " " || wanted == "\n") && char == "\n") else { continue }
            if matched == offset { return location }
            matched += 1
            afterLast = SourceLocation(line: location.line, column: location.column + 1)
        }
        return matched == offset ? afterLast : node.start
    }

    /// Walks the file's characters from a position, yielding `\n` at line ends.
    struct RawIterator {
        let lines: [Substring]
        var line: Int
        var column: Int
        var scalars: [Unicode.Scalar] = []
        var loadedLine = 0

        init(lines: [Substring], line: Int, column: Int) {
            self.lines = lines
            self.line = line
            self.column = column
        }

        mutating func next() -> (Unicode.Scalar, SourceLocation)? {
            while line >= 1, line <= lines.count {
                if loadedLine != line {
                    scalars = Array(lines[line - 1].unicodeScalars)
                    loadedLine = line
                }
                let location = SourceLocation(line: line, column: column)
                if column - 1 < scalars.count {
                    column += 1
                    return (scalars[column - 2], location)
                }
                line += 1
                column = 1
                return ("\n", location)
            }
            return nil
        }
    }
}
