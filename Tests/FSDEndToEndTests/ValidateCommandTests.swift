import Foundation
import Testing

@Suite struct ValidateCommandTests {
    @Test func theBundledStrategyIsValid() throws {
        let outcome = try ValidateExplainRunner.run(["validate", "strategies/momentum.yaml"])
        #expect(outcome.status == 0)
        #expect(
            outcome.output
                == "strategies/momentum.yaml: ok — 7 long, 7 short entry conditions, 4 exit rules, risk: max daily loss 500.00, "
                + "max position 100, 10 trades/day, max spread 0.05, risk/share 0.20, max target 1.00\n")
    }

    @Test func everyProblemIsReportedAtOnceWithExitStatus1() throws {
        let path = try ValidateExplainRunner.temporaryFile(
            "momentum.yaml",
            """
            name: broken
            entry:
              long:
                - name: imbalance
                  when: L2_IMBALENCE > 1.5
                - name: volume
                  when: RVOL_DAY == RISING
            risk:
              max_position: -5

            """)
        let outcome = try ValidateExplainRunner.run(["validate", path])
        #expect(outcome.status == 1)
        #expect(
            outcome.output == """
                \(path):5:13: error: unknown field 'L2_IMBALENCE'; did you mean 'L2_IMBALANCE'?
                      when: L2_IMBALENCE > 1.5
                            ^~~~~~~~~~~~
                \(path):7:25: error: type mismatch: 'RVOL_DAY' is a number, but 'RISING' is a value of CVD_TREND
                      when: RVOL_DAY == RISING
                                        ^~~~~~
                \(path):9:17: error: 'max_position' cannot be negative (found -5); it must be between 1 and 1000000
                  max_position: -5
                                ^~
                3 errors found

                """)
    }

    @Test func aMissingFileExitsWith2() throws {
        let outcome = try ValidateExplainRunner.run(["validate", "strategies/nope.yaml"])
        #expect(outcome.status == 2)
        #expect(outcome.output.hasPrefix("strategies/nope.yaml:1:1: error: no such file"))
    }

    @Test func severalFilesReportTheWorstStatus() throws {
        let bad = try ValidateExplainRunner.temporaryFile("bad.yaml", "name: x\n")
        let outcome = try ValidateExplainRunner.run(["validate", "strategies/momentum.yaml", bad])
        #expect(outcome.status == 1)
        #expect(outcome.output.contains("strategies/momentum.yaml: ok"))
        #expect(outcome.output.contains("bad.yaml:1:1: error: missing required key 'entry' in the strategy file"))
    }

    @Test func jsonGivesTheSameAsData() throws {
        let bad = try ValidateExplainRunner.temporaryFile(
            "bad.yaml", "name: x\nentry:\n  long:\n    - name: a\n      when: RVOL_DAY >\n")
        let outcome = try ValidateExplainRunner.run(["validate", "--json", "strategies/momentum.yaml", bad])
        #expect(outcome.status == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(outcome.output.utf8)) as? [String: Any])
        #expect(document["valid"] as? Bool == false)
        let files = try #require(document["files"] as? [[String: Any]])
        #expect(files.count == 2)
        #expect(files[0]["valid"] as? Bool == true)
        #expect(files[0]["long_entries"] as? Int == 7)
        #expect(files[0]["exit_rules"] as? Int == 4)
        #expect((files[0]["risk"] as? [String: String])?["max_risk_per_share"] == "0.20")
        let diagnostics = try #require(files[1]["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0]["line"] as? Int == 5)
        #expect(diagnostics[0]["column"] as? Int == 23)
        #expect(diagnostics[0]["message"] as? String == "expected a field, a number or '(', found the end of the rule")
    }

    @Test func randomGarbageNeverCrashesTheCommand() throws {
        var seed: UInt64 = 42
        for index in 0..<20 {
            var bytes: [UInt8] = []
            for _ in 0..<200 {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes.append(UInt8(truncatingIfNeeded: seed >> 33))
            }
            let path = try ValidateExplainRunner.temporaryFile("garbage\(index).yaml", "")
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let outcome = try ValidateExplainRunner.run(["validate", path])
            #expect(outcome.status == 1, "\(path): \(outcome.output)")
            #expect(outcome.output.contains("error:"))
        }
    }
}

/// #12: `fsd validate --json` lists a strategy's parameters and the files it extends.
@Suite struct ValidateParametersTests {
    @Test func theJSONListsParametersAndBases() throws {
        let outcome = try ValidateExplainRunner.run(["validate", "strategies/momentum-relative.yaml", "--json"])
        #expect(outcome.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(outcome.output.utf8)) as? [String: Any])
        let file = try #require((document["files"] as? [[String: Any]])?.first)
        #expect(file["extends"] as? [String] == ["strategies/momentum.yaml"])
        let parameters = try #require(file["parameters"] as? [[String: Any]])
        #expect(parameters.compactMap { $0["name"] as? String } == ["imbalance_long", "imbalance_short"])
        #expect(parameters.first?["value"] as? String == "1.5")
        #expect(parameters.first?["type"] as? String == "number")
        let risk = try #require(file["risk"] as? [String: String])
        #expect(risk["max_spread"] == "0.02%")
        #expect(risk["max_slippage"] == "0.8bp")
    }
}
