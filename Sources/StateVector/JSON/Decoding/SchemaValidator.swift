import MarketData

/// Checks a parsed document against `StateSchema`, field by field as the schema declares them
/// (kind, nullability, enum values, tuples), collecting every problem rather than stopping at the
/// first, and keeps the typed values for the builder.
struct SchemaValidator {
    let fileName: String
    private(set) var problems: [StateDecodingProblem] = []

    init(fileName: String) {
        self.fileName = fileName
    }

    /// The root object with its sections; nil when the root is not an object.
    mutating func document(_ root: JSONValue) -> DecodedObject? {
        object(root, fields: StateSchema.sections.map(\.field), path: "$", isRoot: true)
    }

    mutating func report(_ position: JSONPosition, _ path: String, _ message: String) {
        problems.append(StateDecodingProblem(fileName: fileName, position: position, path: path, message: message))
    }

    // MARK: - Objects

    mutating func object(_ json: JSONValue, fields: [Field], path: String, isRoot: Bool = false) -> DecodedObject? {
        guard case .object(let members) = json.kind else {
            report(json.position, path, "expected an object, found \(Self.found(json))")
            return nil
        }
        var result = DecodedObject()
        var seen: [String: JSONPosition] = [:]
        var suggested: Set<String> = []
        for member in members where !StateJSONLayout.isSeparator(member.key) {
            let memberPath = StateJSONLayout.path(path, key: member.key)
            if let first = seen[member.key] {
                report(member.keyPosition, memberPath, "duplicate key (first at \(first))")
                continue
            }
            seen[member.key] = member.keyPosition
            guard let field = fields.first(where: { $0.name == member.key }) else {
                let names = fields.map(\.name)
                if let suggestion = DidYouMean.best(member.key, among: names) {
                    suggested.insert(suggestion)
                    report(member.keyPosition, memberPath, "unknown key; did you mean \(JSONText.quoted(suggestion))?")
                } else if let home = Self.sectionHolding(member.key), home != path {
                    report(member.keyPosition, memberPath, "unknown key here; \(member.key) belongs in \(home)")
                } else {
                    report(
                        member.keyPosition, memberPath, "unknown key; expected one of \(names.joined(separator: ", "))")
                }
                continue
            }
            result.values[field.name] = value(member.value, field: field, path: memberPath)
        }
        for field in fields where seen[field.name] == nil && !suggested.contains(field.name) {
            guard StateJSONLayout.isRequired(field, inRoot: isRoot) else { continue }
            report(json.position, path, "missing key \(JSONText.quoted(field.name)) (\(Self.expected(field)))")
        }
        return result
    }

    /// The root section whose object declares `name`, e.g. `$.ACCOUNT_STATE` for `POSITION`.
    private static func sectionHolding(_ name: String) -> String? {
        for section in StateSchema.sections {
            if case .object(let fields) = section.field.kind, fields.contains(where: { $0.name == name }) {
                return "$.\(section.name)"
            }
        }
        return nil
    }

    // MARK: - Values

    mutating func value(_ json: JSONValue, field: Field, path: String) -> DecodedNode {
        if json.isNull {
            if field.nullable { return .null }
            report(json.position, path, "expected \(Self.expected(field)), found null; this field cannot be null")
            return .invalid
        }
        switch field.kind {
        case .price, .money:
            return fixedPoint(json, field: field, path: path)
        case .integer:
            guard let text = json.numberText, let decimal = DecimalText(text) else {
                return mismatch(json, field, path)
            }
            switch decimal.exact(scale: 0) {
            case .value(let value): return .integer(value)
            case .fractional: report(json.position, path, "expected an integer, found \(Self.found(json))")
            case .outOfRange:
                report(json.position, path, "expected an integer, found \(Self.found(json)), which is out of range")
            }
            return .invalid
        case .number:
            guard json.numberText != nil else { return mismatch(json, field, path) }
            guard let value = json.doubleValue else {
                report(json.position, path, "expected a number, found \(Self.found(json)), which is out of range")
                return .invalid
            }
            return .number(value)
        case .bool:
            guard let value = json.boolValue else { return mismatch(json, field, path) }
            return .bool(value)
        case .string:
            guard let value = json.stringValue else { return mismatch(json, field, path) }
            return .string(value)
        case .enumeration(let type, _):
            if let text = json.stringValue, let index = type.values.firstIndex(of: text) { return .enumeration(index) }
            var message = "expected \(Self.expected(field)), found \(Self.found(json))"
            if let text = json.stringValue, let suggestion = DidYouMean.best(text, among: type.values) {
                message += "; did you mean \(JSONText.quoted(suggestion))?"
            }
            report(json.position, path, message)
            return .invalid
        case .object(let fields):
            return object(json, fields: fields, path: path).map(DecodedNode.object) ?? .invalid
        case .list(let element, let tuple, _):
            guard let elements = json.arrayValue else { return mismatch(json, field, path) }
            var decoded: [DecodedObject] = []
            for (index, item) in elements.enumerated() {
                let itemPath = "\(path)[\(index)]"
                let object =
                    tuple
                    ? self.tuple(item, fields: element, path: itemPath)
                    : self.object(item, fields: element, path: itemPath)
                if let object { decoded.append(object) }
            }
            return .list(decoded)
        }
    }

    private mutating func fixedPoint(_ json: JSONValue, field: Field, path: String) -> DecodedNode {
        guard let text = json.numberText, let decimal = DecimalText(text) else { return mismatch(json, field, path) }
        switch decimal.exact(scale: 4) {
        case .value(let raw):
            return .price(Price(raw: raw))
        case .fractional:
            report(
                json.position, path,
                "expected \(Self.expected(field)) with at most 4 decimals, found \(Self.found(json))")
        case .outOfRange:
            report(
                json.position, path,
                "expected \(Self.expected(field)), found \(Self.found(json)), which is out of range")
        }
        return .invalid
    }

    /// A positional element such as `[245.48, 150]`, keyed by the element's field names.
    private mutating func tuple(_ json: JSONValue, fields: [Field], path: String) -> DecodedObject? {
        let shape = "[" + fields.map(\.name).joined(separator: ", ") + "]"
        guard let items = json.arrayValue, items.count == fields.count else {
            let found =
                json.arrayValue.map { "an array of \($0.count) value\($0.count == 1 ? "" : "s")" } ?? Self.found(json)
            report(json.position, path, "expected \(shape), found \(found)")
            return nil
        }
        var result = DecodedObject()
        for (index, (field, item)) in zip(fields, items).enumerated() {
            result.values[field.name] = value(item, field: field, path: "\(path)[\(index)]")
        }
        return result
    }

    private mutating func mismatch(_ json: JSONValue, _ field: Field, _ path: String) -> DecodedNode {
        report(json.position, path, "expected \(Self.expected(field)), found \(Self.found(json))")
        return .invalid
    }

    // MARK: - Wording

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
        case .string(let text): JSONText.quoted(text, limit: 40)
        case .array: "an array"
        case .object: "an object"
        }
    }
}
