/// Writes state JSON by walking the schema's fields and reading each value through the field's
/// reader, so output follows the schema's order and can never miss a field.
struct StateJSONWriter {
    let state: StateVector
    let pretty: Bool
    private var bytes: [UInt8] = []

    init(state: StateVector, pretty: Bool) {
        self.state = state
        self.pretty = pretty
        bytes.reserveCapacity(4096)
    }

    /// What was written.
    var out: String { String(decoding: bytes, as: UTF8.self) }

    private mutating func write(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    private mutating func writeQuoted(_ text: String) {
        JSONString.appendQuoted(text, to: &bytes)
    }

    /// The whole document: sections in order, optional ones only when non-empty.
    mutating func writeDocument() {
        let sections = StateSchema.sections.filter { section in
            guard StateJSONLayout.optionalSections.contains(section.name) else { return true }
            if case .list(_, _, let count) = section.field.kind { return count(state) > 0 }
            return true
        }
        writeExpandedObject(sections.map(\.field), index: 0, depth: 0, separators: [:])
    }

    /// One section's value on its own, e.g. the MARKET_STATE object for the prompt.
    mutating func writeSection(named name: String) {
        guard let section = StateSchema.sections.first(where: { $0.name == name }) else {
            write("null")
            return
        }
        writeValue(section.field, index: 0, depth: 0, inline: false)
    }

    // MARK: - Structure

    private mutating func newline(depth: Int) {
        guard pretty else { return }
        bytes.append(0x0A)
        bytes.append(contentsOf: repeatElement(0x20, count: 2 * depth))
    }

    private mutating func writeColon() { write(pretty ? ": " : ":") }
    private mutating func writeComma() { write(pretty ? ", " : ",") }

    /// `{` … `}` with one member per line in pretty mode.
    private mutating func writeExpandedObject(_ fields: [Field], index: Int, depth: Int, separators: [String: String]) {
        write("{")
        for (position, field) in fields.enumerated() {
            if position > 0 { write(",") }
            if let separator = separators[field.name] {
                if position > 0, pretty { write("\n") }
                newline(depth: depth + 1)
                writeQuoted(separator)
                writeColon()
                write("\"---\",")
            }
            newline(depth: depth + 1)
            writeQuoted(field.name)
            writeColon()
            writeValue(field, index: index, depth: depth + 1, inline: false)
        }
        if !fields.isEmpty { newline(depth: depth) }
        write("}")
    }

    /// `{"side": "ASK", "price": 247.00}` on one line: list elements, as the seed writes them.
    private mutating func writeInlineObject(_ fields: [Field], index: Int) {
        write("{")
        for (position, field) in fields.enumerated() {
            if position > 0 { writeComma() }
            writeQuoted(field.name)
            writeColon()
            writeValue(field, index: index, depth: 0, inline: true)
        }
        write("}")
    }

    private mutating func writeValue(_ field: Field, index: Int, depth: Int, inline: Bool) {
        switch field.kind {
        case .price(let read):
            let decimals = field.displayDecimals
            write(read(state, index).map { price in decimals.map { price.formatted(decimals: $0) } ?? price.display } ?? "null")
        case .money(let read):
            write(read(state, index)?.display ?? "null")
        case .integer(let read):
            write(read(state, index).map { String($0) } ?? "null")
        case .number(let read):
            write(read(state, index).map(StateNumberFormat.twoDecimals) ?? "null")
        case .bool(let read):
            write(read(state, index).map { $0 ? "true" : "false" } ?? "null")
        case .string(let read):
            if let text = read(state, index) { writeQuoted(text) } else { write("null") }
        case .enumeration(let type, let read):
            if let value = read(state, index), type.values.indices.contains(value) {
                writeQuoted(type.values[value])
            } else {
                write("null")
            }
        case .object(let fields):
            if inline {
                writeInlineObject(fields, index: index)
            } else {
                let separators = field.name == "MARKET_STATE" ? Self.marketSeparators : [:]
                writeExpandedObject(fields, index: index, depth: depth, separators: separators)
            }
        case .list(let element, let tuple, let count):
            writeList(element, tuple: tuple, count: count(state), depth: depth, inline: inline || tuple)
        }
    }

    private mutating func writeList(_ element: [Field], tuple: Bool, count: Int, depth: Int, inline: Bool) {
        write("[")
        for index in 0..<count {
            if index > 0 {
                if inline { writeComma() } else { write(",") }
            }
            if !inline { newline(depth: depth + 1) }
            if tuple {
                write("[")
                for (position, field) in element.enumerated() {
                    if position > 0 { writeComma() }
                    writeValue(field, index: index, depth: 0, inline: true)
                }
                write("]")
            } else {
                writeInlineObject(element, index: index)
            }
        }
        if !inline && count > 0 { newline(depth: depth) }
        write("]")
    }

    private static let marketSeparators: [String: String] = Dictionary(
        StateSchema.marketSeparators.map { ($0.before, $0.key) }, uniquingKeysWith: { first, _ in first })
}
