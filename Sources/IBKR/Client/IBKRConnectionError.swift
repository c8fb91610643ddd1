/// Why a connection to TWS / IB Gateway could not be made or used, with what to do about it.
public struct IBKRConnectionError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }

    static func cannotConnect(_ host: String, _ port: Int, _ reason: String) -> IBKRConnectionError {
        IBKRConnectionError(
            "cannot connect to TWS / IB Gateway at \(host):\(port): \(reason). Start TWS or IB Gateway, enable "
                + "Configure > API > Settings > 'Enable ActiveX and Socket Clients', and check the port "
                + "(paper TWS 7497, live TWS 7496, paper IB Gateway 4002, live IB Gateway 4001).")
    }

    static func timeout(_ what: String, _ host: String, _ port: Int) -> IBKRConnectionError {
        IBKRConnectionError(
            "timed out waiting for \(what) from \(host):\(port). If TWS shows an 'accept incoming connection' "
                + "dialog, accept it (or add 127.0.0.1 to Trusted IPs); check that the API is not read-only.")
    }

    static func unsupportedVersion(_ version: Int) -> IBKRConnectionError {
        IBKRConnectionError(
            "TWS answered server version \(version); this client speaks \(TWSWire.minServerVersion)..."
                + "\(TWSWire.maxServerVersion). Update TWS / IB Gateway to a current release.")
    }

    static let notConnected = IBKRConnectionError(
        "not connected to TWS: the request was not sent (a reconnection is under way or the connection is stopped)")

    static let notReady = IBKRConnectionError(
        "TWS connection not ready (reconciling or data lost): no new orders until it is")
}
