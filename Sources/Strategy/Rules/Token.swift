/// A token of a rule expression; `start` and `end` are offsets in Unicode scalars of the rule text.
struct Token: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case number(Double)
        /// `0.02%` or `2bp`: a share of LAST, as a fraction (0.0002).
        case share(Double)
        case string(String)
        case name(String)
        case keyword(Keyword)
        case symbol(Symbol)
        case end
    }

    enum Keyword: String, Sendable {
        case and, or, not, `in`, `true`, `false`
    }

    enum Symbol: String, Sendable {
        case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">=", equal = "==", notEqual = "!="
        case plus = "+", minus = "-", times = "*", divide = "/"
        case leftParen = "(", rightParen = ")", leftBracket = "[", rightBracket = "]", comma = ",", dot = "."
    }

    var kind: Kind
    var start: Int
    var end: Int
    /// The exact text, for literals (numbers keep their written digits).
    var text: String
}
