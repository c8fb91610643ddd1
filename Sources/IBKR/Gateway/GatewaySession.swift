import MarketData
import NIOCore

/// One client connection to the simulated gateway and what it subscribed to.
struct GatewaySession {
    struct DepthSubscription {
        var rows: Int
        var smart: Bool
        var bids: [BookLevel] = []
        var asks: [BookLevel] = []
    }

    let channel: any Channel
    var serverVersion = 0
    var clientID: Int?
    var depth: [Int: DepthSubscription] = [:]
    /// reqID → `Last`, `AllLast`, `BidAsk` or `MidPoint`.
    var tickByTick: [Int: String] = [:]
    var marketData: Set<Int> = []
    /// Subscribed to positions (reqPositions until cancelPositions): gets every change.
    var positions = false

    func write(_ response: TWSResponse) {
        channel.writeAndFlush(TWSOutboundFrame.frame(response.frame(serverVersion: serverVersion)), promise: nil)
    }
}
