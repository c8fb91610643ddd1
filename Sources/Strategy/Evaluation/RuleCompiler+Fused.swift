import MarketData
import StateVector

/// Fused closures for the shapes most rules are made of (`FIELD op constant`, `ENUM == VALUE`,
/// `ENUM in [..]`): one closure that calls the schema's typed reader directly, instead of a
/// comparison closure over a read closure over a conversion closure.
extension RuleCompiler {
    private static func elementScope(_ access: FieldAccess) -> Bool? {
        switch access.scope {
        case .top: false
        case .element: true
        case .fixed: nil
        }
    }

    /// `FIELD op constant` for a number field read at the top level or in the current element.
    static func fusedCompare(_ op: ComparisonOperator, _ access: FieldAccess, _ constant: Double) -> TruthCode? {
        guard let element = elementScope(access) else { return nil }
        let label = access.label
        switch access.field.kind {
        case .price(let read), .money(let read):
            // Prices compare on their own 1/10,000 grid: exact, no binary rounding.
            let scaled = (constant * Double(Price.scale)).rounded()
            guard scaled.isFinite, abs(scaled) < 9e15 else { return nil }
            let k = Int64(scaled)
            return TruthCode { s, _, c in
                let value = read(s, element ? c.index : 0)
                if c.trace != nil { c.record(label, element: element, value.map(Reading.Value.price) ?? .null) }
                guard let value else { return .unknown }
                return Truth(op.holds(value.raw, k))
            }
        case .integer(let read):
            return TruthCode { s, _, c in
                let value = read(s, element ? c.index : 0)
                if c.trace != nil { c.record(label, element: element, value.map(Reading.Value.integer) ?? .null) }
                guard let value else { return .unknown }
                return Truth(op.holds(Double(value), constant))
            }
        case .number(let read):
            return TruthCode { s, _, c in
                let value = read(s, element ? c.index : 0)
                if c.trace != nil { c.record(label, element: element, value.map(Reading.Value.number) ?? .null) }
                guard let value else { return .unknown }
                return Truth(op.holds(value, constant))
            }
        default:
            return nil
        }
    }

    /// `ENUM == VALUE` / `ENUM != VALUE` and `ENUM in [..]` as a bit mask of accepted values.
    static func fusedEnum(_ access: FieldAccess, accepted mask: UInt64, negated: Bool) -> TruthCode? {
        guard let element = elementScope(access), case .enumeration(let type, let read) = access.field.kind else { return nil }
        let label = access.label
        let names = type.values
        return TruthCode { s, _, c in
            let value = read(s, element ? c.index : 0)
            if c.trace != nil {
                c.record(label, element: element, value.map { $0 >= 0 && $0 < names.count ? .text(names[$0]) : .integer(Int64($0)) } ?? .null)
            }
            guard let value else { return .unknown }
            let inside = value >= 0 && value < 64 && mask & (1 << UInt64(value)) != 0
            return Truth(inside != negated)
        }
    }

    /// All conditions of a side and its chase guard as one closure: stops at the first failure.
    static func gate(_ conditions: [TruthCode], chaseGuard: TruthCode?) -> Code<Bool> {
        guard !conditions.isEmpty else { return { _, _, _ in false } }
        var next: Code<Bool> = { _, _, _ in true }
        if let chaseGuard {
            let run = chaseGuard.run
            next = { s, p, c in run(s, p, &c) == .no }
        }
        for condition in conditions.reversed() {
            let rest = next
            let run = condition.run
            next = { s, p, c in run(s, p, &c) == .yes && rest(s, p, &c) }
        }
        return next
    }
}

extension ComparisonOperator {
    @inline(__always)
    func holds(_ x: Int64, _ y: Int64) -> Bool {
        switch self {
        case .less: x < y
        case .lessEqual: x <= y
        case .greater: x > y
        case .greaterEqual: x >= y
        case .equal: x == y
        case .notEqual: x != y
        }
    }
}
