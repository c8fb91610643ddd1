import MarketData

/// Checks a parsed document against `StateSchema`, field by field as the schema declares them
/// (kind, nullability, enum values, tuples), collecting every problem rather than stopping at the
/// first, and keeps the typed values for the builder.
struct SchemaValidator {
    let fileName: String
    private(set) var problems: [StateDecodingProblem] = []
    /// Where the walk is; rendered only when a problem is reported, so valid input builds no paths.
    private var path: [PathComponent] = []

    private enum PathComponent {
        case key(String)
        case index(Int)
    }

    init(fileName: String) {
        self.fileName = fileName
    }

    /// The root object with its sections; nil when the root is not an object.
    mutating func document(_ root: JSONValue) -> DecodedObject? {
        object(root, fields: Self.sectionFields, isRoot: true)
    }

    private static let sectionFields = StateSchema.sections.map(\.field)

    /// `$.MARKET_STATE.DOM_WALLS[0].price`.
    private var renderedPath: String {
        path.reduce(into: "$") { text, component in
            switch component {
            case .key(let key): text = StateJSONLayout.path(text, key: key)
            case .index(let index): text += "[\(index)]"
            }
        }
    }

    /// Enough to fix a file in one go; past it, more messages would only bury the first ones (and a
    /// hostile file could ask for millions).
    static let problemLimit = 100

    var isFull: Bool { problems.count >= Self.problemLimit }

    mutating func report(_ position: JSONPosition, _ message: String) {
        guard !isFull else { return }
        problems.append(
            StateDecodingProblem(fileName: fileName, position: position, path: renderedPath, message: message))
    }

    // MARK: - Objects

    mutating func object(_ json: JSONValue, fields: [Field], isRoot: Bool = false) -> DecodedObject? {
        guard case .object(let members) = json.kind else {
            report(json.position, "expected an object, found \(Self.found(json))")
            return nil
        }
        var result = DecodedObject()
        result.values.reserveCapacity(fields.count)
        var seen = [JSONPosition?](repeating: nil, count: fields.count)
        var unknown: [String: JSONPosition] = [:]
        var suggested: Set<String> = []
        // Documents usually list keys in schema order: try the next field first.
        var next = 0
        for member in members where !StateJSONLayout.isSeparator(member.key) {
            if isFull { break }
            let fieldIndex =
                next < fields.count && fields[next].name == member.key
                ? next : fields.firstIndex { $0.name == member.key }
            path.append(.key(member.key))
            defer { path.removeLast() }
            guard let fieldIndex else {
                if let first = unknown[member.key] {
                    report(member.keyPosition, "duplicate key (first at \(first))")
                } else {
                    unknown[member.key] = member.keyPosition
                    reportUnknown(member, fields: fields, suggested: &suggested)
                }
                continue
            }
            next = fieldIndex + 1
            if let first = seen[fieldIndex] {
                report(member.keyPosition, "duplicate key (first at \(first))")
                continue
            }
            seen[fieldIndex] = member.keyPosition
            let field = fields[fieldIndex]
            result.values[field.name] = value(member.value, field: field)
        }
        for (index, field) in fields.enumerated() where seen[index] == nil && !suggested.contains(field.name) {
            guard StateJSONLayout.isRequired(field, inRoot: isRoot) else { continue }
            report(json.position, "missing key \(JSONString.quoted(field.name)) (\(Self.expected(field)))")
        }
        return result
    }

    private mutating func reportUnknown(_ member: JSONMember, fields: [Field], suggested: inout Set<String>) {
        let names = fields.map(\.name)
        if let suggestion = DidYouMean.best(member.key, among: names) {
            suggested.insert(suggestion)
            report(member.keyPosition, "unknown key; did you mean \(JSONString.quoted(suggestion))?")
            return
        }
        let here = path.dropLast().reduce(into: "$") { text, component in
            if case .key(let key) = component { text = StateJSONLayout.path(text, key: key) }
        }
        if let home = Self.sectionHolding(member.key), home != here {
            report(member.keyPosition, "unknown key here; \(member.key) belongs in \(home)")
        } else {
            report(member.keyPosition, "unknown key; expected one of \(names.joined(separator: ", "))")
        }
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

    mutating func value(_ json: JSONValue, field: Field) -> DecodedNode {
        if json.isNull {
            if field.nullable { return .null }
            report(json.position, "expected \(Self.expected(field)), found null; this field cannot be null")
            return .invalid
        }
        switch field.kind {
        case .price, .money:
            return fixedPoint(json, field: field)
        case .integer:
            guard let text = json.numberText, let decimal = DecimalText(text) else { return mismatch(json, field) }
            switch decimal.exact(scale: 0) {
            case .value(let value): return .integer(value)
            case .fractional: report(json.position, "expected an integer, found \(Self.found(json))")
            case .outOfRange:
                report(json.position, "expected an integer, found \(Self.found(json)), which is out of range")
            }
            return .invalid
        case .number:
            guard json.numberText != nil else { return mismatch(json, field) }
            guard let value = json.doubleValue else {
                report(json.position, "expected a number, found \(Self.found(json)), which is out of range")
                return .invalid
            }
            return .number(value)
        case .bool:
            guard let value = json.boolValue else { return mismatch(json, field) }
            return .bool(value)
        case .string:
            guard let value = json.stringValue else { return mismatch(json, field) }
            return .string(value)
        case .enumeration(let type, _):
            if let text = json.stringValue, let index = type.values.firstIndex(of: text) { return .enumeration(index) }
            var message = "expected \(Self.expected(field)), found \(Self.found(json))"
            if let text = json.stringValue, let suggestion = DidYouMean.best(text, among: type.values) {
                message += "; did you mean \(JSONString.quoted(suggestion))?"
            }
            report(json.position, message)
            return .invalid
        case .object(let fields):
            return object(json, fields: fields).map(DecodedNode.object) ?? .invalid
        case .list(let element, let tuple, _):
            guard let elements = json.arrayValue else { return mismatch(json, field) }
            // Refused before a single element is checked: the cost of a hostile list ends here.
            if let maximum = field.maximumCount, elements.count > maximum {
                report(json.position, "\(elements.count) elements, more than the maximum of \(maximum)")
                return .invalid
            }
            var decoded: [DecodedObject] = []
            decoded.reserveCapacity(elements.count)
            for (index, item) in elements.enumerated() {
                if isFull { break }
                path.append(.index(index))
                defer { path.removeLast() }
                let object = tuple ? self.tuple(item, fields: element) : self.object(item, fields: element)
                if let object { decoded.append(object) }
            }
            return .list(decoded)
        }
    }

    private mutating func fixedPoint(_ json: JSONValue, field: Field) -> DecodedNode {
        guard let text = json.numberText, let decimal = DecimalText(text) else { return mismatch(json, field) }
        switch decimal.exact(scale: 4) {
        case .value(let raw):
            return .price(Price(raw: raw))
        case .fractional:
            report(json.position, "expected \(Self.expected(field)) with at most 4 decimals, found \(Self.found(json))")
        case .outOfRange:
            report(json.position, "expected \(Self.expected(field)), found \(Self.found(json)), which is out of range")
        }
        return .invalid
    }

    /// A positional element such as `[245.48, 150]`, keyed by the element's field names.
    private mutating func tuple(_ json: JSONValue, fields: [Field]) -> DecodedObject? {
        guard let items = json.arrayValue, items.count == fields.count else {
            let shape = "[" + fields.map(\.name).joined(separator: ", ") + "]"
            let count = json.arrayValue?.count
            let found = count.map { "an array of \($0) value\($0 == 1 ? "" : "s")" } ?? Self.found(json)
            report(json.position, "expected \(shape), found \(found)")
            return nil
        }
        var result = DecodedObject()
        for (index, (field, item)) in zip(fields, items).enumerated() {
            path.append(.index(index))
            defer { path.removeLast() }
            result.values[field.name] = value(item, field: field)
        }
        return result
    }

    private mutating func mismatch(_ json: JSONValue, _ field: Field) -> DecodedNode {
        report(json.position, "expected \(Self.expected(field)), found \(Self.found(json))")
        return .invalid
    }
}
