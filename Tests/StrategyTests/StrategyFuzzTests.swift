import Foundation
import MarketData
import StateVector
import TestSupport
import Testing

@testable import Strategy

/// Thousands of random and mutated inputs through the loader: every one ends in a strategy or in
/// positioned diagnostics, never a crash, a hang or unbounded memory.
@Suite struct StrategyFuzzTests {
    static let momentum: [UInt8] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("strategies/momentum.yaml")
        return (try? [UInt8](Data(contentsOf: url))) ?? []
    }()

    /// Loads bytes; asserts the outcome is well-formed either way.
    static func load(_ bytes: [UInt8], _ label: String) {
        do {
            _ = try StrategyLoader.compile(bytes: bytes, fileName: "fuzz.yaml")
        } catch let error as StrategyError {
            #expect(!error.diagnostics.isEmpty, "\(label): an error without diagnostics")
            for diagnostic in error.diagnostics {
                #expect(diagnostic.location.line >= 1 && diagnostic.location.column >= 1, "\(label): \(diagnostic)")
            }
            #expect(!error.description.isEmpty)
        } catch {
            Issue.record("\(label): unexpected error type \(error)")
        }
    }

    static let fragments: [[UInt8]] =
        [
            ":", "- ", "[", "]", "{", "}", "&a ", "*a", "!!str ", "\t", "\n", "  ", "\"", "'", "#", "|", ">", "---\n",
            "...",
            "%YAML 1.2\n", "? ", ",", "\\", "é", "😀", "when: ", "name: x\n", "L2_IMBALANCE", " and ", " or ", "not ",
            "(", ")",
            "==", "!=", "<=", "1.5", "-0.2", "none(DOM_WALLS, ", "price", "side == ASK", "AGGRESSIVE_BUYING", "prev(",
        ].map { Array($0.utf8) } + [[0], [0xFF], [0xC3], [0xE2, 0x82], [0xEF, 0xBB, 0xBF], [0x0D]]

    @Test func mutatedMomentumFiles() {
        #expect(Self.momentum.count > 1000)
        var random = SplitMix64(seed: 0x5EED_0001)
        for iteration in 0..<2500 {
            var bytes = Self.momentum
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let at = Int.random(in: 0...bytes.count, using: &random)
                switch Int.random(in: 0..<5, using: &random) {
                case 0:
                    let end = min(bytes.count, at + Int.random(in: 1...40, using: &random))
                    bytes.removeSubrange(min(at, end)..<end)
                case 1:
                    bytes.insert(contentsOf: random.pick(Self.fragments), at: at)
                case 2:
                    if at < bytes.count { bytes[at] = UInt8.random(in: 0...255, using: &random) }
                case 3:
                    let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                    let line = lines[Int.random(in: 0..<lines.count, using: &random)]
                    bytes.insert(contentsOf: Array(line) + [UInt8(ascii: "\n")], at: at)
                default:
                    let end = min(bytes.count, at + Int.random(in: 1...8, using: &random))
                    bytes.replaceSubrange(min(at, end)..<end, with: random.pick(Self.fragments))
                }
            }
            Self.load(bytes, "mutation \(iteration)")
        }
    }

    @Test func randomByteSoup() {
        var random = SplitMix64(seed: 0x5EED_0002)
        for iteration in 0..<1000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...60, using: &random) { bytes += random.pick(Self.fragments) }
            Self.load(bytes, "soup \(iteration)")
        }
    }

    static let ruleTokens = [
        "L2_IMBALANCE", "RVOL_DAY", "LAST", "HOD_LOD_LOC", "TAPE_SENTIMENT", "DOM_WALLS", "FOOTPRINT_CURR_BAR", ".",
        "delta",
        "price", "side", "ASK", "BID", "RISING", "TESTING_HOD", "any", "none", "count", "min_of", "pct_from_last",
        "abs", "prev",
        "is_null", "(", ")", "[", "]", ",", "and", "or", "not", "in", "<", "<=", "==", "!=", ">", ">=", "+", "-", "*",
        "/", "0",
        "1.5", "0.20", "'x'", "\"TSLA\"", "true", "=", "&&", "!", "%", "L2_IMBALENCE", "[0]", "ENTRY", "STOP", "TARGET",
        "#",
    ]

    @Test func randomRuleTokenStrings() {
        var random = SplitMix64(seed: 0x5EED_0003)
        var compiled = 0
        for iteration in 0..<3000 {
            let count = Int.random(in: 1...24, using: &random)
            let rule = (0..<count).map { _ in random.pick(Self.ruleTokens) }.joined(
                separator: random.chance(0.8) ? " " : "")
            let yaml = RuleHarness.yaml("'\(rule.replacingOccurrences(of: "'", with: "''"))'")
            do {
                let strategy = try StrategyLoader.compile(source: yaml, fileName: "fuzz.yaml")
                _ = strategy.evaluate(SeedState.state)
                compiled += 1
            } catch let error as StrategyError {
                #expect(!error.diagnostics.isEmpty, "rule \(iteration): \(rule)")
            } catch {
                Issue.record("rule \(iteration): \(error)")
            }
        }
        #expect(compiled > 0)
    }

    /// 100,000 random rules straight through the parser and the type checker (no YAML around them),
    /// the new units among their tokens; docs/RELIABILITY.md states the count and its time.
    @Test func aHundredThousandRandomRulesThroughTheParserAndTheChecker() {
        var random = SplitMix64(seed: 0x5EED_0013)
        let tokens = Self.ruleTokens + ["0.02%", "2bp", "3t", "%", "bp", "imbalance_long", "[locations]"]
        var checked = 0
        var refused = 0
        for _ in 0..<100_000 {
            let rule = (0..<Int.random(in: 1...16, using: &random)).map { _ in random.pick(tokens) }.joined(
                separator: random.chance(0.8) ? " " : "")
            switch RuleParser.parse(rule) {
            case .failure(let failure):
                refused += 1
                #expect(failure.offset >= 0 && failure.offset <= rule.unicodeScalars.count, "\(rule)")
            case .success(let tree):
                var checker = TypeChecker(text: rule, parameterNames: ["imbalance_long"])
                let result = checker.checkCondition(tree, role: "'when'")
                if checker.problems.isEmpty, !result.type.isInvalid { checked += 1 } else { refused += 1 }
                _ = RuleRendering.text(tree)
            }
        }
        #expect(checked > 100 && refused > 10_000, "\(checked) checked, \(refused) refused")
    }

    @Test(arguments: [
        String(repeating: "(", count: 5000) + "1", String(repeating: "not ", count: 5000) + "true",
        String(repeating: "-", count: 5000) + "1",
        String(repeating: "abs(", count: 3000), "any(DOM_WALLS, " + String(repeating: "any(DOM_WALLS, ", count: 100),
        String(repeating: "1 + ", count: 900) + "1 > 0", String(repeating: "x", count: 5000),
    ])
    func pathologicalRulesEndInADiagnostic(rule: String) {
        Self.load(Array(RuleHarness.yaml("'\(rule)'").utf8), String(rule.prefix(20)))
    }

    @Test func deeplyNestedYAMLIsRefused() throws {
        let deep =
            "name: x\nentry: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"
        let error = try #require(RuleHarness.errors(deep))
        #expect(error.contains("nested deeper than 48 levels"))
        let deepBlock = (0..<200).map { String(repeating: "  ", count: $0) + "k\($0):" }.joined(separator: "\n")
        #expect(RuleHarness.errors(deepBlock)?.contains("nested deeper than 48 levels") == true)
    }

    @Test func billionLaughsIsRefusedWithoutExpansion() throws {
        var yaml = "name: x\nlol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1..<10 {
            let refs = Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ")
            yaml += "lol\(level): &a\(level) [\(refs)]\n"
        }
        let error = try #require(RuleHarness.errors(yaml))
        #expect(error.contains("YAML aliases ('*a0') are not supported in strategy files; write the value out"))
    }

    @Test func hugeFilesAreRefusedUnparsed() throws {
        let bytes = [UInt8](repeating: UInt8(ascii: "#"), count: StrategyLoader.maxFileBytes + 1)
        #expect(throws: StrategyError.self) { try StrategyLoader.compile(bytes: bytes, fileName: "big.yaml") }
        let many = "name: x\nentry:\n  long:\n" + String(repeating: "    - 1\n", count: 60_000)
        #expect(RuleHarness.errors(many)?.contains("more than 50000 nodes") == true)
    }

    // MARK: - Compiled code against the reference interpreter

    static func randomState(_ random: inout SplitMix64) -> StateVector {
        var s = SeedState.state
        func maybe<T>(_ value: T) -> T? { random.chance(0.15) ? nil : value }
        s.market.l2Imbalance = maybe(Double(Int.random(in: 0...400, using: &random)) / 100)
        s.market.rvolDay = maybe(Double(Int.random(in: 0...400, using: &random)) / 100)
        s.market.last = maybe(Price(cents: Int64.random(in: 24400...24700, using: &random)))
        s.market.hodLodLoc = maybe(random.pick(HodLodLocation.allCases))
        s.market.tapeSentiment = random.pick(TapeSentiment.allCases)
        s.market.cvdTrend = random.pick(CVDTrend.allCases)
        s.market.footprint.delta = Int64.random(in: -3000...3000, using: &random)
        s.market.domWalls = (0..<Int.random(in: 0...3, using: &random)).map { _ in
            DomWall(
                side: random.pick(QuoteSide.allCases),
                price: Price(cents: Int64.random(in: 24400...24700, using: &random)),
                size: Int64.random(in: 1000...5000, using: &random), tier: random.pick(WallTier.allCases))
        }
        return s
    }

    static func randomCondition(_ random: inout SplitMix64, depth: Int) -> String {
        if depth > 0, random.chance(0.4) {
            let l = randomCondition(&random, depth: depth - 1)
            let r = randomCondition(&random, depth: depth - 1)
            switch Int.random(in: 0..<3, using: &random) {
            case 0: return "(\(l) and \(r))"
            case 1: return "(\(l) or \(r))"
            default: return "not (\(l))"
            }
        }
        let op = random.pick(["<", "<=", ">", ">=", "==", "!="])
        switch Int.random(in: 0..<7, using: &random) {
        case 0: return "L2_IMBALANCE \(op) \(Double(Int.random(in: 0...300, using: &random)) / 100)"
        case 1: return "RVOL_DAY - L2_IMBALANCE \(op) 0.5"
        case 2:
            return
                "HOD_LOD_LOC \(random.pick(["in", "not in"])) [\(random.pick(HodLodLocation.names)), \(random.pick(HodLodLocation.names))]"
        case 3: return "TAPE_SENTIMENT \(random.pick(["==", "!="])) \(random.pick(TapeSentiment.names))"
        case 4:
            return
                "\(random.pick(["any", "all", "none"]))(DOM_WALLS, side == \(random.pick(["ASK", "BID"])) and pct_from_last(price) \(op) 0.1)"
        case 5: return "count(DOM_WALLS, price > LAST) \(op) 1"
        default: return "is_null(\(random.pick(["LAST", "L2_IMBALANCE", "HOD_LOD_LOC"])))"
        }
    }

    @Test func compiledClosuresAgreeWithTheReferenceInterpreter() throws {
        var random = SplitMix64(seed: 0x5EED_0004)
        for iteration in 0..<400 {
            let rule = Self.randomCondition(&random, depth: 3)
            let strategy = try RuleHarness.compile(rule)
            for _ in 0..<8 {
                let state = Self.randomState(&random)
                let compiled = strategy.evaluate(state).long.conditions[0].outcome
                let fast = strategy.entryPasses(.long, state)
                #expect(strategy.referenceOutcomes(.long, state) == [compiled], "case \(iteration): \(rule)")
                #expect(fast == (compiled == .yes), "case \(iteration): \(rule)")
            }
        }
    }
}
