import MarketData
import StateVector

/// Evaluates a parsed (unchecked) rule tree by walking it on every call, resolving names by
/// string against the schema each time: the naive way, kept as the baseline the compiled
/// closures are benchmarked and cross-checked against. Same semantics as the compiler.
struct ReferenceInterpreter {
    enum Value {
        case number(Double, price: Bool)
        case truth(Truth)
        case word(String)
        case text(String)
        case list(ListAccess)
        case object([Field])
        case element(ListAccess, Int)
        case null
    }

    let state: StateVector
    var scope: [(ListAccess, Int)] = []

    init(state: StateVector) { self.state = state }

    mutating func truth(_ e: RuleExpression) -> Truth {
        switch evaluate(e) {
        case .truth(let t): t
        default: .unknown
        }
    }

    mutating func evaluate(_ e: RuleExpression) -> Value {
        switch e {
        case .number(let v, _, _): return .number(v, price: false)
        case .share(let fraction, let written, _):
            let field = RuleExpression.isTicks(written) ? RuleNames.tick : RuleNames.topField(named: "LAST")
            guard let field, case .number(let base, _) = read(field, index: 0, label: field.name) else { return .null }
            return .number(base * fraction, price: true)
        case .string(let s, _): return .text(s)
        case .bool(let b, _): return .truth(Truth(b))
        case .name(let name, _):
            if let (list, index) = scope.last, let field = list.element.first(where: { $0.name == name }) {
                return read(field, index: index, label: name)
            }
            if let field = RuleNames.topField(named: name) { return read(field, index: 0, label: name) }
            return .word(name)
        case .member(let base, let name, _):
            switch evaluate(base) {
            case .object(let fields):
                return fields.first { $0.name == name }.map { read($0, index: 0, label: name) } ?? .null
            case .element(let list, let index):
                guard index < list.count(state), let field = list.element.first(where: { $0.name == name }) else {
                    return .null
                }
                return read(field, index: index, label: name)
            default: return .null
            }
        case .index(let base, let index, _):
            if case .list(let list) = evaluate(base) { return .element(list, index) }
            return .null
        case .negate(let inner, _):
            if case .number(let v, let p) = evaluate(inner) { return .number(-v, price: p) }
            return .null
        case .arithmetic(let op, let l, let r, _):
            guard case .number(let x, let px) = evaluate(l), case .number(let y, let py) = evaluate(r) else {
                return .null
            }
            let value: Double
            switch op {
            case .add: value = x + y
            case .subtract: value = x - y
            case .multiply: value = x * y
            case .divide:
                guard y != 0 else { return .null }
                value = x / y
            }
            return value.isFinite ? .number(value, price: px || py) : .null
        case .compare(let op, let l, let r, _):
            let x = evaluate(l)
            return .truth(compare(op, x, operand(r, against: x)))
        case .inList(let l, let items, let negated, _):
            let x = evaluate(l)
            var result = Truth.no
            for item in items {
                let t = compare(.equal, x, operand(item, against: x))
                if t == .yes {
                    result = .yes
                    break
                }
                if t == .unknown { result = .unknown }
            }
            return .truth(negated ? result.negated : result)
        case .and(let l, let r, _):
            let x = truth(l)
            if x == .no { return .truth(.no) }
            let y = truth(r)
            if y == .no { return .truth(.no) }
            return .truth(x == .yes && y == .yes ? .yes : .unknown)
        case .or(let l, let r, _):
            let x = truth(l)
            if x == .yes { return .truth(.yes) }
            let y = truth(r)
            if y == .yes { return .truth(.yes) }
            return .truth(x == .no && y == .no ? .no : .unknown)
        case .not(let inner, _):
            return .truth(truth(inner).negated)
        case .call(let name, _, let arguments, _):
            return call(name, arguments)
        }
    }

    /// A bare name compared with an enum value is read as a value name (`role == STOP`).
    private mutating func operand(_ e: RuleExpression, against other: Value) -> Value {
        if case .word = other, case .name(let name, _) = e { return .word(name) }
        return evaluate(e)
    }

    private func read(_ field: Field, index: Int, label: String) -> Value {
        switch field.kind {
        case .price(let r), .money(let r): return r(state, index).map { .number($0.dollars, price: true) } ?? .null
        case .integer(let r): return r(state, index).map { .number(Double($0), price: false) } ?? .null
        case .number(let r): return r(state, index).map { .number($0, price: false) } ?? .null
        case .bool(let r): return r(state, index).map { .truth(Truth($0)) } ?? .truth(.unknown)
        case .string(let r): return r(state, index).map { .text($0) } ?? .null
        case .enumeration(let type, let r): return r(state, index).map { .word(type.values[$0]) } ?? .null
        case .object(let fields): return .object(fields)
        case .list(let element, _, let count): return .list(ListAccess(label: label, element: element, count: count))
        }
    }

    private func compare(_ op: ComparisonOperator, _ x: Value, _ y: Value) -> Truth {
        switch (x, y) {
        case (.number(var a, let pa), .number(var b, let pb)):
            if pa || pb {
                a = (a * 10_000).rounded()
                b = (b * 10_000).rounded()
            }
            return Truth(op.holds(a, b))
        case (.word(let a), .word(let b)), (.text(let a), .text(let b)):
            return Truth((a == b) == (op == .equal))
        case (.truth(let a), .truth(let b)):
            guard a != .unknown, b != .unknown else { return .unknown }
            return Truth((a == b) == (op == .equal))
        default:
            return .unknown
        }
    }

    private mutating func call(_ name: String, _ arguments: [RuleExpression]) -> Value {
        switch name {
        case "abs":
            if case .number(let v, let p) = evaluate(arguments[0]) { return .number(Swift.abs(v), price: p) }
            return .null
        case "min", "max":
            var result: Double?
            var price = false
            for argument in arguments {
                guard case .number(let v, let p) = evaluate(argument) else { return .null }
                price = price || p
                result = result.map { name == "min" ? Swift.min($0, v) : Swift.max($0, v) } ?? v
            }
            return result.map { .number($0, price: price) } ?? .null
        case "pct_from_last", "pct_from":
            let reference: Value
            if name == "pct_from" {
                reference = evaluate(arguments[1])
            } else {
                reference = state.market.last.map { .number($0.dollars, price: true) } ?? .null
            }
            guard case .number(let x, _) = evaluate(arguments[0]), case .number(let r, _) = reference, r != 0 else {
                return .null
            }
            let value = Swift.abs(x - r) / Swift.abs(r) * 100
            return value.isFinite ? .number(value, price: false) : .null
        case "is_null":
            switch evaluate(arguments[0]) {
            case .null, .truth(.unknown): return .truth(.yes)
            default: return .truth(.no)
            }
        case "any", "all", "none", "count", "min_of", "max_of", "sum_of":
            guard case .list(let list) = evaluate(arguments[0]) else { return .null }
            return quantify(name, list, arguments)
        default:
            return .null
        }
    }

    private mutating func quantify(_ name: String, _ list: ListAccess, _ arguments: [RuleExpression]) -> Value {
        var sawUnknown = false
        var matches = 0
        var aggregate: Double?
        var price = false
        for index in 0..<list.count(state) {
            scope.append((list, index))
            defer { scope.removeLast() }
            if ["min_of", "max_of", "sum_of"].contains(name) {
                if arguments.count == 3 {
                    let t = truth(arguments[2])
                    if t == .unknown { return .null }
                    if t == .no { continue }
                }
                guard case .number(let v, let p) = evaluate(arguments[1]) else { return .null }
                price = p
                aggregate =
                    aggregate.map {
                        name == "min_of" ? Swift.min($0, v) : (name == "max_of" ? Swift.max($0, v) : $0 + v)
                    } ?? v
                continue
            }
            let t = arguments.count > 1 ? truth(arguments[1]) : .yes
            switch t {
            case .yes:
                if name == "any" { return .truth(.yes) }
                if name == "none" { return .truth(.no) }
                matches += 1
            case .no:
                if name == "all" { return .truth(.no) }
            case .unknown:
                if name == "count" { return .null }
                sawUnknown = true
            }
        }
        switch name {
        case "count": return .number(Double(matches), price: false)
        case "min_of", "max_of": return aggregate.map { .number($0, price: price) } ?? .null
        case "sum_of": return .number(aggregate ?? 0, price: price)
        default: return .truth(sawUnknown ? .unknown : (name == "any" ? .no : .yes))
        }
    }
}
