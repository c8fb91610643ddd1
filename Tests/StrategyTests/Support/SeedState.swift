import MarketData
import StateVector

/// The seed's section-2 example state, built by hand (Scenario A: every long condition holds).
enum SeedState {
    static func price(_ cents: Int64) -> Price { Price(cents: cents) }

    static var state: StateVector {
        var m = MarketState()
        m.ticker = "TSLA"
        m.last = price(24550)
        m.vwap = price(24510)
        m.timeSession = .openDrive
        m.l2Imbalance = 2.1
        m.spread = price(2)
        m.domWalls = [
            DomWall(side: .ask, price: price(24700), size: 3500, tier: .major),
            DomWall(side: .bid, price: price(24450), size: 2100, tier: .minor),
        ]
        m.bidStack = [
            StackLevel(price: price(24548), size: 150), StackLevel(price: price(24546), size: 200),
            StackLevel(price: price(24544), size: 180),
        ]
        m.askStack = [
            StackLevel(price: price(24550), size: 120), StackLevel(price: price(24552), size: 180),
            StackLevel(price: price(24554), size: 250),
        ]
        m.tapeVelocity = .high
        m.tapeVelocityTPS = 42.5
        m.tapeSentiment = .aggressiveBuying
        m.tapeDelta1s = 1250
        m.tapeDelta5s = 4800
        m.largePrints1m = [LargePrint(price: price(24548), size: 500, side: .buy, secsAgo: 12)]
        var bar = FootprintBar()
        bar.open = price(24530)
        bar.high = price(24555)
        bar.low = price(24525)
        bar.close = price(24550)
        bar.delta = 2800
        bar.volume = 15000
        bar.deltaPct = 18.7
        bar.poc = price(24545)
        bar.imbalances = [FootprintImbalance(price: price(24550), bidVol: 120, askVol: 580, ratio: 4.8)]
        m.footprint = bar
        m.cvdSession = 125_000
        m.cvdTrend = .rising
        m.cvdSlope5m = 0.85
        m.vpPOC = price(24480)
        m.vpVAH = price(24620)
        m.vpVAL = price(24350)
        m.vpDevelopingPOC = price(24530)
        m.priceVsPOC = .above
        m.hod = price(24580)
        m.lod = price(24120)
        m.hodLodLoc = .testingHOD
        m.distanceToHODPct = 0.12
        m.rvolDay = 2.8
        m.absorptionDetected = false
        var account = AccountState()
        account.dailyPL = Money(cents: 15000)
        account.dailyTrades = 3
        return StateVector(market: m, account: account)
    }

    /// The mirror image: every short condition holds.
    static var shortSetup: StateVector {
        var s = state
        s.market.l2Imbalance = 0.4
        s.market.hodLodLoc = .testingLOD
        s.market.tapeSentiment = .aggressiveSelling
        s.market.domWalls = [DomWall(side: .ask, price: price(24560), size: 3500, tier: .major)]
        s.market.cvdTrend = .falling
        s.market.footprint.delta = -900
        s.market.distanceToLODPct = 0.1
        return s
    }

    /// A long position of 100 at 245.50 with its bracket: stop 245.30, target 246.80.
    static var longPosition: StateVector {
        var s = state
        s.account.position = 100
        s.account.positionSide = .long
        s.account.avgEntry = price(24550)
        s.activeOrders = [
            ActiveOrder(
                id: "1-stop", role: .stop, side: .sell, type: .stop, price: price(24530), qty: 100, status: .working),
            ActiveOrder(
                id: "1-target", role: .target, side: .sell, type: .limit, price: price(24680), qty: 100,
                status: .working),
        ]
        return s
    }
}
