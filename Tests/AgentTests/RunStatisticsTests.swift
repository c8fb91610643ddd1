import Execution
import MarketData
import StateVector
import Testing

@testable import Agent

@Suite struct RunStatisticsTests {
    private func fill(_ id: String, _ side: TradeSide, _ cents: Int64, _ qty: Int64, commission: Int64 = 100) -> Fill {
        Fill(executionID: id, side: side, price: Price(cents: cents), quantity: qty, commission: Price(cents: commission), addedLiquidity: false)
    }

    @Test func roundTripFiguresAreExact() throws {
        var tracker = TradeTracker()
        let t0 = Timestamp(hours: 10, minutes: 0, seconds: 0)
        _ = tracker.record(fill("1", .buy, 58_000, 60), at: t0)
        _ = tracker.record(fill("2", .buy, 58_010, 40), at: t0 + .seconds(1))
        let closed = tracker.record(fill("3", .sell, 58_050, 100), at: t0 + .seconds(30))
        let trade = try #require(closed)
        // Cost 60 x 580.00 + 40 x 580.10 = 58,004.00; proceeds 58,050.00; commissions 3 x 1.00.
        #expect(trade.netPL == Price(cents: 4_300))
        #expect(trade.entryPrice == Price(raw: 5_800_400))
        #expect(trade.exitPrice == Price(cents: 58_050))
        #expect(trade.side == .long)
        #expect(trade.shares == 100)
        #expect(trade.openedAt == t0)
    }

    @Test func aShortRoundTrip() throws {
        var tracker = TradeTracker()
        let t0 = Timestamp(hours: 11, minutes: 0, seconds: 0)
        _ = tracker.record(fill("1", .sell, 58_000, 100), at: t0)
        let closed = tracker.record(fill("2", .buy, 58_020, 100), at: t0 + .seconds(5))
        let trade = try #require(closed)
        #expect(trade.side == .short)
        #expect(trade.netPL == Price(cents: -2_200))
    }

    @Test func drawdownIsTheDeepestFallFromThePeak() {
        var stats = RunStatistics()
        let t0 = Timestamp(hours: 10, minutes: 0, seconds: 0)
        for (index, cents) in [0, 5_000, 2_000, 7_000, -1_000, 3_000].enumerated() {
            stats.observe(time: t0 + .seconds(Int64(index)), equity: Price(cents: Int64(cents)), last: nil)
        }
        #expect(stats.maxDrawdown == Price(cents: 8_000))
        // Sampled every 5 s: the points at 0 s and 5 s.
        #expect(stats.equity.map(\.value) == [Price(cents: 0), Price(cents: 3_000)])
    }

    @Test func latencyPercentilesUseNearestRank() {
        var stats = RunStatistics()
        stats.modelLatencies = (1...100).map { Int64($0) * 1_000_000 }
        #expect(stats.latencyPercentile(50) == 50)
        #expect(stats.latencyPercentile(99) == 99)
        #expect(stats.latencyPercentile(100) == 100)
        #expect(RunStatistics().latencyPercentile(50) == nil)
    }

    @Test func severalPercentilesFromOneSort() {
        let samples: [Int64] = [50, 10, 40, 20, 30]
        // p50: rank ⌈0.5 × 5⌉ = 3, the third smallest; p99: ⌈4.95⌉ = 5, the largest.
        #expect(RunStatistics.percentiles(samples, [50, 99, 100]) == [30, 50, 50])
        // p0 and p20 both name the smallest; p21 the second.
        #expect(RunStatistics.percentiles(samples, [0, 20, 21]) == [10, 10, 20])
        #expect(RunStatistics.percentile(samples, 50) == 30)
        #expect(RunStatistics.percentiles([], [50]) == nil)
    }

    @Test func agreementMatrixCountsBothDirectionsOfDisagreement() {
        var matrix = AgreementMatrix()
        matrix.record(model: .enterLong, checklist: .long)
        matrix.record(model: .enterLong, checklist: .none)
        matrix.record(model: .wait, checklist: .short)
        matrix.record(model: .wait, checklist: .none)
        matrix.record(model: .parseFailure, checklist: .long)
        #expect(matrix.total == 5)
        #expect(matrix.agreements == 2)
        #expect(matrix.modelEntriesRefused == 1)
        #expect(matrix.setupsDeclined == 2)
        let table = matrix.table()
        #expect(table[0] == "model \\ checklist     LONG   SHORT    NONE")
        #expect(table[1] == "ENTER_LONG               1       0       1")
        #expect(matrix.jsonObject.json.hasPrefix(#"{"ENTER_LONG":{"LONG":1,"SHORT":0,"NONE":1},"#))
    }
}
