import MarketData

/// Builds the fields of one outgoing message in the encodings both TWS and the clients accept.
public struct TWSFieldWriter: Sendable {
    public private(set) var fields: [String]

    public init(_ messageID: Int) { self.fields = [String(messageID)] }

    public var frame: TWSFrame { TWSFrame(fields: fields) }

    public mutating func add(_ text: String) { fields.append(text) }
    public mutating func add(_ value: Int) { fields.append(String(value)) }
    public mutating func add(_ value: Int64) { fields.append(String(value)) }
    public mutating func add(_ value: Bool) { fields.append(value ? "1" : "0") }
    /// A price as the shortest exact decimal (`245.5`); an absent price as an empty field.
    public mutating func add(_ price: Price?) { fields.append(price.map(Self.format) ?? "") }
    /// A double written plainly; nil or non-finite as an empty field.
    public mutating func add(double value: Double?) {
        guard let value, value.isFinite else {
            fields.append("")
            return
        }
        fields.append(value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value))
    }
    public mutating func addEmpty(_ count: Int = 1) {
        for _ in 0..<count { fields.append("") }
    }

    /// `245.5`, `0.0001`, `-3`: the fixed-point value with trailing zeros dropped.
    public static func format(_ price: Price) -> String {
        var text = price.formatted(decimals: 4)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }
}
