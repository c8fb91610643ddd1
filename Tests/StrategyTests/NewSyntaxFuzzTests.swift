import Foundation
import TestSupport
import Testing

@testable import Strategy

/// #12: the second edition's syntax — parameters, units, `extends:` — through 100,000 mutated
/// files: each compiles or fails with positioned diagnostics, never a crash or a hang. The
/// extending files name a real base on disk (and sometimes themselves, or a missing one).
@Suite struct NewSyntaxFuzzTests {
    static let inputs = 100_000

    static let base = """
        name: base
        params:
          imbalance_long: {type: number, value: 1.5, doc: ratio}
          locations: [NEAR_HOD, BREAKOUT]
          spread_cap: {type: percent, value: 0.02}
          stale: {type: duration, value: 2s}
        entry:
          long:
            - name: imbalance
              when: L2_IMBALANCE > imbalance_long and SPREAD < 0.05%
            - name: location
              when: HOD_LOD_LOC in [locations]
        exit:
          long:
            - name: trail
              when: TAPE_DELTA_5S < 0
              action: tighten_stop
              stop: LAST - 4bp
        risk:
          max_spread: spread_cap
          max_slippage: 2t
          max_data_age_ms: stale

        """

    static let child = """
        extends: base.yaml
        name: child
        params:
          imbalance_long: 1.8
          locations: [BREAKOUT]
        entry:
          long:
            - name: imbalance
              when: L2_IMBALANCE > imbalance_long and abs(LAST - VWAP) <= 10bp
        risk:
          max_target: 0.40%
          level_buffer: 3t

        """

    static let fragments: [String] = [
        "%", "bp", "t", "0.02%", "2bp", "3t", "-1%", "101%", "params:\n", "  x: 1\n", "  y: [A, B]\n",
        "{type: price, value: 0.1}", "{type: enum, value: BREAKOUT}", "{type: list, value: NEAR_HOD}", "type: ", "value: ",
        "doc: ", "imbalance_long", "locations", "extends: ", "child.yaml", "nothere.yaml", "base.yaml", "../", "/",
        "[locations]", " in [", "]", "when: ", "name: ", "- ", ":", "\n", "  ", "\"", "'", "#", "*", "&", "é", "\u{0}",
        "LAST * 0.9996", "pct_from_last(price) <= 0.20", "none(DOM_WALLS, ", "prev(", "1.5", "-0.2", "==", "and", "or",
    ]

    @Test func mutatedFilesOfTheNewSyntax() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("new-syntax-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.base.write(to: folder.appendingPathComponent("base.yaml"), atomically: true, encoding: .utf8)
        let childPath = folder.appendingPathComponent("child.yaml").path
        // The seeds compile as they are.
        try Self.child.write(toFile: childPath, atomically: true, encoding: .utf8)
        _ = try StrategyLoader.load(contentsOf: childPath)
        _ = try StrategyLoader.compile(source: Self.base, fileName: folder.appendingPathComponent("base.yaml").path)

        var random = SplitMix64(seed: 0x5EED_0012)
        var compiled = 0
        var refused = 0
        let started = ContinuousClock.now
        let seeds = [Array(Self.child.utf8), Array(Self.base.utf8)]
        for iteration in 0..<Self.inputs {
            var bytes = seeds[iteration % 2]
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let at = Int.random(in: 0...bytes.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0:
                    let end = min(bytes.count, at + Int.random(in: 1...24, using: &random))
                    bytes.removeSubrange(min(at, end)..<end)
                case 1:
                    bytes.insert(contentsOf: Array(random.pick(Self.fragments).utf8), at: at)
                case 2:
                    if at < bytes.count { bytes[at] = UInt8.random(in: 0...255, using: &random) }
                default:
                    let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                    let line = lines[Int.random(in: 0..<lines.count, using: &random)]
                    bytes.insert(contentsOf: Array(line) + [UInt8(ascii: "\n")], at: at)
                }
            }
            // The child is compiled as the file beside its base (it may now extend itself).
            do {
                _ = try StrategyLoader.compile(bytes: bytes, fileName: childPath)
                compiled += 1
            } catch let error as StrategyError {
                refused += 1
                #expect(!error.diagnostics.isEmpty, "input \(iteration): an error without diagnostics")
                #expect(error.diagnostics.allSatisfy { $0.location.line >= 1 && $0.location.column >= 1 }, "input \(iteration)")
            } catch {
                Issue.record("input \(iteration): unexpected error type \(error)")
            }
        }
        #expect(compiled + refused == Self.inputs)
        #expect(compiled > 500 && refused > 10_000, "\(compiled) compiled, \(refused) refused")
        print("new-syntax fuzz: \(Self.inputs) inputs, \(compiled) compiled, \(refused) refused, \(ContinuousClock.now - started)")
    }
}
