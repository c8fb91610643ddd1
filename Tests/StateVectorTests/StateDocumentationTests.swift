import Foundation
import Testing

@testable import StateVector

/// docs/STATE.md must describe the schema as it is and quote error messages the decoder really
/// prints.
@Suite struct StateDocumentationTests {
    static func document() throws -> String {
        try String(contentsOf: repositoryRoot().appendingPathComponent("docs/STATE.md"), encoding: .utf8)
    }

    static func block(_ name: String, in text: String) throws -> String {
        let begin = "<!-- BEGIN GENERATED: \(name) -->\n"
        let end = "<!-- END GENERATED: \(name) -->"
        let after = try #require(text.components(separatedBy: begin).dropFirst().first, "docs/STATE.md lacks \(begin)")
        return try #require(after.components(separatedBy: end).first)
    }

    @Test func fieldTablesMatchTheSchema() throws {
        let generated = StateSchema.markdownFieldTables()
        let documented = try Self.block("fields", in: try Self.document())
        if documented != generated {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("STATE-fields.md")
            try? generated.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("docs/STATE.md field tables are stale; the current ones are in \(url.path)")
        }
        #expect(generated.contains("| `L2_IMBALANCE` | number | yes | null |"))
        #expect(generated.contains("| `DOM_WALLS[].tier` | WallTier: `MAJOR`, `MINOR` | no | error |"))
        #expect(generated.contains("| `BID_STACK[][0]` (price) | price | no | error |"))
    }

    @Test func quotedErrorsAreTheDecodersOwn() throws {
        let quoted = try Self.block("errors", in: try Self.document())
            .split(separator: "\n").filter { $0.hasPrefix("seed.json:") }.map(String.init)
        let real = Set(StateDecodingErrorTests.cases.flatMap(\.2))
        #expect(quoted.count >= 8)
        for line in quoted {
            #expect(real.contains(line), "docs/STATE.md quotes a message no test produces: \(line)")
        }
    }
}
