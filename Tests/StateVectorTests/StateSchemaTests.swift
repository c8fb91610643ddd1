import Testing

@testable import MarketData
@testable import StateVector

@Suite struct StateSchemaTests {
    @Test func marketFieldsFollowTheSeedOrder() {
        let names = StateSchema.market.map(\.name)
        #expect(names.first == "TICKER")
        #expect(names.firstIndex(of: "DISTANCE_TO_LOD_PCT") == names.firstIndex(of: "DISTANCE_TO_HOD_PCT").map { $0 + 1 })
        #expect(names.last == "ABSORPTION_PRICE")
        #expect(Set(names).count == names.count)
    }

    @Test func readersSeeTheState() throws {
        var state = StateVector()
        state.market.l2Imbalance = 2.1
        state.market.tapeSentiment = .aggressiveBuying
        state.market.domWalls = [DomWall(side: .ask, price: Price(cents: 247_00), size: 3500, tier: .major)]
        let imbalance = try #require(StateSchema.field(named: "L2_IMBALANCE")?.numberReader)
        #expect(imbalance(state, 0) == 2.1)
        guard case .enumeration(let type, let read)? = StateSchema.field(named: "TAPE_SENTIMENT")?.kind else {
            Issue.record("TAPE_SENTIMENT is not an enumeration")
            return
        }
        #expect(read(state, 0).map { type.values[$0] } == "AGGRESSIVE_BUYING")
        let walls = try #require(StateSchema.field(named: "DOM_WALLS"))
        let price = try #require(walls.children.first { $0.name == "price" }?.numberReader)
        #expect(price(state, 0) == 247.0)
    }
}

@Suite struct FeatureParametersTests {
    @Test func declarationsAreUniqueAndApply() {
        let names = FeatureParameters.declarations.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(names.count == 39)
        var parameters = FeatureParameters()
        FeatureParameters.declaration(named: "imbalance_levels")?.apply(&parameters, .integer(7))
        FeatureParameters.declaration(named: "sentiment_buy")?.apply(&parameters, .integer(1))
        FeatureParameters.declaration(named: "footprint_mode")?.apply(&parameters, .choice("horizontal"))
        #expect(parameters.imbalanceLevels == 7)
        #expect(parameters.sentimentBuy == 1.0)
        #expect(parameters.footprintMode == .horizontal)
    }

    @Test func volumeCurveIsCumulative() throws {
        let curve = VolumeCurve.default
        #expect(abs(curve.halfHourShares.reduce(0, +) - 1) < 1e-12)
        #expect(curve.cumulativeFraction(elapsed: .zero) == 0)
        #expect(abs(curve.cumulativeFraction(elapsed: .seconds(900)) - 0.06) < 1e-12)
        #expect(abs(curve.cumulativeFraction(elapsed: .seconds(1800)) - 0.12) < 1e-12)
        #expect(curve.cumulativeFraction(elapsed: .seconds(6 * 3600 + 1800)) == 1)
        #expect(VolumeCurve(weights: [1, 2]) == nil)
        let flat = try #require(VolumeCurve(weights: Array(repeating: 2, count: 13)))
        #expect(abs(flat.cumulativeFraction(elapsed: .seconds(3600)) - 2.0 / 13) < 1e-12)
    }
}
