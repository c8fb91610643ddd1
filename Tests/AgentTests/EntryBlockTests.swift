import Execution
import Foundation
import MarketData
import Strategy
import Testing

@testable import Agent

/// `AgentCore.entryBlock` (a live broker not ready): entries are refused with its reason, nothing
/// is sent; without it the same minutes of the bundled GOOG session trade.
@Suite struct EntryBlockTests {
    /// Runs 09:30–09:35 with the rules deciding; returns the core.
    private func run(block: String?) throws -> (core: AgentCore, refusals: [String]) {
        let strategy = try StrategyLoader.load(
            contentsOf: ScriptedModelBacktestTests.fixtures.appendingPathComponent("eager.yaml").path)
        let venue = try SimulatedVenue(path: ScriptedModelBacktestTests.data)
        let settings = AgentSettings(
            account: "test", symbol: venue.symbol, session: venue.sessionDate, mode: .live, broker: "test",
            modelDescription: "rules", rulesOnly: true)
        let open = Timestamp(hours: 9, minutes: 30, seconds: 0)
        let core = AgentCore(
            settings: settings, strategy: strategy, broker: venue, journal: nil, recovered: nil,
            averageDailyVolume: 2_100_000, startAt: open)
        core.entryBlock = block
        let decider = Decider.rules()
        var refusals: [String] = []
        let end = Timestamp(hours: 9, minutes: 35, seconds: 0)
        while let event = try venue.peek(), event.time < end {
            while core.nextTick < event.time {
                let time = core.nextTick
                if let question = core.tick(at: time), let answer = decider.immediate(question, strategy: core.strategy) {
                    let verdict = core.answer(answer, at: time)
                    if verdict.kind == .refused { refusals.append(verdict.reason) }
                }
            }
            venue.take()
            core.apply(event)
        }
        return (core, refusals)
    }

    @Test func aBlockRefusesEveryEntryWithItsReason() throws {
        let open = try run(block: nil).core
        #expect(open.execution.account.dailyTrades > 0)
        let (blocked, refusals) = try run(block: "the IBKR connection is not ready")
        #expect(blocked.execution.account.dailyTrades == 0)
        #expect(blocked.execution.account.position == 0)
        #expect((blocked.statistics.verdicts[.refused] ?? 0) > 0)
        #expect(blocked.statistics.verdicts[.accepted] == nil || blocked.statistics.verdicts[.accepted] == 0)
        #expect(!refusals.isEmpty)
        #expect(refusals.allSatisfy { $0.hasPrefix("refused ENTER_") && $0.hasSuffix(": the IBKR connection is not ready") }, "\(refusals)")
    }
}
