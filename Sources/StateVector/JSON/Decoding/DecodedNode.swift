import MarketData

/// A value checked against its schema field, typed: what the builder turns into model structs.
indirect enum DecodedNode: Sendable {
    case null
    /// Prices and amounts of money (the same fixed-point type).
    case price(Price)
    case integer(Int64)
    case number(Double)
    case bool(Bool)
    case string(String)
    /// The index into the field's `EnumType.values`.
    case enumeration(Int)
    case object(DecodedObject)
    /// Objects, or tuples keyed by their element field names.
    case list([DecodedObject])
    /// Reported as a problem; never reaches the builder.
    case invalid
}

/// The checked members of one JSON object, by schema field name. Absent and null both read nil.
struct DecodedObject: Sendable {
    var values: [String: DecodedNode] = [:]

    func price(_ key: String) -> Price? {
        guard case .price(let value)? = values[key] else { return nil }
        return value
    }

    func integer(_ key: String) -> Int64? {
        guard case .integer(let value)? = values[key] else { return nil }
        return value
    }

    func number(_ key: String) -> Double? {
        guard case .number(let value)? = values[key] else { return nil }
        return value
    }

    func bool(_ key: String) -> Bool? {
        guard case .bool(let value)? = values[key] else { return nil }
        return value
    }

    func string(_ key: String) -> String? {
        guard case .string(let value)? = values[key] else { return nil }
        return value
    }

    func enumeration<Value: StateEnum>(_ key: String, as type: Value.Type = Value.self) -> Value? {
        guard case .enumeration(let index)? = values[key], let raw = UInt8(exactly: index) else { return nil }
        return Value(rawValue: raw)
    }

    func object(_ key: String) -> DecodedObject {
        guard case .object(let value)? = values[key] else { return DecodedObject() }
        return value
    }

    func list(_ key: String) -> [DecodedObject] {
        guard case .list(let value)? = values[key] else { return [] }
        return value
    }
}
