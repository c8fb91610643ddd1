import MarketData
import StateVector

// Prices, timestamps and state enums are encoded in a form a person can read in a journal line:
// prices as exact decimal strings ("245.5000"), enums by their wire names ("BUY"), times as
// nanoseconds since midnight. Decoding reports exactly what was expected.

extension KeyedEncodingContainer {
    mutating func encode(price: Price, forKey key: Key) throws {
        try encode(price.formatted(decimals: 4), forKey: key)
    }

    mutating func encodeIfPresent(price: Price?, forKey key: Key) throws {
        if let price { try encode(price: price, forKey: key) }
    }

    mutating func encode(time: Timestamp, forKey key: Key) throws {
        try encode(time.nanos, forKey: key)
    }

    mutating func encode<E: StateEnum>(name value: E, forKey key: Key) throws {
        try encode(value.name, forKey: key)
    }
}

extension KeyedDecodingContainer {
    func decodePrice(forKey key: Key) throws -> Price {
        let text = try decode(String.self, forKey: key)
        guard let price = Price(parsing: text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self,
                debugDescription: "expected a decimal price with at most 4 decimals, found '\(text)'")
        }
        return price
    }

    func decodePriceIfPresent(forKey key: Key) throws -> Price? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try decodePrice(forKey: key)
    }

    func decodeTime(forKey key: Key) throws -> Timestamp {
        Timestamp(nanos: try decode(Int64.self, forKey: key))
    }

    func decodeName<E: StateEnum>(_ type: E.Type, forKey key: Key) throws -> E {
        let name = try decode(String.self, forKey: key)
        guard let value = E(name: name) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self,
                debugDescription: "expected one of \(E.names.joined(separator: ", ")), found '\(name)'")
        }
        return value
    }
}
