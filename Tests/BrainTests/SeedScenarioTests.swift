import Brain
import MarketData
import Testing

/// The seed's section 5 replies, verbatim.
@Suite struct SeedScenarioTests {
    static let scenarioA = """
        <think>
        Entry checklist:
        1. L2_IMBALANCE = 2.1 > 1.5 ✓
        2. RVOL_DAY = 2.8 > 1.5 ✓
        3. HOD_LOD_LOC = TESTING_HOD ✓
        4. TAPE_SENTIMENT = AGGRESSIVE_BUYING ✓
        5. Wall at 247.00 is 0.61% away > 0.20% ✓
        6. CVD_TREND = RISING ✓
        7. FOOTPRINT delta = 2800 > 0 ✓

        Full confluence. Enter now.
        Stop: 245.30 (20c risk). Target: 246.80 (below wall).
        </think>
        ENTER_LONG(245.50, 245.30, 246.80)
        """

    static let scenarioB = """
        <think>
        1. L2_IMBALANCE = 1.6 > 1.5 ✓
        2. CVD_TREND = FALLING ✗

        CVD is falling despite bullish imbalance.
        This is divergence - smart money selling into bids.
        No entry.
        </think>
        WAIT("CVD divergence - trend not confirmed")
        """

    static let scenarioC = """
        <think>
        ABSORPTION_DETECTED = true at BID 244.50.
        Large orders absorbing selling pressure.
        CVD_TREND = RISING confirms buyers in control.
        This is a reversal setup.
        </think>
        ENTER_LONG(244.55, 244.30, 245.50)
        """

    @Test func scenarioAFullConfluenceEntry() {
        let reply = CommandParser.parse(Self.scenarioA)
        #expect(
            reply.outcome
                == .success(
                    .enterLong(limit: Price(cents: 24550), stop: Price(cents: 24530), target: Price(cents: 24680))))
        #expect(reply.answer == "ENTER_LONG(245.50, 245.30, 246.80)")
        #expect(reply.reasoning?.hasPrefix("Entry checklist:") == true)
        #expect(reply.reasoning?.hasSuffix("Target: 246.80 (below wall).") == true)
        #expect(reply.raw == Self.scenarioA)
        #expect(reply.command.description == "ENTER_LONG(245.50, 245.30, 246.80)")
    }

    @Test func scenarioBDivergenceWaits() {
        let reply = CommandParser.parse(Self.scenarioB)
        #expect(reply.outcome == .success(.wait(reason: "CVD divergence - trend not confirmed")))
        #expect(reply.reasoning?.contains("smart money selling into bids") == true)
    }

    @Test func scenarioCAbsorptionEntry() {
        let reply = CommandParser.parse(Self.scenarioC)
        #expect(
            reply.outcome
                == .success(
                    .enterLong(limit: Price(cents: 24455), stop: Price(cents: 24430), target: Price(cents: 24550))))
    }

    @Test func reasoningInSeparateFieldGivesSameCommand() {
        let reply = CommandParser.parse(
            "ENTER_LONG(245.50, 245.30, 246.80)", reasoning: "Entry checklist:\n1. L2_IMBALANCE = 2.1 > 1.5 ✓")
        #expect(
            reply.command
                == .enterLong(limit: Price(cents: 24550), stop: Price(cents: 24530), target: Price(cents: 24680)))
        #expect(reply.reasoning == "Entry checklist:\n1. L2_IMBALANCE = 2.1 > 1.5 ✓")
        #expect(reply.raw.hasPrefix("<think>\nEntry checklist:"))
    }
}
