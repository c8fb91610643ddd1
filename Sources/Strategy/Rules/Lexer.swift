/// Splits a rule expression into tokens. Linear in the input, never fails silently: a character
/// that cannot start a token is an error at its position, with a hint for common mistakes.
struct Lexer {
    struct Failure: Error, Equatable {
        var offset: Int
        var length: Int
        var message: String
    }

    static let maxLength = 4000

    static func tokenize(_ text: String) -> Result<[Token], Failure> {
        let chars = Array(text.unicodeScalars)
        guard chars.count <= maxLength else {
            return .failure(
                Failure(
                    offset: 0, length: 1,
                    message: "rule longer than \(maxLength) characters; split it into several conditions"))
        }
        var tokens: [Token] = []
        var i = 0
        func emit(_ kind: Token.Kind, _ start: Int, _ end: Int) {
            tokens.append(
                Token(kind: kind, start: start, end: end, text: String(String.UnicodeScalarView(chars[start..<end]))))
        }
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\t" || c == "\n" || c == "\r" {
                i += 1
                continue
            }
            let start = i
            if isDigit(c) {
                while i < chars.count, isDigit(chars[i]) { i += 1 }
                if i + 1 < chars.count, chars[i] == ".", isDigit(chars[i + 1]) {
                    i += 1
                    while i < chars.count, isDigit(chars[i]) { i += 1 }
                }
                let digits = String(String.UnicodeScalarView(chars[start..<i]))
                // `0.02%` and `2bp`: a share of LAST (docs/RULES.md "Units").
                let percent = i < chars.count && chars[i] == "%"
                let basisPoints =
                    i + 1 < chars.count && chars[i] == "b" && chars[i + 1] == "p"
                    && !(i + 2 < chars.count && (isNameStart(chars[i + 2]) || isDigit(chars[i + 2])))
                // `2t`: ticks, whole ones only.
                let ticks =
                    i < chars.count && chars[i] == "t" && !digits.contains(".")
                    && !(i + 1 < chars.count && (isNameStart(chars[i + 1]) || isDigit(chars[i + 1])))
                if i < chars.count, !percent, !basisPoints, !ticks, isNameStart(chars[i]) || chars[i] == "." {
                    return .failure(Failure(offset: start, length: i - start + 1, message: "malformed number"))
                }
                guard let value = Double(digits), value.isFinite else {
                    return .failure(Failure(offset: start, length: i - start, message: "number out of range"))
                }
                if ticks {
                    i += 1
                    emit(.share(value), start, i)
                    continue
                }
                if percent || basisPoints {
                    i += percent ? 1 : 2
                    emit(.share(value / (percent ? 100 : 10_000)), start, i)
                    continue
                }
                emit(.number(value), start, i)
                continue
            }
            if isNameStart(c) {
                while i < chars.count, isNameStart(chars[i]) || isDigit(chars[i]) { i += 1 }
                let word = String(String.UnicodeScalarView(chars[start..<i]))
                if let keyword = Token.Keyword(rawValue: word) {
                    emit(.keyword(keyword), start, i)
                } else if let fix = [
                    "AND": "and", "OR": "or", "NOT": "not", "IN": "in", "True": "true", "False": "false",
                    "TRUE": "true", "FALSE": "false",
                ][word] {
                    return .failure(
                        Failure(
                            offset: start, length: i - start,
                            message: "'\(word)' is written '\(fix)' (keywords are lower case)"))
                } else {
                    emit(.name(word), start, i)
                }
                continue
            }
            if c == "\"" || c == "'" {
                i += 1
                while i < chars.count, chars[i] != c { i += 1 }
                guard i < chars.count else {
                    return .failure(
                        Failure(offset: start, length: 1, message: "unterminated string; close it with \(c)"))
                }
                i += 1
                emit(.string(String(String.UnicodeScalarView(chars[(start + 1)..<(i - 1)]))), start, i)
                continue
            }
            let next: Unicode.Scalar? = i + 1 < chars.count ? chars[i + 1] : nil
            let two: Token.Symbol? =
                switch (c, next) {
                case ("<", "="): .lessEqual
                case (">", "="): .greaterEqual
                case ("=", "="): .equal
                case ("!", "="): .notEqual
                default: nil
                }
            if let two {
                i += 2
                emit(.symbol(two), start, i)
                continue
            }
            if let symbol = Token.Symbol(rawValue: String(c)) {
                i += 1
                emit(.symbol(symbol), start, i)
                continue
            }
            let message: String =
                switch (c, next) {
                case ("=", _): "'=' is not a comparison; write '=='"
                case ("&", "&"): "write 'and' instead of '&&'"
                case ("|", "|"): "write 'or' instead of '||'"
                case ("!", _): "write 'not' instead of '!'"
                case ("%", _): "a '%' belongs right after a number (0.02% is a share of LAST)"
                default: "unexpected character '\(c.escaped(asASCII: true))'"
                }
            return .failure(
                Failure(offset: start, length: (c == "&" || c == "|") && next == c ? 2 : 1, message: message))
        }
        tokens.append(Token(kind: .end, start: chars.count, end: chars.count, text: ""))
        return .success(tokens)
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

    private static func isNameStart(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
    }
}
