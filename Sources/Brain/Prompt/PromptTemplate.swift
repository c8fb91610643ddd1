#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A prompt template (`prompts/system.md`): text with `{{placeholder}}`s, split at its `</system>`
/// line into the static system message (first, so servers can cache it) and the per-tick context.
public struct PromptTemplate: Hashable, Sendable {
    /// A piece of a template.
    public enum Segment: Hashable, Sendable {
        case text(String)
        case placeholder(Placeholder)
    }

    /// Where the template came from, for messages (`prompts/system.md`, `built-in`).
    public let source: String
    /// The system message up to and including `</system>`.
    public let system: [Segment]
    /// Everything after the `</system>` line.
    public let context: [Segment]

    /// Where `fsd` looks for the default template, relative to the repository root.
    public static let defaultPath = "prompts/system.md"

    /// Parses a template; every problem is reported at once.
    public static func parse(_ text: String, source: String) throws(PromptTemplateError) -> PromptTemplate {
        var problems: [String] = []
        func problem(_ line: Int, _ column: Int, _ message: String) {
            problems.append("\(source):\(line):\(column): error: \(message)")
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let splitLine = lines.firstIndex(where: { ThinkSplitter.trimmed(String($0)) == "</system>" }) else {
            problem(
                1, 1,
                "the template has no line `</system>` ending its static part; put the rules before it and the "
                    + "state placeholders after it")
            throw PromptTemplateError(problems: problems)
        }
        var system: [Segment] = []
        var context: [Segment] = []
        var seen = Set<Placeholder>()
        for (index, line) in lines.enumerated() {
            let inSystem = index <= splitLine
            var segments = scan(line, lineNumber: index + 1, problem: problem)
            for case .placeholder(let placeholder) in segments {
                seen.insert(placeholder)
                if inSystem, placeholder.changesEveryTick {
                    let column =
                        (line.firstRange(of: placeholder.spelling)?.lowerBound).map {
                            line.distance(from: line.startIndex, to: $0) + 1
                        } ?? 1
                    problem(
                        index + 1, column,
                        "\(placeholder.spelling) changes every tick: place it after the `</system>` "
                            + "line so the server can reuse the cached system prompt")
                }
            }
            let isLast = index == lines.count - 1
            if !isLast, index != splitLine { segments.append(.text("\n")) }
            if inSystem {
                system += segments
            } else {
                context += segments
            }
        }
        for placeholder in Placeholder.required where !seen.contains(placeholder) {
            problem(
                lines.count, 1,
                "the template never places \(placeholder.spelling); every template needs "
                    + Placeholder.required.map(\.spelling).joined(separator: ", "))
        }
        guard problems.isEmpty else { throw PromptTemplateError(problems: problems) }
        // The context starts on the line after `</system>`: drop the blank lines between the two parts.
        while case .text(let text) = context.first, text.allSatisfy(\.isNewline) { context.removeFirst() }
        return PromptTemplate(source: source, system: merge(system), context: merge(context))
    }

    /// Reads and parses the template at `path`.
    public static func load(contentsOf path: String) throws(PromptTemplateError) -> PromptTemplate {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw PromptTemplateError(problems: ["\(path): error: cannot read the prompt template (\(error))"])
        }
        return try parse(text, source: path)
    }

    /// The template `fsd` uses for a strategy: `explicit` when given; else, in the `prompts/` folder
    /// beside the strategy's folder and then in the working directory, `<strategy name>.md` (a
    /// strategy's own template) or `system.md`; else the built-in copy of `prompts/system.md`.
    public static func locate(
        explicit: String?, strategyPath: String?, strategyName: String? = nil, strategyPrompt: String? = nil
    ) throws(PromptTemplateError) -> PromptTemplate {
        if let explicit { return try load(contentsOf: explicit) }
        if let strategyPrompt {
            // The strategy's own `prompt:` is relative to the strategy file, so the pair moves together.
            guard !strategyPrompt.hasPrefix("/"), let strategyPath, strategyPath.contains("/") else {
                return try load(contentsOf: strategyPrompt)
            }
            let folder = strategyPath.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
            return try load(contentsOf: "\(folder.isEmpty ? "" : folder + "/")\(strategyPrompt)")
        }
        var folders: [String] = []
        if let strategyPath {
            var components = strategyPath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            components.removeLast()
            let folder = components.isEmpty ? "." : (components == [""] ? "" : components.joined(separator: "/"))
            folders.append("\(folder)/../prompts")
        }
        folders.append("prompts")
        let names = (strategyName.map { ["\($0).md"] } ?? []) + ["system.md"]
        for folder in folders {
            for name in names where FileManager.default.fileExists(atPath: "\(folder)/\(name)") {
                return try load(contentsOf: "\(folder)/\(name)")
            }
        }
        return try builtIn()
    }

    /// The copy of `prompts/system.md` compiled into the binary.
    public static func builtIn() throws(PromptTemplateError) -> PromptTemplate {
        try parse(BuiltInPrompt.system, source: "built-in \(defaultPath)")
    }

    private static func scan(
        _ line: Substring, lineNumber: Int, problem: (Int, Int, String) -> Void
    ) -> [Segment] {
        var segments: [Segment] = []
        var rest = line[...]
        while let open = rest.firstRange(of: "{{") {
            if open.lowerBound > rest.startIndex { segments.append(.text(String(rest[..<open.lowerBound]))) }
            let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
            guard let close = rest[open.upperBound...].firstRange(of: "}}") else {
                problem(lineNumber, column, "`{{` is not closed by `}}` on the same line")
                return segments
            }
            let name = ThinkSplitter.trimmed(String(rest[open.upperBound..<close.lowerBound]))
            if let placeholder = Placeholder(rawValue: name) {
                segments.append(.placeholder(placeholder))
            } else {
                let suggestion = Placeholder.allCases.min { distance($0.rawValue, name) < distance($1.rawValue, name) }
                let hint =
                    suggestion.flatMap { distance($0.rawValue, name) <= 3 ? "; did you mean \($0.spelling)?" : nil }
                    ?? ""
                problem(
                    lineNumber, column,
                    "unknown placeholder {{\(name)}}\(hint) (known: "
                        + Placeholder.allCases.map(\.rawValue).joined(separator: ", ") + ")")
            }
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { segments.append(.text(String(rest))) }
        return segments
    }

    private static func merge(_ segments: [Segment]) -> [Segment] {
        var merged: [Segment] = []
        for segment in segments {
            if case .text(let next) = segment, case .text(let previous) = merged.last {
                merged[merged.count - 1] = .text(previous + next)
            } else {
                merged.append(segment)
            }
        }
        return merged
    }

    /// Levenshtein distance, for "did you mean".
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// A prompt template that cannot be used, with every problem compiler-style.
public struct PromptTemplateError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `file:line:column: error: message`, one per problem.
    public let problems: [String]
    public var description: String { problems.joined(separator: "\n") }
}
