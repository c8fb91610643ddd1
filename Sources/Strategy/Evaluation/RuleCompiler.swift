import MarketData
import StateVector

/// Turns a checked expression into a tree of closures, specialised by type, so a tick evaluates
/// no names, no strings and no type switches. Expressions reaching here are well-typed; a shape
/// that cannot occur compiles to "unknown" rather than trapping.
enum RuleCompiler {
    // MARK: - Conditions

    static func condition(_ e: CheckedExpression) -> Code<Truth> {
        switch e.node {
        case .bool(let value):
            let truth = Truth(value)
            return { _, _, _ in truth }
        case .read(let access):
            guard case .bool(let read) = access.field.kind else { return unknown }
            return boolField(read, access) { .bool($0) }
        case .compare(let op, let l, let r):
            return compare(op, l, r)
        case .inList(let l, let items, let negated):
            if case .read(let access) = l.node, let mask = constantMask(items),
                let fused = fusedEnum(access, accepted: mask, negated: negated)
            {
                return fused.run
            }
            let test = membership(l, items)
            guard negated else { return test }
            return { s, p, c in test(s, p, &c).negated }
        case .and(let l, let r):
            let a = condition(l)
            let b = condition(r)
            return { s, p, c in
                let x = a(s, p, &c)
                if x == .no { return .no }
                let y = b(s, p, &c)
                if y == .no { return .no }
                return x == .yes && y == .yes ? .yes : .unknown
            }
        case .or(let l, let r):
            let a = condition(l)
            let b = condition(r)
            return { s, p, c in
                let x = a(s, p, &c)
                if x == .yes { return .yes }
                let y = b(s, p, &c)
                if y == .yes { return .yes }
                return x == .no && y == .no ? .no : .unknown
            }
        case .not(let inner):
            let a = condition(inner)
            return { s, p, c in a(s, p, &c).negated }
        case .quantifier(let function, let list, let predicate):
            return quantifier(function, list, condition(predicate))
        case .isNull(let inner):
            let isNull = nullTest(inner)
            let text = e.text
            return { s, p, c in
                let result = isNull(s, p, &c)
                c.record(text, element: c.list != nil, .bool(result))
                return Truth(result)
            }
        case .previous(let inner):
            let a = condition(inner)
            return { _, p, c in
                guard let p else { return .unknown }
                let saved = c.trace
                c.trace = nil
                defer { c.trace = saved }
                return a(p, nil, &c)
            }
        default:
            return unknown
        }
    }

    private static let unknown: Code<Truth> = { _, _, _ in .unknown }

    private static func quantifier(_ function: RuleFunction, _ list: ListAccess, _ predicate: @escaping Code<Truth>)
        -> Code<Truth>
    {
        let count = list.count
        let label = list.label
        let wantsAll = function == .all
        let negate = function == .none
        return { s, p, c in
            let savedIndex = c.index
            let tracing = c.trace != nil
            let savedList = tracing ? c.list : nil
            if tracing { c.list = label }
            defer {
                c.index = savedIndex
                if tracing { c.list = savedList }
            }
            var sawUnknown = false
            for index in 0..<count(s) {
                c.index = index
                switch predicate(s, p, &c) {
                case .yes where !wantsAll: return negate ? .no : .yes
                case .no where wantsAll: return .no
                case .unknown: sawUnknown = true
                default: break
                }
            }
            if sawUnknown { return .unknown }
            return wantsAll ? .yes : (negate ? .yes : .no)
        }
    }

    private static func compare(_ op: ComparisonOperator, _ l: CheckedExpression, _ r: CheckedExpression) -> Code<Truth>
    {
        switch (l.type, r.type) {
        case (.number(let lk), .number(let rk)):
            if case .read(let access) = l.node, case .number(let constant) = r.node,
                let fused = fusedCompare(op, access, constant)
            {
                return fused.run
            }
            if case .number(let constant) = l.node, case .read(let access) = r.node,
                let fused = fusedCompare(op.mirrored, access, constant)
            {
                return fused.run
            }
            let quantize = lk == .price || rk == .price
            let a = number(l)
            if case .number(let constant) = r.node {
                let b = quantize ? (constant * 10_000).rounded() : constant
                return { s, p, c in
                    guard var x = a(s, p, &c) else { return .unknown }
                    if quantize { x = (x * 10_000).rounded() }
                    return Truth(op.holds(x, b))
                }
            }
            let b = number(r)
            return { s, p, c in
                guard var x = a(s, p, &c), var y = b(s, p, &c) else { return .unknown }
                if quantize {
                    x = (x * 10_000).rounded()
                    y = (y * 10_000).rounded()
                }
                return Truth(op.holds(x, y))
            }
        case (.enumeration, .enumeration):
            if case .read(let access) = l.node, case .enumValue(let constant) = r.node, constant < 64,
                let fused = fusedEnum(access, accepted: 1 << UInt64(constant), negated: op == .notEqual)
            {
                return fused.run
            }
            let a = enumeration(l)
            let equal = op == .equal
            if case .enumValue(let constant) = r.node {
                return { s, p, c in
                    guard let x = a(s, p, &c) else { return .unknown }
                    return Truth((x == constant) == equal)
                }
            }
            let b = enumeration(r)
            return { s, p, c in
                guard let x = a(s, p, &c), let y = b(s, p, &c) else { return .unknown }
                return Truth((x == y) == equal)
            }
        case (.bool, .bool):
            let a = condition(l)
            let b = condition(r)
            let equal = op == .equal
            return { s, p, c in
                let x = a(s, p, &c)
                let y = b(s, p, &c)
                guard x != .unknown, y != .unknown else { return .unknown }
                return Truth((x == y) == equal)
            }
        case (.string, .string):
            let a = string(l)
            let b = string(r)
            let equal = op == .equal
            return { s, p, c in
                guard let x = a(s, p, &c), let y = b(s, p, &c) else { return .unknown }
                return Truth((x == y) == equal)
            }
        default:
            return unknown
        }
    }

    private static func membership(_ l: CheckedExpression, _ items: [CheckedExpression]) -> Code<Truth> {
        switch l.type {
        case .enumeration:
            let a = enumeration(l)
            var mask: UInt64 = 0
            var dynamic: [IntCode] = []
            for item in items {
                if case .enumValue(let index) = item.node, index < 64 {
                    mask |= 1 << UInt64(index)
                } else {
                    dynamic.append(IntCode(run: enumeration(item)))
                }
            }
            let constantMask = mask
            let others = dynamic
            return { s, p, c in
                guard let x = a(s, p, &c) else { return .unknown }
                if x >= 0, x < 64, constantMask & (1 << UInt64(x)) != 0 { return .yes }
                var sawUnknown = false
                for item in others {
                    guard let y = item.run(s, p, &c) else {
                        sawUnknown = true
                        continue
                    }
                    if x == y { return .yes }
                }
                return sawUnknown ? .unknown : .no
            }
        case .number:
            let tests = items.map { TruthCode(run: compare(.equal, l, $0)) }
            return { s, p, c in
                var sawUnknown = false
                for test in tests {
                    switch test.run(s, p, &c) {
                    case .yes: return .yes
                    case .unknown: sawUnknown = true
                    case .no: break
                    }
                }
                return sawUnknown ? .unknown : .no
            }
        case .string:
            let a = string(l)
            let values = items.map { TextCode(run: string($0)) }
            return { s, p, c in
                guard let x = a(s, p, &c) else { return .unknown }
                var sawUnknown = false
                for value in values {
                    guard let y = value.run(s, p, &c) else {
                        sawUnknown = true
                        continue
                    }
                    if x == y { return .yes }
                }
                return sawUnknown ? .unknown : .no
            }
        default:
            return unknown
        }
    }

    private static func nullTest(_ e: CheckedExpression) -> Code<Bool> {
        switch e.type {
        case .number:
            let a = number(e)
            return { s, p, c in a(s, p, &c) == nil }
        case .enumeration:
            let a = enumeration(e)
            return { s, p, c in a(s, p, &c) == nil }
        case .string:
            let a = string(e)
            return { s, p, c in a(s, p, &c) == nil }
        case .bool:
            let a = condition(e)
            return { s, p, c in a(s, p, &c) == .unknown }
        default:
            return { _, _, _ in true }
        }
    }

    /// The accepted values of an `in` list when every item is an enum value, as a bit mask.
    private static func constantMask(_ items: [CheckedExpression]) -> UInt64? {
        var mask: UInt64 = 0
        for item in items {
            guard case .enumValue(let index) = item.node, index >= 0, index < 64 else { return nil }
            mask |= 1 << UInt64(index)
        }
        return mask
    }
}


extension ComparisonOperator {
    /// The operator with its operands swapped: `1 < x` is `x > 1`.
    var mirrored: ComparisonOperator {
        switch self {
        case .less: .greater
        case .lessEqual: .greaterEqual
        case .greater: .less
        case .greaterEqual: .lessEqual
        case .equal, .notEqual: self
        }
    }

    @inline(__always)
    func holds(_ x: Double, _ y: Double) -> Bool {
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
