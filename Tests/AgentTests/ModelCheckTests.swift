import MarketData
import Testing

@testable import Agent

/// `fsd model check`'s arithmetic on hand-made figures.
@Suite struct ModelCheckTests {
    private func check(latencies: [Double], lives: [Double]) -> ModelCheck {
        var measured = SetupLives()
        measured.seconds = lives
        var check = ModelCheck(model: "m", strategy: "s", lives: measured)
        check.calls = latencies.enumerated().map { index, ms in
            ModelCheck.Call(
                label: "call \(index)", time: Timestamp(hours: 10, minutes: 0, seconds: 0), latencyMs: ms, command: "WAIT(\"x\")",
                answered: true)
        }
        return check
    }

    @Test func percentilesAreNearestRank() {
        var lives = SetupLives()
        lives.seconds = [5.0, 0.2, 2.0, 0.4, 1.0]
        #expect(lives.percentile(50) == 1.0)
        #expect(lives.percentile(90) == 5.0)
        #expect(lives.percentile(100) == 5.0)
        #expect(lives.percentile(1) == 0.2)
        #expect(SetupLives().percentile(50) == nil)
    }

    /// With token counts, a too-slow model is told the think budget that would fit: 300 tokens in
    /// the 10 s after a 2 s first token is 30 tokens/s; a 4.0 s life leaves 4.0 − 2.0 − 1 = 1 s.
    @Test func aSlowModelIsToldTheBudgetThatFits() {
        var slow = check(latencies: [12_000], lives: [0.2, 0.4, 1.0, 2.0, 4.0])
        slow.calls[0].ttftMs = 2_000
        slow.calls[0].completionTokens = 300
        #expect(slow.tokensPerSecond == 30)
        #expect(slow.advice.hasSuffix("or a think budget (at the measured 30 tokens/s, max_think_tokens: 30 answers in about 4.0 s)"))
        slow.calls[0].ttftMs = 3_500
        #expect(slow.advice.hasSuffix("(its first token alone takes 3.5 s: no think budget answers within the setups' life)"))
    }

    @Test func theAdviceFollowsTheLatencyAgainstTheSetupsLife() {
        let lives = [0.2, 0.4, 1.0, 2.0, 4.0]
        #expect(
            check(latencies: [11_000, 11_800, 12_500], lives: lives).advice
                == "p50 11.8 s > setups' p90 life 4.0 s: with gate: arrival expect almost no entries; use gate: hold, a faster model, or a think budget")
        #expect(
            check(latencies: [1_500, 3_000], lives: lives).advice
                == "p50 1.5 s is past the setups' p50 life 1.0 s (p90 4.0 s): with gate: arrival about half the setups are lost; gate: hold keeps them")
        #expect(check(latencies: [700], lives: lives).advice == "p50 0.7 s < setups' p50 life 1.0 s: gate: arrival works with this model")
        #expect(check(latencies: [700], lives: []).advice.hasPrefix("the strategy finds no setup on this data"))
    }
}
