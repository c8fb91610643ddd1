import Foundation
import Testing

/// The README and docs/ teach commands by example; an example naming an option `fsd` does not have
/// (renamed, never built, or on another subcommand) sends a new user into a usage error.
@Suite struct DocumentedOptionsTests {
    /// Every `fsd SUBCOMMAND … --option` written in the README, docs/ and the strategy and prompt
    /// comments, with where it was written.
    static func documentedOptions() throws -> [(file: String, line: Int, command: String, option: String)] {
        let root = RunProcess.repositoryRoot
        let docs = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs").path)
            .filter { $0.hasSuffix(".md") }.map { "docs/" + $0 }
        var found: [(String, Int, String, String)] = []
        for file in ["README.md"] + docs.sorted() {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            // A shell line continued with a backslash is one command.
            let lines = text.replacingOccurrences(of: "\\\n", with: " ").components(separatedBy: "\n")
            for (index, line) in lines.enumerated() {
                for command in Self.commands(in: line) {
                    for option in Self.options(in: command.arguments) {
                        found.append((file, index + 1, command.name, option))
                    }
                }
            }
        }
        return found
    }

    /// `fsd NAME args` occurrences in one line, each cut where the shell command or code span ends.
    static func commands(in line: String) -> [(name: String, arguments: Substring)] {
        var result: [(String, Substring)] = []
        var rest = Substring(line)
        while let range = rest.range(of: "fsd ") {
            let before = rest[..<range.lowerBound].last
            rest = rest[range.upperBound...]
            // `.build/release/fsd run`, `bin/fsd` count; `xfsd` does not.
            guard before == nil || " `/(".contains(before ?? " ") else { continue }
            var name = rest.prefix { $0.isLetter }
            guard !name.isEmpty else { continue }
            // A command group (`fsd model check`) names its subcommand next.
            if Self.groups.contains(String(name)), rest[name.endIndex...].hasPrefix(" ") {
                let sub = rest[rest.index(after: name.endIndex)...].prefix { $0.isLetter }
                if !sub.isEmpty { name = rest[rest.startIndex..<sub.endIndex] }
            }
            let end = rest.firstIndex { "`|;#)".contains($0) } ?? rest.endIndex
            result.append((String(name), rest[name.endIndex..<end]))
        }
        return result
    }

    /// Commands whose subcommands carry the options.
    static let groups: Set<String> = ["model"]

    static func options(in arguments: Substring) -> [String] {
        arguments.split(whereSeparator: { $0 == " " || $0 == "=" || $0 == "," })
            .filter { $0.hasPrefix("--") && $0.count > 2 }
            .map { String($0.prefix { $0.isLetter || $0.isNumber || $0 == "-" }) }
            .filter { $0.count > 2 && $0 != "--help" }
    }

    @Test func everyOptionTheDocsNameExistsOnItsCommand() throws {
        let documented = try Self.documentedOptions()
        // The docs teach most commands: a parser that found nothing would pass vacuously.
        #expect(documented.count > 40, "found only \(documented.count) documented options")
        var help: [String: String] = [:]
        var problems: [String] = []
        for entry in documented {
            if help[entry.command] == nil {
                let outcome = try RunProcess.run(entry.command.split(separator: " ").map(String.init) + ["--help"])
                // Only the OPTIONS section counts: the discussion's examples are documentation too.
                let text = outcome.stdout.components(separatedBy: "OPTIONS:").dropFirst().joined()
                help[entry.command] = outcome.status == 0 ? text : ""
            }
            guard let text = help[entry.command], !text.isEmpty else {
                problems.append("\(entry.file):\(entry.line): `fsd \(entry.command)` is not a command")
                continue
            }
            if !text.contains(entry.option + " ") && !text.contains(entry.option + "\n") && !text.contains(entry.option + ",") {
                problems.append("\(entry.file):\(entry.line): `fsd \(entry.command)` has no \(entry.option)")
            }
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func everyDocumentLinkedFromTheRepositoryExists() throws {
        let root = RunProcess.repositoryRoot
        var files = ["README.md", "strategies/momentum.yaml", "prompts/system.md"]
        let docs = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs").path)
        files += docs.filter { $0.hasSuffix(".md") }.map { "docs/" + $0 }
        var missing: [String] = []
        for file in files {
            guard let text = try? String(contentsOf: root.appendingPathComponent(file), encoding: .utf8) else { continue }
            var rest = Substring(text)
            while let range = rest.range(of: "docs/") {
                rest = rest[range.upperBound...]
                let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
                guard name.hasSuffix(".md") else { continue }
                if !FileManager.default.fileExists(atPath: root.appendingPathComponent("docs/" + name).path) {
                    missing.append("\(file) names docs/\(name)")
                }
            }
        }
        #expect(missing.isEmpty, "\(missing.joined(separator: "\n"))")
    }
}
