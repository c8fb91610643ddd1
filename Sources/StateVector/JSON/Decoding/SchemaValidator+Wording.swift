extension SchemaValidator {
    /// What a field holds, as messages say it: `a number`, `one of LOW, MEDIUM, HIGH`.
    static func expected(_ field: Field) -> String {
        switch field.kind {
        case .price: "a price"
        case .money: "an amount of money"
        case .integer: "an integer"
        case .number: "a number"
        case .bool: "true or false"
        case .string: "a string"
        case .enumeration(let type, _): "one of \(type.values.joined(separator: ", "))"
        case .object: "an object"
        case .list(let element, let tuple, _):
            tuple ? "an array of [\(element.map(\.name).joined(separator: ", "))]" : "an array"
        }
    }

    /// A JSON value as messages quote it: `"high"`, `2.5`, `null`, `an object`.
    static func found(_ json: JSONValue) -> String {
        switch json.kind {
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .number(let text): text.count > 40 ? String(text.prefix(40)) + "…" : text
        case .string(let text): JSONString.quoted(text, limit: 40)
        case .array: "an array"
        case .object: "an object"
        }
    }
}
