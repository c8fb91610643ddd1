import MarketData

@testable import StateVector

/// A state document generated from `StateSchema` with a distinct, non-default value in every field
/// (lists get two elements), and what each schema reader must return after decoding it. A field
/// the decoder forgets to build reads its default and fails the check.
struct SchemaSample {
    enum Expected: Equatable {
        case price(Price), integer(Int64), number(Double), bool(Bool), string(String), enumeration(Int)
    }

    struct Leaf {
        var path: String
        var field: Field
        var index: Int
        var expected: Expected
    }

    private(set) var leaves: [Leaf] = []
    /// Every list field with its path; each holds two elements in the document.
    private(set) var lists: [(path: String, count: @Sendable (StateVector) -> Int)] = []
    private var counter = 0

    /// The document's JSON text (all sections, HISTORY included).
    mutating func document() -> String {
        let members = StateSchema.sections.map { section in
            "\"\(section.name)\": " + value(section.field, path: "$.\(section.name)", index: 0)
        }
        return "{\n" + members.joined(separator: ",\n") + "\n}"
    }

    private mutating func value(_ field: Field, path: String, index: Int) -> String {
        counter += 1
        let n = counter
        switch field.kind {
        case .price, .money:
            let price = Price(raw: 1_000_000 + Int64(n) * 101)
            leaves.append(Leaf(path: path, field: field, index: index, expected: .price(price)))
            return price.formatted(decimals: 4)
        case .integer:
            leaves.append(Leaf(path: path, field: field, index: index, expected: .integer(1000 + Int64(n))))
            return String(1000 + n)
        case .number:
            leaves.append(Leaf(path: path, field: field, index: index, expected: .number(Double(n) + 0.25)))
            return "\(n).25"
        case .bool:
            leaves.append(Leaf(path: path, field: field, index: index, expected: .bool(true)))
            return "true"
        case .string:
            leaves.append(Leaf(path: path, field: field, index: index, expected: .string("S\(n)")))
            return "\"S\(n)\""
        case .enumeration(let type, _):
            leaves.append(Leaf(path: path, field: field, index: index, expected: .enumeration(1)))
            return "\"\(type.values[1])\""
        case .object(let fields):
            let members = fields.map { "\"\($0.name)\": " + value($0, path: "\(path).\($0.name)", index: index) }
            return "{" + members.joined(separator: ", ") + "}"
        case .list(let element, let tuple, let count):
            if index == 0 { lists.append((path, count)) }
            let items = (0..<2).map { item in
                let values = element.map { child in
                    (child.name, value(child, path: "\(path)[\(item)].\(child.name)", index: item))
                }
                return tuple
                    ? "[" + values.map(\.1).joined(separator: ", ") + "]"
                    : "{" + values.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
            }
            return "[" + items.joined(separator: ", ") + "]"
        }
    }

    /// What the schema's reader for `leaf` returns on `state`.
    static func read(_ leaf: Leaf, from state: StateVector) -> Expected? {
        switch leaf.field.kind {
        case .price(let read), .money(let read): read(state, leaf.index).map(Expected.price)
        case .integer(let read): read(state, leaf.index).map(Expected.integer)
        case .number(let read): read(state, leaf.index).map(Expected.number)
        case .bool(let read): read(state, leaf.index).map(Expected.bool)
        case .string(let read): read(state, leaf.index).map(Expected.string)
        case .enumeration(_, let read): read(state, leaf.index).map(Expected.enumeration)
        case .object, .list: nil
        }
    }
}
