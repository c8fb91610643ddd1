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
