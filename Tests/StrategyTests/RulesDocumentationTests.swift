import Foundation
import StateVector
import Testing

@testable import Strategy

/// docs/RULES.md must list every field, function and feature parameter: its generated tables are
/// compared with the schema. Run with `FSD_UPDATE_DOCS=1` to rewrite them.
@Suite struct RulesDocumentationTests {
    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/RULES.md")

    static func row(_ name: String, _ field: Field) -> String {
        var type = field.typeName
        if case .enumeration(let enumType, _) = field.kind { type += ": " + enumType.values.joined(separator: ", ") }
        if case .list(_, let tuple, _) = field.kind { type = tuple ? "list of [price, size]" : "list" }
        return "| `\(name)` | \(type) | \(field.nullable ? "yes" : "no") | \(field.summary) |"
    }

    static func rows(_ fields: [Field], prefix: String, element: Bool) -> [String] {
        var lines: [String] = []
        for field in fields {
            let name = prefix.isEmpty ? field.name : (element ? "\(prefix)[].\(field.name)" : "\(prefix).\(field.name)")
            lines.append(row(name, field))
            switch field.kind {
            case .object(let children): lines += rows(children, prefix: name, element: false)
            case .list(let children, _, _): lines += rows(children, prefix: name, element: true)
            default: break
            }
        }
        return lines
    }

    static var fieldTable: String {
        var lines = ["| field | type | null | meaning |", "|---|---|---|---|"]
        lines += rows(StateSchema.ruleFields, prefix: "", element: false)
        for section in StateSchema.sections where RuleNames.topField(named: section.name) != nil {
            lines += rows([section.field], prefix: "", element: false)
        }
        lines += rows(RuleNames.positionContext, prefix: "", element: false)
        return lines.joined(separator: "\n")
    }

    static var parameterTable: String {
        var lines = ["| parameter | accepts | default | meaning |", "|---|---|---|---|"]
        for declaration in FeatureParameters.declarations {
            let accepts: String
            switch declaration.kind {
            case .integer(let range): accepts = "whole number \(range.lowerBound)–\(range.upperBound)"
            case .number(let range):
                accepts = "number \(Reading.Value.format(range.lowerBound))–\(Reading.Value.format(range.upperBound))"
            case .price: accepts = "dollars"
            case .clock: accepts = "HH:MM[:SS]"
            case .choice(let words): accepts = words.joined(separator: " or ")
            case .curve: accepts = "`default` or 13 weights"
            }
            lines.append(
                "| `\(declaration.name)` | \(accepts) | `\(declaration.defaultText)` | \(declaration.summary) |")
        }
        return lines.joined(separator: "\n")
    }

    /// The lines between `<!-- name:begin -->` and `<!-- name:end -->`, each ending in a newline.
    static func bounds(_ name: String, in text: String) -> Range<String.Index>? {
        guard let start = text.range(of: "<!-- \(name):begin -->\n"),
            let end = text.range(of: "<!-- \(name):end -->", range: start.upperBound..<text.endIndex)
        else { return nil }
        return start.upperBound..<end.lowerBound
    }

    static func section(_ name: String, in text: String) -> String? {
        bounds(name, in: text).map { String(text[$0]) }
    }

    static func replacing(_ name: String, with body: String, in text: String) -> String {
        guard let range = bounds(name, in: text) else { return text }
        return text.replacingCharacters(in: range, with: body)
    }

    @Test func generatedTablesMatchTheSchema() throws {
        var text = try String(contentsOf: Self.url, encoding: .utf8)
        if ProcessInfo.processInfo.environment["FSD_UPDATE_DOCS"] == "1" {
            text = Self.replacing("fields", with: Self.fieldTable + "\n", in: text)
            text = Self.replacing("parameters", with: Self.parameterTable + "\n", in: text)
            try text.write(to: Self.url, atomically: true, encoding: .utf8)
        }
        #expect(
            Self.section("fields", in: text) == Self.fieldTable + "\n",
            "run FSD_UPDATE_DOCS=1 swift test --filter RulesDocumentation")
        #expect(
            Self.section("parameters", in: text) == Self.parameterTable + "\n",
            "run FSD_UPDATE_DOCS=1 swift test --filter RulesDocumentation")
    }

    @Test func everyFunctionIsDocumented() throws {
        let text = try String(contentsOf: Self.url, encoding: .utf8)
        for function in RuleFunction.allCases {
            #expect(text.contains("`\(function.signature)`"), "\(function.rawValue) is missing from docs/RULES.md")
        }
        for key in StrategyDecoder.topKeys + StrategyDecoder.riskKeys + StrategyDecoder.actions {
            #expect(text.contains("`\(key)`"), "key \(key) is missing from docs/RULES.md")
        }
    }
}
