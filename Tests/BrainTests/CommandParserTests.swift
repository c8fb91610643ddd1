import Brain
import MarketData
import Testing

@Suite struct CommandParserTests {
    private func price(_ text: String) -> Price { Price(parsing: text) ?? Price(raw: -1) }
    private func long(_ l: String, _ s: String, _ t: String) -> Command {
        .enterLong(limit: price(l), stop: price(s), target: price(t))
    }
    private func parsed(_ text: String) -> Result<Command, ParseFailure> { CommandParser.parse(text).outcome }
    private func failure(_ text: String) -> String? { CommandParser.parse(text).failure?.message }

    @Test func everyCommandInItsCanonicalForm() {
        #expect(
            parsed("ENTER_SHORT(100.00, 100.20, 99.00)")
                == .success(.enterShort(limit: price("100"), stop: price("100.2"), target: price("99"))))
        #expect(parsed("UPDATE_STOP(245.40)") == .success(.updateStop(price("245.40"))))
        #expect(parsed("UPDATE_TARGET(246.90)") == .success(.updateTarget(price("246.90"))))
        #expect(parsed("CANCEL_ALL()") == .success(.cancelAll))
        #expect(parsed("WAIT(\"no setup\")") == .success(.wait(reason: "no setup")))
    }

    @Test func carefulReaderTolerances() {
        let expected = long("245.50", "245.30", "246.80")
        for text in [
            "enter_long(245.50, 245.30, 246.80)",
            "Enter_Long( 245.5 ,245.3,  246.8 )",
            "ENTER_LONG ($245.50, $245.30, $246.80)",
            "ENTER LONG(245.50, 245.30, 246.80)",
            "ENTER-LONG(245.50, 245.30, 246.80)",
            "**Decision:** `ENTER_LONG(245.50, 245.30, 246.80)`",
            "```\nENTER_LONG(245.50, 245.30, 246.80)\n```",
            "ENTER_LONG(\"245.50\", '245.30', \u{201C}246.80\u{201D})",
            "ENTER_LONG(limit=245.50, stop=245.30, target=246.80)",
            "ENTER_LONG(limit_price: 245.50, stop_loss: 245.30, profit_target: 246.80)",
            "ENTER_LONG(245.50, 245.30, 246.80) — full confluence, wall at 247.",
            "\t  ENTER_LONG(245.50,245.30,246.80);  ",
            "ENTER_LONG(\n  245.50,\n  245.30,\n  246.80\n)",
        ] {
            #expect(parsed(text) == .success(expected), "\(text)")
        }
    }

    @Test func waitReasons() {
        #expect(parsed("WAIT('spread too wide')") == .success(.wait(reason: "spread too wide")))
        #expect(parsed("wait(no setup yet)") == .success(.wait(reason: "no setup yet")))
        #expect(parsed("WAIT()") == .success(.wait(reason: "")))
        #expect(parsed("WAIT(reason=\"CVD flat\")") == .success(.wait(reason: "CVD flat")))
        #expect(parsed("WAIT(\"wall at 247 (major)\")") == .success(.wait(reason: "wall at 247 (major)")))
        #expect(parsed("WAIT(\"say \\\"no\\\"\")") == .success(.wait(reason: "say \"no\"")))
        #expect(parsed("WAIT(\u{201C}trend not confirmed\u{201D})") == .success(.wait(reason: "trend not confirmed")))
    }

    @Test func lastWellFormedCommandWins() {
        #expect(
            parsed("ENTER_LONG(245.50, 245.30, 246.80)\nOn reflection: WAIT(\"CVD flat\")")
                == .success(.wait(reason: "CVD flat")))
        #expect(
            parsed("WAIT(\"x\") ... ENTER_LONG(245.50, 245.30, 246.80)") == .success(long("245.50", "245.30", "246.80"))
        )
        // An earlier malformed attempt corrected by a later well-formed one.
        #expect(
            parsed("ENTER_LONG(245.50, 245.30)\nENTER_LONG(245.50, 245.30, 246.80)")
                == .success(long("245.50", "245.30", "246.80")))
    }

    @Test func commandsInsideThinkNeverCount() {
        let text = """
            <think>Maybe ENTER_LONG(245.50, 245.30, 246.80)? Or ENTER_SHORT(245.48, 245.68, 244.50)?
            CANCEL_ALL() would be wrong. UPDATE_STOP(1.00) no.</think>
            WAIT("not sure")
            """
        #expect(parsed(text) == .success(.wait(reason: "not sure")))
    }

    @Test func aMalformedLastCommandIsAFailureNotAnEarlierTrade() {
        let reply = CommandParser.parse("ENTER_LONG(245.50, 245.30, 246.80)\nactually ENTER_SHORT(245.50, 245.70)")
        #expect(reply.failure?.message == "ENTER_SHORT takes 3 prices (limit, stop, target), found 2")
        #expect(reply.failure?.excerpt == "ENTER_SHORT(245.50, 245.70)")
        #expect(
            reply.command
                == .wait(
                    reason:
                        "parse failure: ENTER_SHORT takes 3 prices (limit, stop, target), found 2 in `ENTER_SHORT(245.50, 245.70)`"
                ))
    }

    @Test func malformedRepliesAreFailuresWithPreciseMessages() {
        #expect(
            failure("")
                == "the answer is empty; expected one of ENTER_LONG(limit, stop, target), ENTER_SHORT(limit, stop, target), UPDATE_STOP(price), UPDATE_TARGET(price), CANCEL_ALL(), WAIT(\"reason\")"
        )
        #expect(failure("I would go long here.")?.hasPrefix("no command in the answer") == true)
        #expect(
            failure("ENTER_LONG(limit_price, stop_loss, profit_target)")
                == "argument 1 of ENTER_LONG: 'limit_price' is not a price (expected e.g. 245.50)")
        #expect(failure("ENTER_LONG(245.50, 245.30, 246.80") == "ENTER_LONG( is never closed by ')'")
        // A later candidate inside an unclosed one still counts: it is the last.
        #expect(parsed("ENTER_LONG(245.50, 245.30, 246.80\nthen WAIT(x)") == .success(.wait(reason: "x")))
        #expect(
            failure("ENTER_LONG(245.50, 245.30,\nwhich is 246.80)")
                == "argument 3 of ENTER_LONG: 'which is 246.80' is not a price (expected e.g. 245.50)")
        #expect(
            failure("ENTER_LONG(1,245.50, 245.30, 246.80)")
                == "ENTER_LONG takes 3 prices (limit, stop, target), found 4")
        #expect(failure("ENTER_LONG(245.50, 0, 246.80)") == "argument 2 of ENTER_LONG: '0' is not a positive price")
        #expect(
            failure("ENTER_LONG(245.50, -245.30, 246.80)")
                == "argument 2 of ENTER_LONG: '-245.30' is not a positive price")
        #expect(failure("ENTER_LONG(245.505, 245.30, 246.80)") == nil)
        #expect(
            failure("ENTER_LONG(245.50001, 245.30, 246.80)")
                == "argument 1 of ENTER_LONG: '245.50001' is not a price (expected e.g. 245.50)")
        #expect(
            failure("ENTER_LONG(stop=245.30, limit=245.50, target=246.80)")
                == "argument 1 of ENTER_LONG: it is labelled 'stop', expected limit")
        #expect(failure("CANCEL_ALL(now)") == "CANCEL_ALL takes no arguments, found 1")
        #expect(failure("UPDATE_STOP()") == "UPDATE_STOP takes 1 price, found 0")
        #expect(failure("UPDATE_STOP(1e3)") == "argument 1 of UPDATE_STOP: '1e3' is not a price (expected e.g. 245.50)")
        #expect(failure("WAIT(\"never closed") == "the reason of WAIT( never ends with a closing quote")
        #expect(
            failure("<think>ENTER_LONG(245.50, 245.30, 246.80)")
                == "the reply ends inside a <think> block that never closed (cut off while reasoning?)")
    }

    @Test func keywordsInsideOtherWordsAreNotCommands() {
        #expect(failure("REENTER_LONG(245.50, 245.30, 246.80)") != nil)
        #expect(failure("WAITING(for pullback)") != nil)
        #expect(parsed("We should WAIT (\"pullback\")") == .success(.wait(reason: "pullback")))
    }

    @Test func orphanClosingTagMeansTheTemplateOpenedTheThinkBlock() {
        let reply = CommandParser.parse("checking ENTER_SHORT(1.00, 1.10, 0.50) ...\n</think>\n\nCANCEL_ALL()")
        #expect(reply.outcome == .success(.cancelAll))
        #expect(reply.reasoning == "checking ENTER_SHORT(1.00, 1.10, 0.50) ...")
    }

    @Test func thinkTagsMatchAnyCase() {
        #expect(parsed("<THINK>ENTER_LONG(1.00, 0.90, 1.50)</Think>WAIT(\"no\")") == .success(.wait(reason: "no")))
    }

    @Test func subPennyPricesParseExactly() {
        #expect(parsed("UPDATE_STOP(245.4050)") == .success(.updateStop(Price(raw: 2_454_050))))
        #expect(Command.updateStop(Price(raw: 2_454_050)).description == "UPDATE_STOP(245.4050)")
    }

    @Test func descriptionRoundTrips() {
        for command: Command in [
            long("245.50", "245.30", "246.80"),
            .enterShort(limit: price("10"), stop: price("10.2"), target: price("9.5")),
            .updateStop(price("1.23")), .updateTarget(price("4.56")), .cancelAll, .wait(reason: "he said \"no\""),
        ] {
            let expected: Command = if case .wait = command { .wait(reason: "he said 'no'") } else { command }
            #expect(parsed(command.description) == .success(expected))
        }
    }
}
