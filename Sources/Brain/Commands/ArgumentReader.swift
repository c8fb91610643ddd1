import MarketData

/// Reads the parenthesized arguments of one command candidate.
struct ArgumentReader {
    let bytes: [UInt8]
    let keywordStart: Int
    /// Index of the `(`.
    let open: Int

    /// Longest argument list read before the candidate counts as unclosed.
    static let maximumLength = 600

    /// Names a price argument may carry, by command and position (lowercased, `_` between words).
    static let priceNames: [Keyword: [[String]]] = [
        .enterLong: enterNames, .enterShort: enterNames,
        .updateStop: [["price", "new_price", "stop", "new_stop", "stop_price", "stop_loss"]],
        .updateTarget: [["price", "new_price", "target", "new_target", "target_price", "profit_target"]],
    ]
    static let enterNames = [
        ["limit", "limit_price", "entry", "entry_price", "price"],
        ["stop", "stop_loss", "stop_price", "sl"],
        ["target", "profit_target", "target_price", "take_profit", "tp"],
    ]

    func read(_ keyword: Keyword) -> (Result<Command, ParseFailure>, Int) {
        keyword == .wait ? readWait() : readPrices(keyword)
    }

    private func excerpt(to end: Int) -> String {
        let stop = min(end, bytes.count, keywordStart + 120)
        return String(decoding: bytes[keywordStart..<stop], as: UTF8.self)
    }

    private func fail(_ message: String, to end: Int) -> (Result<Command, ParseFailure>, Int) {
        (.failure(ParseFailure(message, excerpt: excerpt(to: end))), open + 1)
    }

    // MARK: - Prices

    private func readPrices(_ keyword: Keyword) -> (Result<Command, ParseFailure>, Int) {
        var close = open + 1
        while close < bytes.count, bytes[close] != UInt8(ascii: ")") {
            let byte = bytes[close]
            if byte == UInt8(ascii: "(") || close - open > Self.maximumLength {
                return fail("\(keyword.spelling)( is never closed by ')'", to: close)
            }
            close += 1
        }
        guard close < bytes.count else { return fail("\(keyword.spelling)( is never closed by ')'", to: close) }
        let inside = bytes[(open + 1)..<close]
        let end = close + 1
        let arguments =
            inside.allSatisfy(Self.isBlank)
            ? [] : inside.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        let names = Self.priceNames[keyword] ?? []
        guard arguments.count == names.count else {
            let expected: String =
                switch keyword {
                case .enterLong, .enterShort: "3 prices (limit, stop, target)"
                case .updateStop, .updateTarget: "1 price"
                default: "no arguments"
                }
            return fail("\(keyword.spelling) takes \(expected), found \(arguments.count)", to: end)
        }
        var prices: [Price] = []
        for (position, argument) in arguments.enumerated() {
            switch Self.price(argument, allowedNames: names[position]) {
            case .success(let price): prices.append(price)
            case .failure(let problem):
                return fail("argument \(position + 1) of \(keyword.spelling): \(problem)", to: end)
            }
        }
        let command: Command? =
            switch keyword {
            case .enterLong: .enterLong(limit: prices[0], stop: prices[1], target: prices[2])
            case .enterShort: .enterShort(limit: prices[0], stop: prices[1], target: prices[2])
            case .updateStop: .updateStop(prices[0])
            case .updateTarget: .updateTarget(prices[0])
            case .cancelAll: .cancelAll
            case .wait: nil
            }
        guard let command else { return fail("internal: WAIT read as prices", to: end) }
        return (.success(command), end)
    }

    private struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    /// One argument: optional `name=` / `name:`, optional quotes, optional `$`, then a plain decimal.
    private static func price(_ argument: ArraySlice<UInt8>, allowedNames: [String]) -> Result<Price, Problem> {
        var text = trim(argument)
        let shown = String(decoding: text, as: UTF8.self)
        if let separator = text.firstIndex(where: { $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: ":") }),
            text.first.map(CommandParser.isLetter) == true
        {
            let name = String(decoding: trim(text[..<separator]), as: UTF8.self).lowercased()
                .replacingSpacesAndDashes()
            guard allowedNames.contains(name) else {
                return .failure(Problem(description: "it is labelled '\(name)', expected \(allowedNames[0])"))
            }
            text = trim(text[(separator + 1)...])
        }
        text = unquote(text)
        guard let price = Price(parsing: String(decoding: text, as: UTF8.self)) else {
            return .failure(Problem(description: "'\(shown)' is not a price (expected e.g. 245.50)"))
        }
        guard price > .zero else { return .failure(Problem(description: "'\(shown)' is not a positive price")) }
        return .success(price)
    }

    // MARK: - WAIT

    private func readWait() -> (Result<Command, ParseFailure>, Int) {
        var cursor = skipBlanks(open + 1)
        // `WAIT(reason="…")`
        let label = Array("reason".utf8)
        if ASCIISearch.matches(label, in: bytes, at: cursor) {
            let after = skipBlanks(cursor + label.count)
            if after < bytes.count, bytes[after] == UInt8(ascii: "=") || bytes[after] == UInt8(ascii: ":") {
                cursor = skipBlanks(after + 1)
            }
        }
        if let (closing, width) = Self.quotePairs.first(where: { matches($0.0, at: cursor) }).map({ ($0.1, $0.0.count) }
        ) {
            var index = cursor + width
            var reason: [UInt8] = []
            while index < bytes.count, index - open <= Self.maximumLength {
                if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count {
                    reason.append(bytes[index + 1])
                    index += 2
                    continue
                }
                if let quote = closing.first(where: { matches($0, at: index) }) {
                    let after = skipBlanks(index + quote.count)
                    guard after < bytes.count, bytes[after] == UInt8(ascii: ")") else {
                        return fail("WAIT(\"…\" is not closed by ')' after its reason", to: after)
                    }
                    return (
                        .success(.wait(reason: ThinkSplitter.trimmed(String(decoding: reason, as: UTF8.self)))),
                        after + 1
                    )
                }
                reason.append(bytes[index])
                index += 1
            }
            return fail("the reason of WAIT( never ends with a closing quote", to: index)
        }
        var close = cursor
        while close < bytes.count, bytes[close] != UInt8(ascii: ")") {
            if bytes[close] == 10 || bytes[close] == 13 || close - open > Self.maximumLength {
                return fail("WAIT( is never closed by ')'", to: close)
            }
            close += 1
        }
        guard close < bytes.count else { return fail("WAIT( is never closed by ')'", to: close) }
        let reason = String(decoding: Self.trim(bytes[cursor..<close]), as: UTF8.self)
        return (.success(.wait(reason: reason)), close + 1)
    }

    /// Opening quote and the closing quotes it accepts.
    static let quotePairs: [([UInt8], [[UInt8]])] = [
        (Array("\"".utf8), [Array("\"".utf8)]),
        (Array("'".utf8), [Array("'".utf8)]),
        (Array("`".utf8), [Array("`".utf8)]),
        (Array("\u{201C}".utf8), [Array("\u{201D}".utf8), Array("\"".utf8)]),
        (Array("\u{2018}".utf8), [Array("\u{2019}".utf8), Array("'".utf8)]),
    ]

    private func matches(_ pattern: [UInt8], at index: Int) -> Bool {
        index + pattern.count <= bytes.count && bytes[index..<(index + pattern.count)].elementsEqual(pattern)
    }

    private func skipBlanks(_ start: Int) -> Int {
        var index = start
        while index < bytes.count, Self.isBlank(bytes[index]) { index += 1 }
        return index
    }

    // MARK: - Helpers

    static func isBlank(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 10 || byte == 13 }

    static func trim(_ slice: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var result = slice
        while let first = result.first, isBlank(first) { result = result.dropFirst() }
        while let last = result.last, isBlank(last) { result = result.dropLast() }
        return result
    }

    /// Removes one pair of matching quotes (ASCII or typographic) around a value.
    static func unquote(_ slice: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        for (opening, closings) in quotePairs where slice.starts(with: opening) {
            for closing in closings
            where slice.count >= opening.count + closing.count && slice.suffix(closing.count).elementsEqual(closing) {
                return trim(slice.dropFirst(opening.count).dropLast(closing.count))
            }
        }
        return slice
    }
}

extension String {
    fileprivate func replacingSpacesAndDashes() -> String {
        String(map { $0 == " " || $0 == "-" ? "_" : $0 })
    }
}
