extension ModelCheck {
    /// The report `fsd model check` prints.
    public var text: String {
        var lines = ["Model check: \(model) on strategy \(strategy)"]
        for call in calls {
            var parts = ["\(call.label) at \(call.time.clock): \(Self.one(call.latencyMs / 1000)) s"]
            if let ttft = call.ttftMs { parts.append("first token \(Self.one(ttft / 1000)) s") }
            if call.reasoningChars > 0 { parts.append("reasoning \(call.reasoningChars) chars") }
            if let tokens = call.promptTokens {
                parts.append("prompt \(tokens) tokens" + (call.cachedPromptTokens.map { " (\($0) reused from the server's cache)" } ?? ""))
            }
            if let tokens = call.completionTokens { parts.append("completion \(tokens) tokens") }
            if let use = call.thinkBudget { parts.append("think budget \(use)") }
            parts.append(call.command.map { "parsed: \($0)" } ?? "NOT PARSED: \(call.failure ?? "no command")")
            lines.append("  " + parts.joined(separator: ", "))
        }
        if calls.isEmpty { lines.append("  no call: the data has no state to ask about") }
        let lifeText =
            lives.seconds.isEmpty
            ? "no setup in \(lives.ticks) ticks"
            : "\(lives.seconds.count) setups in \(lives.ticks) ticks; life p50 \(lives.percentile(50).map(Self.one) ?? "-") s, "
                + "p90 \(lives.percentile(90).map(Self.one) ?? "-") s, max \(lives.percentile(100).map(Self.one) ?? "-") s"
        lines.append("Setups on this data: " + lifeText)
        if promptBytes > 0 {
            lines.append(
                prefixIsStable
                    ? "Prompt: \(promptBytes) bytes; the first \(sharedPrefix) are the same on consecutive ticks and the state starts at byte \(stateOffset): a warm server re-reads only the state"
                    : "Prompt: \(promptBytes) bytes; consecutive ticks differ from byte \(sharedPrefix), before the state (byte \(stateOffset)): the server re-reads the whole prompt every tick")
        }
        lines.append("Meaning: " + advice)
        return lines.joined(separator: "\n")
    }

    /// The report as one JSON object.
    public var json: String {
        var object = JSONLine()
        object.field("model", model)
        object.field("strategy", strategy)
        object.field(
            "calls",
            rawArray: calls.map { call in
                var line = JSONLine()
                line.field("label", call.label)
                line.field("time", call.time.clock)
                line.field("latency_ms", call.latencyMs)
                line.field("ttft_ms", call.ttftMs)
                line.field("prompt_tokens", call.promptTokens)
                line.field("cached_prompt_tokens", call.cachedPromptTokens)
                line.field("completion_tokens", call.completionTokens)
                line.field("reasoning_chars", call.reasoningChars)
                line.field("parsed", call.command != nil)
                line.field("command", call.command)
                line.field("failure", call.failure)
                if let use = call.thinkBudget {
                    line.field("think_budget_action", use.action.rawValue)
                    line.field("think_budget_spent", use.spent)
                }
                return line.json
            })
        object.field("setups", lives.seconds.count)
        object.field("ticks", lives.ticks)
        object.field("setup_life_p50_s", lives.percentile(50))
        object.field("setup_life_p90_s", lives.percentile(90))
        object.field("prompt_bytes", promptBytes)
        object.field("prompt_shared_prefix_bytes", sharedPrefix)
        object.field("prompt_state_offset", stateOffset)
        object.field("prompt_prefix_stable", prefixIsStable)
        object.field("advice", advice)
        return object.json
    }
}
