import Testing

@testable import Strategy

@Suite struct YAMLReaderTests {
    func parse(_ text: String) -> (YAMLNode?, [Diagnostic]) {
        var reader = YAMLReader(fileName: "t.yaml")
        let root = reader.parse(Array(text.utf8))
        return (root, reader.diagnostics)
    }

    @Test func everyNodeCarriesItsOneBasedPosition() throws {
        let (root, diagnostics) = parse("name: x\nlist:\n  - a\n  - 'b c'\nmap: {k: 1}\n")
        #expect(diagnostics.isEmpty)
        guard case .mapping(let pairs) = try #require(root).content else {
            Issue.record("expected a mapping")
            return
        }
        #expect(pairs.map(\.key) == ["name", "list", "map"])
        #expect(pairs[0].keyNode.start == SourceLocation(line: 1, column: 1))
        #expect(pairs[0].value.start == SourceLocation(line: 1, column: 7))
        guard case .sequence(let items) = pairs[1].value.content else {
            Issue.record("expected a list")
            return
        }
        #expect(items[0].start == SourceLocation(line: 3, column: 5))
        #expect(items[1].scalar?.value == "b c")
        #expect(items[1].scalar?.style == .singleQuoted)
        #expect(items[1].start == SourceLocation(line: 4, column: 5))
        #expect(pairs[2].value.start == SourceLocation(line: 5, column: 6))
    }

    @Test func nullsAndStyles() throws {
        let (root, _) = parse("a:\nb: ~\nc: null\nd: \"null\"\ne: |\n  line\n")
        guard case .mapping(let pairs) = try #require(root).content else { return }
        #expect(pairs.map { $0.value.scalar?.isNull } == [true, true, true, false, false])
        #expect(pairs[4].value.scalar?.style == .literal)
        #expect(pairs[4].value.scalar?.value == "line\n")
    }

    @Test func duplicateKeysAreReportedWhereTheyRepeat() {
        let (_, diagnostics) = parse("a: 1\nb: 2\na: 3\n")
        #expect(diagnostics.map(\.description) == ["t.yaml:3:1: error: duplicate key 'a'"])
        #expect(diagnostics.first?.note == "'a' was first set at line 1, column 1; keep one")
    }

    @Test func syntaxErrorsCarryLibyamlsPosition() {
        let (root, diagnostics) = parse("a: [1, 2\nb: 3\n")
        #expect(root == nil)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message.hasPrefix("YAML syntax: ") == true)
        #expect(diagnostics.first?.location.line == 2)
    }

    @Test func invalidUTF8IsASyntaxErrorAtItsByte() {
        var reader = YAMLReader(fileName: "t.yaml")
        let root = reader.parse(Array("a: 1\nb: ".utf8) + [0xFF, 0x0A])
        #expect(root == nil)
        #expect(reader.diagnostics.first?.location == SourceLocation(line: 2, column: 4))
        #expect(reader.diagnostics.first?.note == "strategy files must be UTF-8 text")
    }

    @Test func aSecondDocumentIsRefused() {
        let (_, diagnostics) = parse("a: 1\n---\nb: 2\n")
        #expect(
            diagnostics.map(\.message) == [
                "a strategy file holds one YAML document; remove the second '---' and what follows"
            ])
    }

    @Test func ruleOffsetsMapIntoQuotedAndFoldedScalars() throws {
        let text = "a: \"x == 1\"\nb: >\n  first\n  second\n"
        let source = SourceText(text)
        let (root, _) = parse(text)
        guard case .mapping(let pairs) = try #require(root).content else { return }
        #expect(source.location(ofOffset: 5, in: pairs[0].value) == SourceLocation(line: 1, column: 10))
        #expect(pairs[1].value.scalar?.value == "first second\n")
        #expect(source.location(ofOffset: 6, in: pairs[1].value) == SourceLocation(line: 4, column: 3))
        #expect(source.location(ofOffset: 12, in: pairs[1].value) == SourceLocation(line: 4, column: 9))
    }

    @Test func carriageReturnLineEndsRenderCleanly() {
        let error = RuleHarness.errors("name: x\r\nentry:\r\n  long:\r\n    - name: a\r\n      when: RVOL_DAYY > 1\r\n")
        #expect(
            error == """
                test.yaml:5:13: error: unknown field 'RVOL_DAYY'; did you mean 'RVOL_DAY'?
                      when: RVOL_DAYY > 1
                            ^~~~~~~~~
                1 error found
                """)
    }
}
