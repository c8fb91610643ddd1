import Testing

@testable import MarketData

@Suite struct PriceTests {
    @Test func parsesDecimalsExactly() {
        #expect(Price(parsing: "245.50")?.raw == 2_455_000)
        #expect(Price(parsing: "$245.5")?.raw == 2_455_000)
        #expect(Price(parsing: "-0.2")?.raw == -2_000)
        #expect(Price(parsing: "0.0001")?.raw == 1)
        #expect(Price(parsing: "1.00001") == nil)
        #expect(Price(parsing: "1.2.3") == nil)
        #expect(Price(parsing: "") == nil)
        #expect(Price(parsing: "-") == nil)
        #expect(Price(parsing: "12a") == nil)
    }

    @Test func formatsHalfAwayFromZero() {
        #expect(Price(raw: 2_455_050).formatted(decimals: 2) == "245.51")
        #expect(Price(raw: -2_455_050).formatted(decimals: 2) == "-245.51")
        #expect(Price(raw: 2_455_049).formatted(decimals: 2) == "245.50")
        #expect(Price(raw: -49).formatted(decimals: 2) == "0.00")
        #expect(Price(raw: 5_794_000).display == "579.40")
        #expect(Price(raw: 5_794_050).display == "579.4050")
        #expect(Price(raw: 123).formatted(decimals: 0) == "0")
    }

    @Test func roundsDoubles() {
        #expect(Price(rounding: 245.48)?.raw == 2_454_800)
        #expect(Price(rounding: -0.00005)?.raw == -1)
        #expect(Price(rounding: .infinity) == nil)
        #expect(Price(rounding: .nan) == nil)
    }
}
