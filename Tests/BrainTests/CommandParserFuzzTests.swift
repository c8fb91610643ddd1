import Brain
import MarketData
import TestSupport
import Testing

/// Thousands of seeded random and mutated replies: the parser never crashes, never takes a command
/// from the reasoning, never invents a price, and reads every tolerated spelling the same.
@Suite struct CommandParserFuzzTests {
    static func randomPrice(_ rng: inout SplitMix64) -> Price {
        Price(cents: Int64.random(in: 100...99_999, using: &rng))
    }

    static func randomCommand(_ rng: inout SplitMix64) -> Command {
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: .enterLong(limit: randomPrice(&rng), stop: randomPrice(&rng), target: randomPrice(&rng))
        case 1: .enterShort(limit: randomPrice(&rng), stop: randomPrice(&rng), target: randomPrice(&rng))
        case 2: .updateStop(randomPrice(&rng))
        case 3: .updateTarget(randomPrice(&rng))
        case 4: .cancelAll
        default:
            .wait(
                reason: ["no setup", "CVD divergence - trend not confirmed", "spread 0.06 > 0.05", "wall ahead"]
                    .randomElement(using: &rng) ?? "")
        }
    }

    /// The command in one of the spellings a careful reader accepts.
    static func styled(_ command: Command, _ rng: inout SplitMix64) -> String {
        let keyword = command.keyword
        let styledKeyword: String =
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: keyword.lowercased()
            case 1: keyword.replacingUnderscore(with: " ")
            case 2: keyword.capitalizedWords()
            default: keyword
            }
        func arg(_ price: Price, _ name: String) -> String {
            let text = Bool.random(using: &rng) ? price.formatted(decimals: 2) : price.formatted(decimals: 4)
            switch Int.random(in: 0..<5, using: &rng) {
            case 0: return "$" + text
            case 1: return "\"\(text)\""
            case 2: return "\(name)=\(text)"
            case 3: return " \(text) "
            default: return text
            }
        }
        let separator = Bool.random(using: &rng) ? ", " : ","
        switch command {
        case .enterLong(let l, let s, let t), .enterShort(let l, let s, let t):
            return
                "\(styledKeyword)(\([arg(l, "limit"), arg(s, "stop"), arg(t, "target")].joined(separator: separator)))"
        case .updateStop(let p), .updateTarget(let p):
            return "\(styledKeyword)(\(arg(p, "price")))"
        case .cancelAll:
            return "\(styledKeyword)()"
        case .wait(let reason):
            return Bool.random(using: &rng) ? "\(styledKeyword)(\"\(reason)\")" : "\(styledKeyword)('\(reason)')"
        }
    }

    static let fillers = [
        "Entry checklist:", "1. L2_IMBALANCE = 2.1 > 1.5 ✓", "CVD is falling ✗", "Wall at 247.00 is 0.61% away",
        "Hmm, maybe", "Stop: 245.30 (20c risk).", "énorme 🚀 mouvement", "\n", "so the answer is", "(",
        ")", "\"", "<", "think", "ENTER", "LONG", "$", ",",
    ]

    /// Numbers written in `text`, as prices.
    static func pricesWritten(in text: String) -> Set<Price> {
        var found = Set<Price>()
        var current = ""
        for character in text + " " {
            if character.isASCII, character.isNumber || character == "." {
                current.append(character)
            } else {
                if let price = Price(parsing: current) { found.insert(price) }
                current = ""
            }
        }
        return found
    }

    @Test func styledCommandsRoundTrip() {
        var rng = SplitMix64(seed: 20_261_125)
        for _ in 0..<3000 {
            let command = Self.randomCommand(&rng)
            let text = Self.styled(command, &rng)
            #expect(CommandParser.parse(text).outcome == .success(command), "\(text)")
        }
    }

    @Test func r1RepliesWithCommandsInsideThinkTakeOnlyTheAnswer() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<3000 {
            var think = ""
            for _ in 0..<Int.random(in: 0...8, using: &rng) {
                think +=
                    Bool.random(using: &rng)
                    ? Self.styled(Self.randomCommand(&rng), &rng) : (Self.fillers.randomElement(using: &rng) ?? "")
                think += Bool.random(using: &rng) ? "\n" : " "
            }
            think = think.replacing("</think>", with: "")
            let answer = Self.randomCommand(&rng)
            let hasAnswer = Int.random(in: 0..<5, using: &rng) > 0
            let text = "<think>\n\(think)\n</think>\n\n" + (hasAnswer ? Self.styled(answer, &rng) : "I am not sure.")
            let reply = CommandParser.parse(text)
            if hasAnswer {
                #expect(reply.outcome == .success(answer), "\(text)")
            } else {
                #expect(reply.failure != nil, "\(text)")
                #expect(reply.command.isEntry == false)
            }
        }
    }

    @Test func repliesCutOffWhileThinkingNeverTrade() {
        var rng = SplitMix64(seed: 99)
        for _ in 0..<2000 {
            let inside = (0..<4).map { _ in Self.styled(Self.randomCommand(&rng), &rng) }.joined(separator: "\n")
            let full = "<think>\n" + inside
            let cut = Int.random(in: 0...full.count, using: &rng)
            let text = String(full.prefix(cut))
            let reply = CommandParser.parse(text)
            #expect(reply.command.isEntry == false, "\(text)")
            if case .success(let command) = reply.outcome { Issue.record("cut reply gave \(command): \(text)") }
        }
    }

    @Test func mutatedRepliesNeverCrashAndNeverInventPrices() {
        var rng = SplitMix64(seed: 424_242)
        let alphabet = Array("()\"',.$ \n<>/ENTERLONGSHORTWAIT_think0123456789✓é🚀")
        // docs/RELIABILITY.md states this count and its time.
        for _ in 0..<100_000 {
            var characters = Array(
                "<think>\(Self.fillers.randomElement(using: &rng) ?? "")</think>\n"
                    + Self.styled(Self.randomCommand(&rng), &rng))
            for _ in 0..<Int.random(in: 1...4, using: &rng) where !characters.isEmpty {
                let at = Int.random(in: 0..<characters.count, using: &rng)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: characters.remove(at: at)
                case 1: characters.insert(alphabet.randomElement(using: &rng) ?? " ", at: at)
                case 2: characters[at] = alphabet.randomElement(using: &rng) ?? " "
                default: characters.insert(contentsOf: characters[at..<min(characters.count, at + 12)], at: at)
                }
            }
            let text = String(characters)
            let reply = CommandParser.parse(text)
            if case .success(let command) = reply.outcome {
                let written = Self.pricesWritten(in: reply.answer)
                switch command {
                case .enterLong(let l, let s, let t), .enterShort(let l, let s, let t):
                    #expect(written.isSuperset(of: [l, s, t]), "\(text)")
                case .updateStop(let p), .updateTarget(let p):
                    #expect(written.contains(p), "\(text)")
                default: break
                }
                #expect(reply.answer.uppercased().contains(String(command.keyword.prefix(4))), "\(text)")
            }
        }
    }

    @Test func randomBytesNeverCrashOrTrade() {
        var rng = SplitMix64(seed: 1)
        for _ in 0..<3000 {
            let bytes = (0..<Int.random(in: 0...200, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let reply = CommandParser.parse(String(decoding: bytes, as: UTF8.self))
            #expect(reply.command.isEntry == false)
        }
    }
}

extension String {
    fileprivate func replacingUnderscore(with replacement: Character) -> String {
        String(map { $0 == "_" ? replacement : $0 })
    }

    fileprivate func capitalizedWords() -> String {
        split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }.joined(separator: "_")
    }
}
