import MarketData
import StateVector

extension RuleCompiler {
    /// A field read in its scope, recording the value when tracing.
    static func field<T>(
        _ read: @escaping FieldReader<T>, _ access: FieldAccess, describe: @escaping @Sendable (T) -> Reading.Value
    ) -> Code<T?> {
        let label = access.label
        switch access.scope {
        case .top:
            return { s, _, c in
                let value = read(s, 0)
                if c.trace != nil { c.record(label, element: false, value.map(describe) ?? .null) }
                return value
            }
        case .element:
            return { s, _, c in
                let value = read(s, c.index)
                if c.trace != nil { c.record(label, element: true, value.map(describe) ?? .null) }
                return value
            }
        case .fixed(let index, let count):
            return { s, _, c in
                let value = index < count(s) ? read(s, index) : nil
                if c.trace != nil { c.record(label, element: false, value.map(describe) ?? .null) }
                return value
            }
        }
    }

    /// A field read as a condition: a null bool is unknown.
    static func boolField(
        _ read: @escaping FieldReader<Bool>, _ access: FieldAccess,
        describe: @escaping @Sendable (Bool) -> Reading.Value
    )
        -> Code<Truth>
    {
        let value: Code<Bool?> = field(read, access, describe: describe)
        return { s, p, c in value(s, p, &c).map(Truth.init) ?? .unknown }
    }

    // MARK: - Numbers (in dollars for prices)

    static func number(_ e: CheckedExpression) -> Code<Double?> {
        switch e.node {
        case .number(let value):
            return { _, _, _ in value }
        case .read(let access):
            switch access.field.kind {
            case .price(let read), .money(let read):
                if let direct = directPrice(read, access) { return direct.run }
                let code = field(read, access) { .price($0) }
                return { s, p, c in code(s, p, &c)?.dollars }
            case .integer(let read):
                let code = field(read, access) { .integer($0) }
                return { s, p, c in code(s, p, &c).map(Double.init) }
            case .number(let read):
                return field(read, access) { .number($0) }
            default:
                return { _, _, _ in nil }
            }
        case .negate(let inner):
            let a = number(inner)
            return { s, p, c in a(s, p, &c).map { -$0 } }
        case .arithmetic(let op, let l, let r):
            return arithmetic(op, number(l), number(r))
        case .function(let function, let arguments):
            return recorded(e, function: function, arguments.map { NumberCode(run: number($0)) })
        case .count(let list, let predicate):
            return recorded(e, count(list, predicate.map { TruthCode(run: condition($0)) }))
        case .aggregate(let function, let list, let value, let predicate):
            return recorded(e, aggregate(function, list, number(value), predicate.map { TruthCode(run: condition($0)) }))
        case .previous(let inner):
            let a = number(inner)
            let text = e.text
            return { _, p, c in
                guard let p else {
                    c.record(text, element: c.list != nil, .null)
                    return nil
                }
                let saved = c.trace
                c.trace = nil
                let value = a(p, nil, &c)
                c.trace = saved
                c.record(text, element: c.list != nil, value.map(Reading.Value.number) ?? .null)
                return value
            }
        default:
            return { _, _, _ in nil }
        }
    }

    /// A price read at the top level or in the current element, in dollars, in one closure.
    private static func directPrice(_ read: @escaping FieldReader<Price>, _ access: FieldAccess) -> NumberCode? {
        let element: Bool
        switch access.scope {
        case .top: element = false
        case .element: element = true
        case .fixed: return nil
        }
        let label = access.label
        return NumberCode { s, _, c in
            let value = read(s, element ? c.index : 0)
            if c.trace != nil { c.record(label, element: element, value.map(Reading.Value.price) ?? .null) }
            return value?.dollars
        }
    }

    private static func arithmetic(_ op: ArithmeticOperator, _ a: @escaping Code<Double?>, _ b: @escaping Code<Double?>)
        -> Code<Double?>
    {
        switch op {
        case .add:
            return { s, p, c in
                guard let x = a(s, p, &c), let y = b(s, p, &c) else { return nil }; return finite(x + y)
            }
        case .subtract:
            return { s, p, c in
                guard let x = a(s, p, &c), let y = b(s, p, &c) else { return nil }; return finite(x - y)
            }
        case .multiply:
            return { s, p, c in
                guard let x = a(s, p, &c), let y = b(s, p, &c) else { return nil }; return finite(x * y)
            }
        case .divide:
            return { s, p, c in
                guard let x = a(s, p, &c), let y = b(s, p, &c), y != 0 else { return nil }
                return finite(x / y)
            }
        }
    }

    @inline(__always) static func finite(_ value: Double) -> Double? { value.isFinite ? value : nil }

    /// A computed value recorded under its source text when tracing (`pct_from_last(price)`).
    private static func recorded(_ e: CheckedExpression, _ code: @escaping Code<Double?>) -> Code<Double?> {
        let text = e.text
        let kind = e.type.numeric ?? .number
        return { s, p, c in
            let value = code(s, p, &c)
            if c.trace != nil { c.record(text, element: c.list != nil, describe(value, kind)) }
            return value
        }
    }

    static func describe(_ value: Double?, _ kind: ValueType.Numeric) -> Reading.Value {
        guard let value else { return .null }
        switch kind {
        case .price: return Price(rounding: value).map(Reading.Value.price) ?? .number(value)
        case .integer where abs(value) < 9e15: return .integer(Int64(value))
        default: return .number(value)
        }
    }

    private static func recorded(_ e: CheckedExpression, function: RuleFunction, _ arguments: [NumberCode]) -> Code<
        Double?
    > {
        let code: Code<Double?>
        switch function {
        case .abs:
            let a = arguments[0]
            code = { s, p, c in a.run(s, p, &c).map(Swift.abs) }
        case .min, .max:
            let wantsMin = function == .min
            code = { s, p, c in
                var result: Double?
                for argument in arguments {
                    guard let value = argument.run(s, p, &c) else { return nil }
                    if let current = result {
                        result = wantsMin ? Swift.min(current, value) : Swift.max(current, value)
                    } else {
                        result = value
                    }
                }
                return result
            }
        case .pctFromLast:
            // One closure reads LAST and records the result: the hot part of wall rules.
            let a = arguments[0]
            let text = e.text
            return { s, p, c in
                guard let x = a.run(s, p, &c) else {
                    c.record(text, element: c.list != nil, .null)
                    return nil
                }
                let last = s.market.last
                c.record("LAST", element: false, last.map(Reading.Value.price) ?? .null)
                var result: Double?
                if let reference = last?.dollars, reference != 0 { result = finite(Swift.abs(x - reference) / reference * 100) }
                c.record(text, element: c.list != nil, describe(result, .number))
                return result
            }
        case .pctFrom:
            let a = arguments[0]
            let b = arguments[1]
            code = { s, p, c in
                guard let x = a.run(s, p, &c), let reference = b.run(s, p, &c), reference != 0 else { return nil }
                return finite(Swift.abs(x - reference) / Swift.abs(reference) * 100)
            }
        default:
            code = { _, _, _ in nil }
        }
        return recorded(e, code)
    }

    private static func count(_ list: ListAccess, _ predicate: TruthCode?) -> Code<Double?> {
        let count = list.count
        let label = list.label
        guard let predicate else { return { s, _, _ in Double(count(s)) } }
        return { s, p, c in
            let saved = (c.index, c.list)
            if c.trace != nil { c.list = label }
            defer { (c.index, c.list) = saved }
            var total = 0
            for index in 0..<count(s) {
                c.index = index
                switch predicate.run(s, p, &c) {
                case .yes: total += 1
                case .unknown: return nil
                case .no: break
                }
            }
            return Double(total)
        }
    }

    private static func aggregate(
        _ function: RuleFunction, _ list: ListAccess, _ value: @escaping Code<Double?>, _ predicate: TruthCode?
    ) -> Code<Double?> {
        let count = list.count
        let label = list.label
        return { s, p, c in
            let saved = (c.index, c.list)
            if c.trace != nil { c.list = label }
            defer { (c.index, c.list) = saved }
            var result: Double?
            for index in 0..<count(s) {
                c.index = index
                if let predicate {
                    switch predicate.run(s, p, &c) {
                    case .yes: break
                    case .no: continue
                    case .unknown: return nil
                    }
                }
                guard let x = value(s, p, &c) else { return nil }
                guard let current = result else {
                    result = x
                    continue
                }
                switch function {
                case .minOf: result = Swift.min(current, x)
                case .maxOf: result = Swift.max(current, x)
                default: result = current + x
                }
            }
            if result == nil, function == .sumOf { return 0 }
            return result
        }
    }

    // MARK: - Enumerations and text

    static func enumeration(_ e: CheckedExpression) -> Code<Int?> {
        switch e.node {
        case .enumValue(let value):
            return { _, _, _ in value }
        case .read(let access):
            guard case .enumeration(let type, let read) = access.field.kind else { return { _, _, _ in nil } }
            let names = type.values
            return field(read, access) { $0 >= 0 && $0 < names.count ? .text(names[$0]) : .integer(Int64($0)) }
        case .previous(let inner):
            let a = enumeration(inner)
            return { _, p, c in
                guard let p else { return nil }
                let saved = c.trace
                c.trace = nil
                defer { c.trace = saved }
                return a(p, nil, &c)
            }
        default:
            return { _, _, _ in nil }
        }
    }

    static func string(_ e: CheckedExpression) -> Code<String?> {
        switch e.node {
        case .string(let value):
            return { _, _, _ in value }
        case .read(let access):
            guard case .string(let read) = access.field.kind else { return { _, _, _ in nil } }
            return field(read, access) { .text($0) }
        case .previous(let inner):
            let a = string(inner)
            return { _, p, c in
                guard let p else { return nil }
                let saved = c.trace
                c.trace = nil
                defer { c.trace = saved }
                return a(p, nil, &c)
            }
        default:
            return { _, _, _ in nil }
        }
    }
}
