import MarketData
import Testing

@testable import Execution

@Suite struct CommissionScheduleTests {
    let fixed = CommissionSchedule.ibkrFixed

    func dollars(_ text: String) -> Money { Money(parsing: text) ?? .zero }

    @Test func ibkrPublishedExamples() {
        // IBKR's own examples for its Fixed schedule.
        #expect(fixed.commission(shares: 100, value: dollars("2500")) == dollars("1.00"))
        #expect(fixed.commission(shares: 1_000, value: dollars("25000")) == dollars("5.00"))
        #expect(fixed.commission(shares: 1_000, value: dollars("250")) == dollars("2.50"))
    }

    @Test func minimumPerOrderAndCapThatWinsOverIt() {
        #expect(fixed.commission(shares: 1, value: dollars("245.50")) == dollars("1.00"))
        #expect(fixed.commission(shares: 333, value: dollars("33300")) == dollars("1.665"))
        // 1% of $25 is below the $1 minimum: the cap wins.
        #expect(fixed.commission(shares: 100, value: dollars("25")) == dollars("0.25"))
        #expect(fixed.commission(shares: 0, value: .zero) == .zero)
        #expect(CommissionSchedule.free.commission(shares: 500, value: dollars("50000")) == .zero)
    }
}
