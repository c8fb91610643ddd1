/// Why a strategy file could not be loaded: every problem found, rendered compiler-style.
public struct StrategyError: Error, Sendable, CustomStringConvertible {
    /// All problems, in file order.
    public let diagnostics: [Diagnostic]
    /// True when the file could not be read at all (missing, unreadable, too large): `fsd validate`
    /// exits 2 for these and 1 for invalid content.
    public let isUnreadable: Bool
    let sourceLines: [Substring]
    /// The lines of other files the diagnostics name (the bases a strategy extends).
    let otherLines: [String: [Substring]]

    init(diagnostics: [Diagnostic], source: String, isUnreadable: Bool = false, otherSources: [String: String] = [:]) {
        self.diagnostics = diagnostics
        self.isUnreadable = isUnreadable
        self.sourceLines = SourceText.splitLines(source)
        self.otherLines = otherSources.mapValues { SourceText.splitLines($0) }
    }

    /// Every diagnostic with its source line and caret, then a count.
    public var description: String {
        var parts = diagnostics.map { $0.rendered(source: otherLines[$0.file] ?? sourceLines) }
        let errors = diagnostics.filter { $0.severity == .error }.count
        if errors > 0 { parts.append("\(errors) error\(errors == 1 ? "" : "s") found") }
        return parts.joined(separator: "\n")
    }
}
