extension StateSchema {
    /// Markdown tables of every section and field of the state JSON: key, type (enum values
    /// spelled out), whether it may be null and what happens when it is absent. docs/STATE.md
    /// embeds this text and a test keeps the two identical.
    public static func markdownFieldTables() -> String {
        var out: [String] = []
        for section in sections {
            out.append("### `\(section.name)` (\(typeDescription(section.field)))")
            out.append("")
            out.append(
                section.field.summary
                    + (StateJSONLayout.optionalSections.contains(section.name)
                        ? " May be absent (reads empty); written only when non-empty." : ""))
            out.append("")
            out.append("| key | type | null | if absent | meaning |")
            out.append("|---|---|---|---|---|")
            let isList = if case .list = section.field.kind { true } else { false }
            let prefix = isList ? (isTuple(section.field) ? "[]" : "[].") : ""
            rows(section.field.children, prefix: prefix, tuple: isTuple(section.field), into: &out)
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    private static func rows(_ fields: [Field], prefix: String, tuple: Bool, into out: inout [String]) {
        for (index, field) in fields.enumerated() {
            let key = tuple ? "\(prefix)[\(index)]` (\(field.name))" : "\(prefix)\(field.name)`"
            let absent = StateJSONLayout.isRequired(field, inRoot: false) ? "error" : "null"
            out.append(
                "| `\(key) | \(typeDescription(field)) | \(field.nullable ? "yes" : "no") | \(absent) | \(field.summary) |"
            )
            switch field.kind {
            case .object(let children):
                rows(children, prefix: "\(prefix)\(field.name).", tuple: false, into: &out)
            case .list(let element, let isTuple, _):
                rows(element, prefix: "\(prefix)\(field.name)[]" + (isTuple ? "" : "."), tuple: isTuple, into: &out)
            default:
                break
            }
        }
    }

    private static func isTuple(_ field: Field) -> Bool {
        if case .list(_, let tuple, _) = field.kind { return tuple }
        return false
    }

    private static func typeDescription(_ field: Field) -> String {
        switch field.kind {
        case .price: "price"
        case .money: "money"
        case .integer: "integer"
        case .number: "number"
        case .bool: "bool"
        case .string: "string"
        case .enumeration(let type, _): "\(type.name): " + type.values.map { "`\($0)`" }.joined(separator: ", ")
        case .object: "object"
        case .list(let element, let tuple, _):
            (tuple ? "array of `[" + element.map(\.name).joined(separator: ", ") + "]`" : "array of objects")
                + (field.maximumCount.map { ", at most \($0)" } ?? "")
        }
    }
}
