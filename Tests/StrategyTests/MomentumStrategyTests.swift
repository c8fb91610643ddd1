import Foundation
import MarketData
import StateVector
import Testing

@testable import Strategy

/// Every rule of strategies/momentum.yaml against hand-built states where it flips.
@Suite struct MomentumStrategyTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("strategies/momentum.yaml").path

    let strategy: CompiledStrategy

    init() throws { strategy = try StrategyLoader.load(contentsOf: Self.path) }

    @Test func definitionMatchesTheSeed() {
        let d = strategy.definition
        #expect(d.name == "momentum")
        #expect(d.symbol == "TSLA")
        #expect(d.loopHz == 5)
        #expect(d.consult == .everyTick)
        #expect(
            d.longEntries.map(\.name) == ["imbalance", "volume", "location", "tape", "no_ask_wall", "cvd", "bar_delta"])
        #expect(d.shortEntries.count == 7)
        #expect(d.longExits.map(\.action.name) == ["exit", "exit", "tighten_stop", "update_target"])
        #expect(d.shortExits.count == 4)
        #expect(d.hints.count == 4)
        #expect(d.risk.maxDailyLoss == Money(cents: 50_000))
        #expect(d.risk.maxPosition == 100)
        #expect(d.risk.maxTradesPerDay == 10)
        #expect(d.risk.maxSpread == .dollars(Price(cents: 5)))
        #expect(d.risk.maxRiskPerShare == .dollars(Price(cents: 20)))
        #expect(d.risk.maxTarget == .dollars(Price(cents: 100)))
        #expect(d.risk.levelBuffer == .dollars(Price(cents: 25)))
        #expect(
            d.risk.chaseGuardLong == "DISTANCE_TO_HOD_PCT > 0.5 and DISTANCE_TO_HOD_PCT > prev(DISTANCE_TO_HOD_PCT)")
        #expect(d.features.testingPct == 0.15)
        #expect(d.longEntries[4].text == "No wall in DOM_WALLS with side=\"ASK\" within 0.20% of LAST")
        #expect(d.sourceHash.count == 16)
    }

    @Test func scenarioAPassesEveryLongCondition() {
        let checklist = strategy.evaluate(SeedState.state)
        #expect(checklist.long.conditions.allSatisfy { $0.passed })
        #expect(checklist.long.passed)
        #expect(!checklist.short.passed)
        #expect(checklist.verdict == "LONG setup")
        #expect(checklist.exits.isEmpty)
        let wall = checklist.long.conditions[4]
        #expect(
            wall.readings.map(\.description) == [
                "DOM_WALLS[0].side = ASK", "DOM_WALLS[0].price = 247.00", "LAST = 245.50",
                "DOM_WALLS[0]: pct_from_last(price) = 0.611",
                "DOM_WALLS[1].side = BID",
            ])
        #expect(checklist.long.conditions[0].readings.map(\.description) == ["L2_IMBALANCE = 2.1"])
        let (long, short) = (
            strategy.entryPasses(.long, SeedState.state), strategy.entryPasses(.short, SeedState.state)
        )
        #expect(long && !short)
    }

    @Test func theMirrorStatePassesEveryShortCondition() {
        let checklist = strategy.evaluate(SeedState.shortSetup)
        #expect(checklist.short.conditions.map(\.passed) == Array(repeating: true, count: 7))
        #expect(checklist.verdict == "SHORT setup")
        let passes = strategy.entryPasses(.short, SeedState.shortSetup)
        #expect(passes)
    }

    typealias Mutation = @Sendable (inout StateVector) -> Void

    static let longFlips: [(String, Mutation)] = [
        ("imbalance", { $0.market.l2Imbalance = 1.5 }),
        ("volume", { $0.market.rvolDay = 1.5 }),
        ("location", { $0.market.hodLodLoc = .midRange }),
        ("tape", { $0.market.tapeSentiment = .neutral }),
        ("no_ask_wall", { $0.market.domWalls[0].price = Price(cents: 24599) }),
        ("cvd", { $0.market.cvdTrend = .flat }),
        ("bar_delta", { $0.market.footprint.delta = 0 }),
    ]

    @Test(arguments: 0..<7)
    func eachLongConditionFlipsAlone(index: Int) {
        let (name, mutate) = Self.longFlips[index]
        var state = SeedState.state
        mutate(&state)
        let conditions = strategy.evaluate(state).long.conditions
        #expect(conditions.filter { !$0.passed }.map(\.name) == [name])
        let passes = strategy.entryPasses(.long, state)
        #expect(!passes)
    }

    @Test func locationAcceptsNearHODAndBreakoutButNotBreakdown() {
        for (location, passes) in [
            (HodLodLocation.nearHOD, true), (.breakout, true), (.breakdown, false), (.testingLOD, false),
        ] {
            var state = SeedState.state
            state.market.hodLodLoc = location
            #expect(strategy.evaluate(state).long.conditions[2].passed == passes)
        }
    }

    @Test func aWallExactlyAtTheLimitStillBlocks() {
        // 0.20% of 245.50 is 0.491: a wall at 245.99 is 0.1996% away.
        var state = SeedState.state
        state.market.domWalls[0].price = Price(cents: 24599)
        #expect(!strategy.evaluate(state).long.conditions[4].passed)
        state.market.domWalls[0].price = Price(cents: 24600)
        #expect(strategy.evaluate(state).long.conditions[4].passed)
        state.market.domWalls[0].side = .bid
        state.market.domWalls[0].price = Price(cents: 24549)
        #expect(strategy.evaluate(state).long.conditions[4].passed)
    }

    static let shortFlips: [(String, Mutation)] = [
        ("imbalance", { $0.market.l2Imbalance = 0.6 }),
        ("volume", { $0.market.rvolDay = 1.2 }),
        ("location", { $0.market.hodLodLoc = .breakdown }),
        ("tape", { $0.market.tapeSentiment = .aggressiveBuying }),
        (
            "no_bid_wall",
            { $0.market.domWalls.append(DomWall(side: .bid, price: Price(cents: 24510), size: 4000, tier: .major)) }
        ),
        ("cvd", { $0.market.cvdTrend = .rising }),
        ("bar_delta", { $0.market.footprint.delta = 0 }),
    ]

    @Test(arguments: 0..<7)
    func eachShortConditionFlipsAlone(index: Int) {
        let (name, mutate) = Self.shortFlips[index]
        var state = SeedState.shortSetup
        mutate(&state)
        #expect(strategy.evaluate(state).short.conditions.filter { !$0.passed }.map(\.name) == [name])
    }

    @Test func chaseGuardWaitsWhileTheDistanceGrowsPastHalfAPercent() {
        var before = SeedState.state
        before.market.distanceToHODPct = 0.55
        var now = SeedState.state
        now.market.distanceToHODPct = 0.6
        #expect(strategy.evaluate(now, previous: before).long.blockedByChaseGuard)
        #expect(!strategy.evaluate(now, previous: before).long.passed)
        let passes = strategy.entryPasses(.long, now, previous: before)
        #expect(!passes)
        #expect(!strategy.evaluate(before, previous: now).long.blockedByChaseGuard)
        #expect(strategy.evaluate(now).long.blockedByChaseGuard, "no previous tick: unknown waits")
        #expect(!strategy.evaluate(SeedState.state).long.blockedByChaseGuard, "0.12% is no chase")
    }

    // MARK: - Exits

    func exits(_ state: StateVector) -> [String: ExitRuleResult] {
        Dictionary(uniqueKeysWithValues: strategy.evaluate(state).exits.map { ($0.name, $0) })
    }

    @Test func longExitsAreQuietOnTheSeedPosition() {
        let results = exits(SeedState.longPosition)
        #expect(results.count == 4)
        #expect(results.values.allSatisfy { !$0.fired })
    }

    @Test func imbalanceReversalExits() {
        var state = SeedState.longPosition
        state.market.l2Imbalance = 0.69
        #expect(exits(state)["imbalance_reversal"]?.fired == true)
        state.market.l2Imbalance = 0.7
        #expect(exits(state)["imbalance_reversal"]?.fired == false)
    }

    @Test func cvdReversalExits() {
        var state = SeedState.longPosition
        state.market.cvdTrend = .falling
        #expect(exits(state)["cvd_reversal"]?.fired == true)
        state.market.cvdTrend = .flat
        #expect(exits(state)["cvd_reversal"]?.fired == false)
    }

    @Test func absorptionAtTheTargetTightensTheStop() throws {
        var state = SeedState.longPosition
        state.market.absorptionDetected = true
        state.market.absorptionSide = .ask
        state.market.absorptionPrice = Price(cents: 24675)
        let result = try #require(exits(state)["absorption_at_target"])
        #expect(result.fired)
        #expect(result.price == Price(cents: 24540))
        state.market.absorptionPrice = Price(cents: 24650)
        #expect(exits(state)["absorption_at_target"]?.fired == false, "0.30 from the target is not at it")
        state.market.absorptionPrice = Price(cents: 24675)
        state.activeOrders[0].price = Price(cents: 24545)
        #expect(exits(state)["absorption_at_target"]?.fired == false, "the working stop is already tighter")
    }

    @Test func aWallBeforeTheTargetMovesTheTargetBelowIt() throws {
        var state = SeedState.longPosition
        state.market.domWalls[0].price = Price(cents: 24640)
        let result = try #require(exits(state)["wall_ahead"])
        #expect(result.fired)
        #expect(result.price == Price(cents: 24635))
        state.market.domWalls[0].price = Price(cents: 24690)
        #expect(exits(state)["wall_ahead"]?.fired == false, "a wall past the target changes nothing")
    }

    @Test func shortExitsMirrorTheLongOnes() throws {
        var state = SeedState.shortSetup
        state.account.position = 100
        state.account.positionSide = .short
        state.account.avgEntry = Price(cents: 24550)
        state.activeOrders = [
            ActiveOrder(
                id: "s", role: .stop, side: .buy, type: .stop, price: Price(cents: 24570), qty: 100, status: .working),
            ActiveOrder(
                id: "t", role: .target, side: .buy, type: .limit, price: Price(cents: 24450), qty: 100, status: .working
            ),
        ]
        #expect(exits(state).values.allSatisfy { !$0.fired })
        state.market.l2Imbalance = 1.31
        state.market.cvdTrend = .rising
        state.market.absorptionDetected = true
        state.market.absorptionSide = .bid
        state.market.absorptionPrice = Price(cents: 24455)
        state.market.domWalls = [DomWall(side: .bid, price: Price(cents: 24480), size: 4000, tier: .major)]
        let results = exits(state)
        #expect(results.values.allSatisfy { $0.fired })
        #expect(results["absorption_at_target"]?.price == Price(cents: 24560))
        #expect(results["wall_ahead"]?.price == Price(cents: 24485))
    }

    // MARK: - Hints

    @Test func hintsApplyWhenTheirRuleHolds() {
        var state = SeedState.state
        #expect(strategy.evaluate(state).activeHints.isEmpty, "LAST 245.50 is below VAH 246.20")
        state.market.last = Price(cents: 24630)
        state.market.absorptionDetected = true
        state.market.absorptionSide = .bid
        state.market.largePrints1m.append(LargePrint(price: Price(cents: 24600), size: 700, side: .buy, secsAgo: 3))
        let texts = strategy.evaluate(state).activeHints.map(\.text)
        #expect(texts.count == 3)
        #expect(texts.first == "If price is ABOVE VP_VAH and testing HOD: Strong breakout setup.")
    }

    @Test func compiledAndReferenceInterpreterAgreeOnTheSeed() {
        for state in [SeedState.state, SeedState.shortSetup, SeedState.longPosition] {
            for side in [PositionSide.long, .short] {
                #expect(
                    strategy.referenceOutcomes(side, state)
                        == strategy.evaluate(state).side(side).conditions.map(\.outcome))
            }
        }
    }
}
