import Foundation
import MarketData
import Testing

@testable import Strategy

/// #12 item 4: `extends:` lays a file's keys over a base's; names the base lacks, missing bases
/// and cycles are diagnostics at the right file and line.
@Suite struct ExtendsTests {
    static let base = """
        name: base
        params:
          imbalance_long: 1.5
          spread_cap: {type: price, value: 0.05}
        entry:
          long:
            - name: imbalance
              when: L2_IMBALANCE > imbalance_long
            - name: volume
              when: RVOL_DAY > 1.5
              text: RVOL_DAY > 1.5
          short:
            - name: imbalance
              when: L2_IMBALANCE < 0.6
        risk:
          max_spread: spread_cap
          max_risk_per_share: 0.20

        """

    /// A fresh folder with `files` written in it; returns its path.
    private func folder(_ files: [String: String]) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("extends-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return url.path
    }

    private func errors(_ path: String) -> String {
        do {
            _ = try StrategyLoader.load(contentsOf: path)
            return "no errors"
        } catch {
            return "\(error)"
        }
    }

    @Test func aFileOverridesParametersRulesAndSettingsByName() throws {
        let dir = try folder([
            "base.yaml": Self.base,
            "child.yaml": """
                extends: base.yaml
                name: child
                params:
                  imbalance_long: 1.8
                  spread_cap: 0.25
                entry:
                  long:
                    - name: volume
                      when: RVOL_DAY > 0.3
                risk:
                  max_target: 2.00

                """,
        ])
        let strategy = try StrategyLoader.load(contentsOf: dir + "/child.yaml")
        let definition = strategy.definition
        #expect(definition.name == "child")
        #expect(definition.longEntries.map(\.rule) == ["L2_IMBALANCE > 1.8", "RVOL_DAY > 0.3"])
        // The base's text described the old rule: the new one is rendered.
        #expect(definition.longEntries.map(\.text) == ["L2_IMBALANCE > 1.8", "RVOL_DAY > 0.3"])
        #expect(definition.shortEntries.map(\.rule) == ["L2_IMBALANCE < 0.6"])
        #expect(definition.risk.maxSpread == .dollars(Price(cents: 25)))
        #expect(definition.risk.maxRiskPerShare == .dollars(Price(cents: 20)))
        #expect(definition.risk.maxTarget == .dollars(Price(cents: 200)))
        #expect(definition.parameters.first { $0.name == "spread_cap" }?.kind == .price)
        #expect(definition.baseFiles == [dir + "/base.yaml"])
        // An edit to the base changes the strategy's hash.
        let before = definition.sourceHash
        try Self.base.replacingOccurrences(of: "0.20", with: "0.15").write(toFile: dir + "/base.yaml", atomically: true, encoding: .utf8)
        #expect(try StrategyLoader.load(contentsOf: dir + "/child.yaml").definition.sourceHash != before)
    }

    @Test func chainsOfBasesApplyNearestLast() throws {
        let dir = try folder([
            "base.yaml": Self.base,
            "middle.yaml": "extends: base.yaml\nname: middle\nparams:\n  imbalance_long: 1.8\n",
            "top.yaml": "extends: middle.yaml\nname: top\nrisk:\n  max_spread: 0.10\n",
        ])
        let definition = try StrategyLoader.load(contentsOf: dir + "/top.yaml").definition
        #expect(definition.longEntries.first?.rule == "L2_IMBALANCE > 1.8")
        #expect(definition.risk.maxSpread == .dollars(Price(cents: 10)))
        #expect(definition.baseFiles == [dir + "/middle.yaml", dir + "/base.yaml"])
    }

    @Test func aNameTheBaseLacksIsADiagnosticWithTheNearestOne() throws {
        let dir = try folder([
            "base.yaml": Self.base,
            "typo.yaml": "extends: base.yaml\nname: typo\nparams:\n  imbalance_lng: 1.8\nentry:\n  long:\n    - name: volum\n      when: RVOL_DAY > 0.3\n",
        ])
        #expect(
            errors(dir + "/typo.yaml") == """
                \(dir)/typo.yaml:4:3: error: \(dir)/base.yaml has no parameter 'imbalance_lng' to override; did you mean 'imbalance_long'?
                  imbalance_lng: 1.8
                  ^~~~~~~~~~~~~
                note: its parameters: imbalance_long, spread_cap
                \(dir)/typo.yaml:7:13: error: \(dir)/base.yaml has no condition 'volum' in entry.long to override; did you mean 'volume'?
                    - name: volum
                            ^~~~~
                note: it has: imbalance, volume
                2 errors found
                """)
    }

    @Test func aMissingBaseAndACycleAreErrorsAtTheExtendsLine() throws {
        let dir = try folder([
            "missing.yaml": "name: missing\nextends: nothere.yaml\n",
            "a.yaml": "extends: b.yaml\nname: a\n",
            "b.yaml": "extends: a.yaml\nname: b\nentry:\n  long:\n    - name: x\n      when: L2_IMBALANCE > 1\n",
        ])
        #expect(
            errors(dir + "/missing.yaml") == """
                \(dir)/missing.yaml:2:10: error: 'extends': cannot read the base \(dir)/nothere.yaml: no such file; check the path (strategies live in strategies/, e.g. strategies/momentum.yaml)
                extends: nothere.yaml
                         ^~~~~~~~~~~~
                1 error found
                """)
        #expect(
            errors(dir + "/a.yaml") == """
                \(dir)/b.yaml:1:10: error: 'extends' makes a cycle: a.yaml → b.yaml → a.yaml
                extends: a.yaml
                         ^~~~~~
                1 error found
                """)
    }

    @Test func aProblemInTheBaseIsReportedInTheBaseFile() throws {
        let dir = try folder([
            "base.yaml": Self.base,
            "clash.yaml": "extends: base.yaml\nname: clash\nparams:\n  imbalance_long: AGGRESSIVE_BUYING\n",
        ])
        let text = errors(dir + "/clash.yaml")
        #expect(text.hasPrefix("\(dir)/base.yaml:8:28: error: "), "\(text)")
        #expect(text.contains("      when: L2_IMBALANCE > imbalance_long\n"), "\(text)")
    }
}
