import Execution
import Foundation
import MarketData
import StateVector
import Testing

@testable import IBKR

/// The same orders on the same events, once through `IBKRBroker` → TWS protocol → `fsd gateway`
/// and once straight into a `SimulatedExchange`: the fills must be identical, so a strategy sees
/// the same fills live against the gateway as in a backtest.
@Suite struct GatewayEquivalenceTests {
    static let messagePath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("data/sample/GOOG_2012-06-21_34200000_57600000_message_10.csv.gz").path

    /// The first `count` batches of the bundled GOOG day.
    static func batches(_ count: Int) throws -> [[TimedEvent]] {
        let reader = try LobsterReader(messagePath: messagePath)
        var batches: [[TimedEvent]] = []
        var batch: [TimedEvent] = []
        while batches.count < count, let event = try reader.next() {
            batch.append(event)
            if event.endsBatch {
                batches.append(batch)
                batch.removeAll()
            }
        }
        return batches
    }

    /// One step of the script, taken after the batch of the same index.
    enum Step {
        case submit([OrderRequest])
        case modify(ClientOrderID, Price)
        case cancel(ClientOrderID)
        case cancelAll
    }

    /// A trader's morning on GOOG (near $580): a marketable bracket stopped out, a resting sell
    /// repriced, a market order, a resting short bracket whose stop is moved, a far bid cancelled,
    /// then a far offer that only a cancel of everything removes. Each change targets an order that is still live, so a client
    /// never sends a request about an order the gateway has already finished.
    static func script() -> [Int: (OrderBook) -> Step] {
        func bracket(_ sequence: Int, _ side: TradeSide, _ limit: Price, _ offset: Int64) -> Step {
            let exit: TradeSide = side == .buy ? .sell : .buy
            let sign: Int64 = side == .buy ? 1 : -1
            let entry = ClientOrderID(session: "G", sequence: sequence, role: .entry)
            return .submit([
                OrderRequest(id: entry, side: side, type: .limit, price: limit, quantity: 100, role: .entry),
                OrderRequest(
                    id: ClientOrderID(session: "G", sequence: sequence, role: .stop), side: exit, type: .stop,
                    price: limit - Price(cents: sign * offset), quantity: 100, role: .stop, parent: entry,
                    ocaGroup: "G-\(sequence)"),
                OrderRequest(
                    id: ClientOrderID(session: "G", sequence: sequence, role: .target), side: exit, type: .limit,
                    price: limit + Price(cents: sign * offset), quantity: 100, role: .target, parent: entry,
                    ocaGroup: "G-\(sequence)"),
            ])
        }
        func ask(_ book: OrderBook) -> Price { book.bestAsk?.price ?? .zero }
        return [
            200: { book in bracket(1, .buy, ask(book) + Price(cents: 10), 40) },
            1_500: { book in
                .submit([OrderRequest(id: "G-2-exit", side: .sell, type: .limit, price: ask(book), quantity: 200, role: .exit)])
            },
            1_510: { book in .modify("G-2-exit", ask(book) + Price(cents: 1)) },
            2_500: { _ in .submit([OrderRequest(id: "G-3-exit", side: .buy, type: .market, price: nil, quantity: 50, role: .exit)]) },
            3_500: { book in bracket(4, .sell, ask(book), 25) },
            3_510: { book in .modify("G-4-stop", ask(book) + Price(cents: 30)) },
            5_000: { book in
                .submit([OrderRequest(id: "G-5-entry", side: .buy, type: .limit, price: (book.bestBid?.price ?? .zero) - Price(cents: 300), quantity: 100, role: .entry)])
            },
            9_000: { _ in .cancel("G-5-entry") },
            10_000: { book in
                .submit([OrderRequest(id: "G-6-exit", side: .sell, type: .limit, price: ask(book) + Price(cents: 200), quantity: 100, role: .exit)])
            },
            11_000: { _ in .cancelAll },
        ]
    }

    /// The number of TWS messages `IBKRBroker` sends for a step: one per order it still works.
    static func messages(_ step: Step, live: Set<ClientOrderID>) -> Int {
        switch step {
        case .submit(let orders): orders.count
        case .modify(let id, _), .cancel(let id): live.contains(id) ? 1 : 0
        case .cancelAll: live.count
        }
    }

    static func live(_ reports: [ExecutionReport]) -> Set<ClientOrderID> {
        Set(finalStates(reports).filter { !$0.value.isTerminal }.keys)
    }

    @Test func theGatewayFillsExactlyAsTheSimulatedExchange() async throws {
        let batches = try Self.batches(12_000)
        let configuration = GatewayConfiguration(
            symbol: "GOOG", sessionDate: SessionDate(year: 2012, month: 6, day: 21), speed: 0)
        let gateway = TWSGateway(configuration: configuration)
        let port = try await gateway.start(port: 0)
        let loopback = GatewayLoopbackTests()
        let connection = loopback.makeConnection(port)
        let broker = IBKRBroker(connection: connection, contract: .stock("GOOG"))
        try await connection.start()
        #expect(await loopback.eventually { broker.isReady })
        let direct = SimulatedExchange(configuration: configuration.exchange)
        var viaGateway: [ExecutionReport] = []
        var viaExchange: [ExecutionReport] = []
        let script = Self.script()
        for (index, batch) in batches.enumerated() {
            await gateway.apply(batch)
            for event in batch { direct.apply(event) }
            viaExchange += direct.drainReports()
            guard let make = script[index] else { continue }
            let step = make(direct.book)
            let time = direct.time
            let live = Self.live(viaExchange)
            let received = await gateway.receivedCount
            switch step {
            case .submit(let orders):
                broker.submit(orders, at: time)
                direct.submit(orders, at: time)
            case .modify(let id, let price):
                broker.modify(id, price: price, at: time)
                direct.modify(id, price: price, at: time)
            case .cancel(let id):
                broker.cancel(id, at: time)
                direct.cancel(id, at: time)
            case .cancelAll:
                broker.cancelAll(at: time)
                direct.cancelAll(at: time)
            }
            // Without a running replay the gateway lets a request act at once (its latency later).
            direct.advance(to: time + configuration.exchange.latency)
            let expected = received + Self.messages(step, live: live)
            #expect(await loopback.eventually { await gateway.receivedCount >= expected }, "step at batch \(index)")
        }
        viaExchange += direct.drainReports()
        let exchangeFills = Self.fills(viaExchange)
        #expect(await loopback.eventually {
            viaGateway += broker.drainReports()
            return Self.fills(viaGateway).count >= exchangeFills.count
        })
        let gatewayFills = Self.fills(viaGateway)
        #expect(gatewayFills == exchangeFills)
        // The stop swept five levels; six orders filled, each paying the $1.00 minimum once;
        // 100 bought, 100 stopped out, 200 sold, 50 bought, 100 shorted and covered.
        #expect(exchangeFills.count == 13)
        #expect(exchangeFills.filter { $0.order == "G-1-stop" }.map(\.quantity) == [1, 1, 9, 10, 79])
        #expect(gatewayFills.reduce(Money.zero) { $0 + $1.commission } == Price(cents: 600))
        #expect(Self.position(exchangeFills) == -150)
        #expect(await gateway.netPosition == -150)
        #expect(await loopback.eventually {
            viaGateway += broker.drainReports()
            return Self.finalStates(viaGateway) == Self.finalStates(viaExchange)
        })
        #expect(Self.finalStates(viaExchange)["G-5-entry"] == .cancelled)
        #expect(Self.finalStates(viaExchange)["G-6-exit"] == .cancelled)
        await connection.stop()
        await gateway.stop()
    }

    /// Fill is compared by what it means, not by its execution id (the gateway's carry its own
    /// order ids): order, side, price, shares, commission.
    struct FillKey: Hashable {
        var order: ClientOrderID
        var side: TradeSide
        var price: Price
        var quantity: Int64
        var commission: Money
    }

    static func fills(_ reports: [ExecutionReport]) -> [FillKey] {
        reports.compactMap { report in
            guard case .fill(let fill) = report.event else { return nil }
            return FillKey(order: report.orderID, side: fill.side, price: fill.price, quantity: fill.quantity, commission: fill.commission)
        }
    }

    static func finalStates(_ reports: [ExecutionReport]) -> [ClientOrderID: OrderState] {
        var states: [ClientOrderID: OrderState] = [:]
        for report in reports { states[report.orderID] = report.state }
        return states
    }

    static func position(_ fills: [FillKey]) -> Int64 {
        fills.reduce(0) { $0 + ($1.side == .buy ? $1.quantity : -$1.quantity) }
    }
}
