import MarketData
import StateVector

/// The names a rule can use at the top level: the schema's market and account fields, the
/// ACTIVE_ORDERS and HISTORY lists, and the position context ENTRY, STOP, TARGET.
enum RuleNames {
    /// Position context, for exit rules: null when flat or when no such order works.
    static let positionContext: [Field] = [
        Field(
            "ENTRY", .price({ s, _ in s.account.avgEntry }), nullable: true,
            summary: "Average entry price of the open position (AVG_ENTRY)."),
        Field(
            "STOP", .price({ s, _ in s.activeOrders.first(where: { $0.role == .stop })?.price }), nullable: true,
            summary: "Price of the working STOP order of the position."),
        Field(
            "TARGET", .price({ s, _ in s.activeOrders.first(where: { $0.role == .target })?.price }), nullable: true,
            summary: "Price of the working TARGET order of the position."),
    ]

    /// One tick at LAST (Reg NMS rule 612: $0.01 at $1.00 and above, $0.0001 below), what `2t`
    /// counts in; not a name rules may use.
    static let tick = Field(
        "TICK", .price({ s, _ in s.market.last.map { $0 >= Price(cents: 100) ? Price.cent : Price(raw: 1) } }), nullable: true,
        summary: "The minimum price increment at LAST.")

    /// Every top-level field by name.
    static let topFields: [String: Field] = {
        var fields: [String: Field] = [:]
        for field in StateSchema.ruleFields { fields[field.name] = field }
        for section in StateSchema.sections {
            if case .list = section.field.kind { fields[section.name] = section.field }
        }
        for field in positionContext { fields[field.name] = field }
        return fields
    }()

    static let allTopNames: [String] = {
        var names = StateSchema.ruleFields.map(\.name)
        names += StateSchema.sections.filter { if case .list = $0.field.kind { true } else { false } }.map(\.name)
        names += positionContext.map(\.name)
        return names
    }()

    static func topField(named name: String) -> Field? { topFields[name] }

    /// For each enum value, the fields (element fields as `DOM_WALLS.side`) whose type has it.
    static let enumOwners: [String: [String]] = {
        var owners: [String: [String]] = [:]
        func visit(_ fields: [Field], prefix: String) {
            for field in fields {
                let label = prefix.isEmpty ? field.name : "\(prefix).\(field.name)"
                switch field.kind {
                case .enumeration(let type, _):
                    for value in type.values where !(owners[value]?.contains(label) ?? false) {
                        owners[value, default: []].append(label)
                    }
                case .object(let children), .list(let children, _, _):
                    visit(children, prefix: label)
                default:
                    break
                }
            }
        }
        visit(StateSchema.ruleFields, prefix: "")
        for section in StateSchema.sections {
            if case .list = section.field.kind { visit([section.field], prefix: "") }
        }
        return owners
    }()
}
