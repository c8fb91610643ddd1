import MarketData
import Testing

/// #12 item 3: a price distance in dollars, percent of LAST or basis points, turned into dollars
/// in fixed point, to the nearest cent (half up).
@Suite struct PriceDistanceTests {
    @Test func parsesTheThreeUnitsExactly() {
        #expect(PriceDistance(parsing: "0.05") == .dollars(Price(cents: 5)))
        #expect(PriceDistance(parsing: "$0.2") == .dollars(Price(cents: 20)))
        #expect(PriceDistance(parsing: "0.02%") == .share(perMillion: 200, written: "0.02%"))
        #expect(PriceDistance(parsing: "2bp") == .share(perMillion: 200, written: "2bp"))
        #expect(PriceDistance(parsing: "0.5bp") == .share(perMillion: 50, written: "0.5bp"))
        #expect(PriceDistance(parsing: "100%") == .share(perMillion: 1_000_000, written: "100%"))
        for bad in ["", "%", "bp", "-0.05", "-1%", "101%", "0.015bp", "0.00001%", "0.12345", "five", "1x", "1 %"] {
            #expect(PriceDistance(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test func aShareOfLastIsWholeCentsHalfUp() {
        let last = Price(cents: 224_30)
        // 0.05 % of 224.30 = 0.11215 → 0.11.
        #expect(PriceDistance.share(perMillion: 500, written: "0.05%").dollars(at: last) == Price(cents: 11))
        // 0.05 % of 230.00 = 0.115, exactly half a cent: up.
        #expect(PriceDistance.share(perMillion: 500, written: "0.05%").dollars(at: Price(cents: 230_00)) == Price(cents: 12))
        // 0.05 % of 229.98 = 0.11499 → 0.11.
        #expect(PriceDistance.share(perMillion: 500, written: "0.05%").dollars(at: Price(cents: 229_98)) == Price(cents: 11))
        // 2 bp of 570.00 = 0.114 → 0.11; of 580.00 = 0.116 → 0.12.
        #expect(PriceDistance.share(perMillion: 200, written: "2bp").dollars(at: Price(cents: 570_00)) == Price(cents: 11))
        #expect(PriceDistance.share(perMillion: 200, written: "2bp").dollars(at: Price(cents: 580_00)) == Price(cents: 12))
        // No price yet: zero, which refuses.
        #expect(PriceDistance.share(perMillion: 200, written: "2bp").dollars(at: nil) == .zero)
        #expect(PriceDistance.dollars(Price(cents: 5)).dollars(at: nil) == Price(cents: 5))
    }

    @Test func bothFormsAreShown() {
        let share = PriceDistance.share(perMillion: 500, written: "0.05%")
        #expect(share.explained(at: Price(cents: 224_30)) == "$0.11 (0.05% of 224.30)")
        #expect(share.explained(at: nil) == "0.05% of LAST")
        #expect(share.shown(at: Price(cents: 224_30)) == "0.11 (0.05% of 224.30)")
        #expect(PriceDistance.dollars(Price(cents: 5)).explained(at: Price(cents: 224_30)) == "$0.05")
        #expect(share.description == "0.05%")
    }
}

/// Ticks: Reg NMS 612's minimum increment, a cent at $1.00 and above, $0.0001 below.
@Suite struct TickDistanceTests {
    @Test func aTickIsACentAboveADollar() {
        #expect(PriceDistance(parsing: "3t") == .ticks(3))
        #expect(PriceDistance(parsing: "1.5t") == nil)
        #expect(PriceDistance(parsing: "-1t") == nil)
        #expect(PriceDistance.ticks(3).dollars(at: Price(cents: 245_50)) == Price(cents: 3))
        #expect(PriceDistance.ticks(3).dollars(at: Price(raw: 9_500)) == Price(raw: 3))
        #expect(PriceDistance.ticks(2).dollars(at: nil) == Price(cents: 2))
        #expect(PriceDistance.ticks(2).explained(at: Price(cents: 245_50)) == "$0.02 (2 ticks)")
        #expect(PriceDistance.ticks(1).description == "1t")
    }
}
