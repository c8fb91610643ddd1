/// One problem found in a strategy file, positioned like a compiler's message.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable {
        case error, warning
    }

    /// The file name as the user typed it (`momentum.yaml`).
    public var file: String
    public var location: SourceLocation
    /// Characters underlined from `location` on the same line (1 draws only the caret).
    public var length: Int
    public var severity: Severity
    public var message: String
    /// A second line of help, printed as `note: …` under the caret.
    public var note: String?
    /// The replacement text a fix would put at the range, e.g. the spelling a did-you-mean proposes.
    public var fixIt: String?

    public init(
        file: String, location: SourceLocation, length: Int = 1, severity: Severity = .error, message: String,
        note: String? = nil, fixIt: String? = nil
    ) {
        self.file = file
        self.location = location
        self.length = max(1, length)
        self.severity = severity
        self.message = message
        self.note = note
        self.fixIt = fixIt
    }

    /// The first line only: `file:line:column: error: message`.
    public var description: String {
        "\(file):\(location.line):\(location.column): \(severity.rawValue): \(message)"
    }

    /// The full compiler-style text: the message, the source line, a caret (and tildes) under the
    /// range, then the note if any.
    public func rendered(source lines: [Substring]) -> String {
        var text = description
        if location.line >= 1, location.line <= lines.count, !lines[location.line - 1].isEmpty {
            let line = lines[location.line - 1]
            text += "\n" + String(line) + "\n" + Self.caretLine(for: line, column: location.column, length: length)
        }
        if let note { text += "\nnote: " + note }
        return text
    }

    /// Spaces up to the column (tabs kept so the caret lines up), then `^~~~`.
    static func caretLine(for line: Substring, column: Int, length: Int) -> String {
        var pad = ""
        var index = 1
        let scalars = line.unicodeScalars
        for scalar in scalars {
            if index >= column { break }
            pad.unicodeScalars.append(scalar == "\t" ? "\t" : " ")
            index += 1
        }
        while index < column {
            pad += " "
            index += 1
        }
        let available = max(1, scalars.count - column + 1)
        let underline = max(1, min(length, available))
        return pad + "^" + String(repeating: "~", count: underline - 1)
    }
}
