/// Recursive-descent parser of the rule grammar (docs/RULES.md). Nesting is bounded by
/// `maxDepth`, so no input can exhaust the stack; the first syntax error ends the rule.
struct RuleParser {
    static let maxDepth = 40
    /// Bounds the length of operator chains too (`1 + 1 + …` nests without parentheses), so
    /// checking and evaluating a rule never recurses deeply.
    static let maxOperators = 200

    struct Failure: Error, Equatable {
        var offset: Int
        var length: Int
        var message: String
    }

    private let tokens: [Token]
    private var position = 0
    private var depth = 0
    private var operators = 0

    static func parse(_ text: String) -> Result<RuleExpression, Failure> {
        switch Lexer.tokenize(text) {
        case .failure(let failure):
            return .failure(Failure(offset: failure.offset, length: failure.length, message: failure.message))
        case .success(let tokens):
            var parser = RuleParser(tokens: tokens)
            do {
                if case .end = parser.peek.kind {
                    throw Failure(
                        offset: 0, length: 1, message: "empty rule; write a condition such as 'L2_IMBALANCE > 1.5'")
                }
                let expression = try parser.parseOr()
                guard case .end = parser.peek.kind else {
                    throw parser.unexpected("expected 'and', 'or' or the end of the rule")
                }
                return .success(expression)
            } catch let failure as Failure {
                return .failure(failure)
            } catch {
                return .failure(Failure(offset: 0, length: 1, message: "\(error)"))
            }
        }
    }

    private init(tokens: [Token]) { self.tokens = tokens }

    private var peek: Token { tokens[min(position, tokens.count - 1)] }

    private mutating func advance() -> Token {
        let token = peek
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private func unexpected(_ expectation: String) -> Failure {
        let token = peek
        let found = token.kind == .end ? "the end of the rule" : "'\(token.text)'"
        return Failure(
            offset: token.start, length: max(1, token.end - token.start), message: "\(expectation), found \(found)")
    }

    private mutating func nest<T>(_ body: (inout RuleParser) throws -> T) throws -> T {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else {
            throw Failure(offset: peek.start, length: 1, message: "rule nested deeper than \(Self.maxDepth) levels")
        }
        return try body(&self)
    }

    private mutating func countOperator() throws {
        operators += 1
        guard operators <= Self.maxOperators else {
            throw Failure(
                offset: peek.start, length: 1,
                message: "rule has more than \(Self.maxOperators) operators; split it into several conditions")
        }
    }

    private mutating func accept(_ symbol: Token.Symbol) -> Bool {
        if case .symbol(symbol) = peek.kind {
            _ = advance()
            return true
        }
        return false
    }

    private mutating func accept(_ keyword: Token.Keyword) -> Bool {
        if case .keyword(keyword) = peek.kind {
            _ = advance()
            return true
        }
        return false
    }

    private mutating func expect(_ symbol: Token.Symbol, _ what: String) throws -> Token {
        let token = peek
        guard accept(symbol) else { throw unexpected(what) }
        return token
    }

    mutating func parseOr() throws -> RuleExpression {
        var left = try parseAnd()
        while accept(.or) {
            try countOperator()
            let right = try parseAnd()
            left = .or(left, right, left.span.to(right.span))
        }
        return left
    }

    private mutating func parseAnd() throws -> RuleExpression {
        var left = try parseNot()
        while accept(.and) {
            try countOperator()
            let right = try parseNot()
            left = .and(left, right, left.span.to(right.span))
        }
        return left
    }

    private mutating func parseNot() throws -> RuleExpression {
        let token = peek
        guard accept(.not) else { return try parseComparison() }
        let operand = try nest { try $0.parseNot() }
        return .not(operand, RuleExpression.Span(start: token.start, end: operand.span.end))
    }

    private mutating func parseComparison() throws -> RuleExpression {
        let left = try parseAdditive()
        var result = left
        if case .symbol(let symbol) = peek.kind, let op = ComparisonOperator(symbol) {
            _ = advance()
            let right = try parseAdditive()
            result = .compare(op, left, right, left.span.to(right.span))
        } else if case .keyword(.not) = peek.kind, case .keyword(.in) = tokens[min(position + 1, tokens.count - 1)].kind
        {
            position += 2
            let (items, end) = try parseList()
            result = .inList(left, items, negated: true, RuleExpression.Span(start: left.span.start, end: end))
        } else if accept(.in) {
            let (items, end) = try parseList()
            result = .inList(left, items, negated: false, RuleExpression.Span(start: left.span.start, end: end))
        } else {
            return result
        }
        if case .symbol(let symbol) = peek.kind, ComparisonOperator(symbol) != nil {
            throw Failure(
                offset: peek.start, length: peek.end - peek.start,
                message: "comparisons cannot be chained; write 'a < b and b < c'")
        }
        return result
    }

    private mutating func parseList() throws -> ([RuleExpression], Int) {
        _ = try expect(.leftBracket, "expected '[' to start the list after 'in'")
        var items: [RuleExpression] = []
        if case .symbol(.rightBracket) = peek.kind {
            throw Failure(offset: peek.start, length: 1, message: "empty list after 'in'; name at least one value")
        }
        repeat {
            items.append(try nest { try $0.parseAdditive() })
        } while accept(.comma)
        let close = try expect(.rightBracket, "expected ',' or ']' in the list")
        return (items, close.end)
    }

    private mutating func parseAdditive() throws -> RuleExpression {
        var left = try parseTerm()
        while case .symbol(let symbol) = peek.kind, symbol == .plus || symbol == .minus {
            _ = advance()
            try countOperator()
            let right = try parseTerm()
            left = .arithmetic(symbol == .plus ? .add : .subtract, left, right, left.span.to(right.span))
        }
        return left
    }

    private mutating func parseTerm() throws -> RuleExpression {
        var left = try parseUnary()
        while case .symbol(let symbol) = peek.kind, symbol == .times || symbol == .divide {
            _ = advance()
            try countOperator()
            let right = try parseUnary()
            left = .arithmetic(symbol == .times ? .multiply : .divide, left, right, left.span.to(right.span))
        }
        return left
    }

    private mutating func parseUnary() throws -> RuleExpression {
        let token = peek
        guard accept(.minus) else { return try parsePostfix() }
        let operand = try nest { try $0.parseUnary() }
        if case .number(let value, let text, let span) = operand {
            return .number(-value, text: "-" + text, RuleExpression.Span(start: token.start, end: span.end))
        }
        if case .share(let value, let text, let span) = operand {
            return .share(-value, text: "-" + text, RuleExpression.Span(start: token.start, end: span.end))
        }
        return .negate(operand, RuleExpression.Span(start: token.start, end: operand.span.end))
    }

    private mutating func parsePostfix() throws -> RuleExpression {
        var base = try parsePrimary()
        while true {
            if accept(.dot) {
                guard case .name(let member) = peek.kind else {
                    throw unexpected("expected a field name after '.'")
                }
                let token = advance()
                base = .member(base, member, RuleExpression.Span(start: base.span.start, end: token.end))
            } else if case .symbol(.leftBracket) = peek.kind {
                _ = advance()
                guard case .number(let value) = peek.kind, value >= 0, value < 1000, value == value.rounded() else {
                    throw unexpected("expected a whole number from 0 to 999 as the index")
                }
                _ = advance()
                let close = try expect(.rightBracket, "expected ']' after the index")
                base = .index(base, Int(value), RuleExpression.Span(start: base.span.start, end: close.end))
            } else {
                return base
            }
        }
    }

    private mutating func parsePrimary() throws -> RuleExpression {
        let token = peek
        let span = RuleExpression.Span(start: token.start, end: token.end)
        switch token.kind {
        case .number(let value):
            _ = advance()
            return .number(value, text: token.text, span)
        case .share(let value):
            _ = advance()
            return .share(value, text: token.text, span)
        case .string(let value):
            _ = advance()
            return .string(value, span)
        case .keyword(.true), .keyword(.false):
            _ = advance()
            return .bool(token.kind == .keyword(.true), span)
        case .name(let name):
            _ = advance()
            guard accept(.leftParen) else { return .name(name, span) }
            var arguments: [RuleExpression] = []
            if !accept(.rightParen) {
                repeat {
                    arguments.append(try nest { try $0.parseOr() })
                } while accept(.comma)
                _ = try expect(.rightParen, "expected ',' or ')' after the argument")
            }
            let end = tokens[max(0, position - 1)].end
            return .call(name, nameSpan: span, arguments, RuleExpression.Span(start: token.start, end: end))
        case .symbol(.leftParen):
            _ = advance()
            let inner = try nest { try $0.parseOr() }
            _ = try expect(.rightParen, "expected ')' to close '('")
            return inner
        default:
            throw unexpected("expected a field, a number or '('")
        }
    }
}
