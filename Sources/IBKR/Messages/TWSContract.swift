/// The instrument fields requests carry (the "C12" group of TWS-PROTOCOL.md section 2).
public struct TWSContract: Hashable, Sendable {
    public var conId: Int
    public var symbol: String
    public var secType: String
    public var lastTradeDate: String
    public var strike: String
    public var right: String
    public var multiplier: String
    public var exchange: String
    public var primaryExchange: String
    public var currency: String
    public var localSymbol: String
    public var tradingClass: String

    public init(
        conId: Int = 0, symbol: String, secType: String = "STK", lastTradeDate: String = "", strike: String = "",
        right: String = "", multiplier: String = "", exchange: String = "SMART", primaryExchange: String = "",
        currency: String = "USD", localSymbol: String = "", tradingClass: String = ""
    ) {
        self.conId = conId
        self.symbol = symbol
        self.secType = secType
        self.lastTradeDate = lastTradeDate
        self.strike = strike
        self.right = right
        self.multiplier = multiplier
        self.exchange = exchange
        self.primaryExchange = primaryExchange
        self.currency = currency
        self.localSymbol = localSymbol
        self.tradingClass = tradingClass
    }

    /// A US stock routed SMART, the consolidated book and tape.
    public static func stock(_ symbol: String, primaryExchange: String = "NASDAQ") -> TWSContract {
        TWSContract(symbol: symbol, primaryExchange: primaryExchange)
    }

    /// Writes the 12 request fields.
    func write(to writer: inout TWSFieldWriter) {
        writer.add(conId)
        writer.add(symbol)
        writer.add(secType)
        writer.add(lastTradeDate)
        writer.add(strike)
        writer.add(right)
        writer.add(multiplier)
        writer.add(exchange)
        writer.add(primaryExchange)
        writer.add(currency)
        writer.add(localSymbol)
        writer.add(tradingClass)
    }

    /// Reads the 12 request fields.
    static func read(from reader: inout TWSFieldReader) throws -> TWSContract {
        var contract = TWSContract(symbol: "")
        contract.conId = try reader.int(default: 0)
        contract.symbol = try reader.string()
        contract.secType = try reader.string()
        contract.lastTradeDate = try reader.string()
        contract.strike = try reader.string()
        contract.right = try reader.string()
        contract.multiplier = try reader.string()
        contract.exchange = try reader.string()
        contract.primaryExchange = try reader.string()
        contract.currency = try reader.string()
        contract.localSymbol = try reader.string()
        contract.tradingClass = try reader.string()
        return contract
    }

    /// Writes the 11 reply fields (no primaryExchange) of openOrder, execDetails and position.
    func writeReply(to writer: inout TWSFieldWriter) {
        writer.add(conId)
        writer.add(symbol)
        writer.add(secType)
        writer.add(lastTradeDate)
        writer.add(strike.isEmpty ? "0" : strike)
        writer.add(right)
        writer.add(multiplier)
        writer.add(exchange)
        writer.add(currency)
        writer.add(localSymbol.isEmpty ? symbol : localSymbol)
        writer.add(tradingClass.isEmpty ? symbol : tradingClass)
    }

    /// Reads the 11 reply fields.
    static func readReply(from reader: inout TWSFieldReader) throws -> TWSContract {
        var contract = TWSContract(symbol: "")
        contract.conId = try reader.int(default: 0)
        contract.symbol = try reader.string()
        contract.secType = try reader.string()
        contract.lastTradeDate = try reader.string()
        contract.strike = try reader.string()
        contract.right = try reader.string()
        contract.multiplier = try reader.string()
        contract.exchange = try reader.string()
        contract.currency = try reader.string()
        contract.localSymbol = try reader.string()
        contract.tradingClass = try reader.string()
        return contract
    }
}
