import Agent
import ArgumentParser
import Brain
import Foundation
import MarketData
import StateVector
import Strategy

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `fsd decide`: one full decision on one state — prompt, model reply, parsed command, verdict.
struct DecideCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decide",
        abstract: "One full decision on one state: prompt, model reply, parsed command, the checklist's verdict.",
        discussion: """
            Renders the strategy's prompt for the state, asks the model (its reasoning streams to the \
            terminal, dimmed), parses the command the model answered, and prints the checklist's \
            verdict on it: AGREE, REFUSE with each failing condition and the value it read, or \
            DISAGREE when the model waits while the rules see a setup. A reply that holds no \
            well-formed command counts as WAIT and is shown raw.

            --model takes ollama:NAME (default ollama:deepseek-r1:8b at 127.0.0.1:11434), \
            ollama:URL#NAME, openai:URL#NAME (llama.cpp's llama-server, vLLM, LM Studio; an API key \
            is read from $FSD_OPENAI_API_KEY), recorded:JOURNAL.jsonl (replies of an earlier run), \
            or rules (no model: the checklist proposes the command, so everything works without a \
            model server).

            Exit status: 0 when a decision was made (whatever the verdict), 1 for invalid input \
            (strategy, state, template or --model), 2 when the model could not answer.

            Examples:
              fsd decide --strategy strategies/momentum.yaml --state state.json --model rules
              fsd decide --strategy strategies/momentum.yaml --state state.json --show-prompt
              fsd decide --strategy strategies/momentum.yaml --state state.json \\
                --model openai:http://127.0.0.1:8765#gemma3-270m --grammar --timeout 60
              fsd state --data FILE --at 10:15:00 > state.json    # a state from a replay
            See docs/LLM.md for models, the prompt template and recorded decisions.
            """
    )

    @Option(help: "Strategy file (YAML), e.g. strategies/momentum.yaml.")
    var strategy: String

    @Option(help: "State vector JSON (the seed's shape, as `fsd state` prints it).")
    var state: String

    @OptionGroup var decision: ModelOptions

    @Flag(help: "Print the rendered prompt before asking.")
    var showPrompt = false

    @Flag(help: "Print the decision as one JSON object instead of text.")
    var json = false

    @OptionGroup var overrideOptions: OverrideOptions

    func run() async throws {
        let compiled: CompiledStrategy
        do {
            compiled = try StrategyLoader.load(contentsOf: strategy, overrides: overrideOptions.overrides)
        } catch let error as StrategyError {
            return try fail(error.description, status: error.isUnreadable ? 2 : 1)
        } catch let error as OverrideError {
            return try fail(error.description, status: 1)
        } catch {
            return try fail("\(strategy): error: \(error)", status: 2)
        }
        guard let bytes = FileManager.default.contents(atPath: state).map(Array.init) else {
            return try fail("\(state): error: cannot read the state file; check the path", status: 2)
        }
        let vector: StateVector
        do {
            vector = try StateVectorDecoder.decode(bytes, fileName: state)
        } catch {
            return try fail(error.rendered(source: bytes), status: 1)
        }
        let spec: ModelSpec
        let renderer: PromptRenderer
        do {
            spec = try ModelSpec.parse(decision.model)
            renderer = PromptRenderer(
                strategy: compiled.definition,
                template: try PromptTemplate.locate(
                    explicit: decision.template, strategyPath: strategy, strategyName: compiled.definition.name,
                    strategyPrompt: compiled.definition.prompt))
        } catch let error as ModelSpecError {
            return try fail("error: --model: \(error)", status: 1)
        } catch {
            return try fail("\(error)", status: 1)
        }
        let checklist = compiled.evaluate(vector)
        let messages = renderer.messages(for: vector, checklist: checklist)
        let output = TerminalOutput(enabled: !json)
        if showPrompt, !json {
            output.section("prompt: system (\(renderer.template.source))")
            output.line(messages[0].content)
            output.section("prompt: user")
            output.line(messages[1].content)
        }
        let settings = decision.resolved(compiled.definition.model, defaultTimeout: .seconds(120))
        let request = ModelRequest(
            messages: messages, timeout: settings.timeout, temperature: settings.sampling.temperature ?? 0,
            contextLength: settings.sampling.contextTokens, grammar: settings.grammarText, limits: settings.limits,
            onEvent: { output.stream($0) })
        let budgeted: BudgetedReply
        do {
            if let languageModel = try spec.makeModel() {
                output.section("asking \(languageModel.name)")
                budgeted = try await languageModel.complete(request, budget: settings.sampling.thinkBudget)
            } else {
                budgeted = BudgetedReply(reply: RulesDecider(strategy: compiled).reply(vector, checklist: checklist), budget: nil)
            }
        } catch let error as ModelError {
            output.endStream()
            // Asking a provider for what it cannot do (a grammar from ollama) is the user's input.
            return try fail("error: \(error)", status: error.kind == .unsupported ? 1 : 2)
        }
        output.endStream()
        let reply = budgeted.reply
        let parsed = budgeted.parsed
        // The agent's own judgement of an answer arriving now on this state: the gate, then a dry
        // run of the risk manager listing every limit the command breaks.
        // One state: under `gate: hold` it is both the one asked about and the one at arrival.
        let call: ChecklistCall = checklist.long.passed ? .long : checklist.short.passed ? .short : .none
        let hold =
            compiled.definition.gate == .hold && parsed.command.isEntry
            ? SetupHold(parsed.command, askedCall: call, state: vector, previous: nil, strategy: compiled) : nil
        let review = GateReview(
            parsed.command, state: vector, checklist: checklist, risk: compiled.definition.risk, at: Timestamp(nanos: 0),
            commandGiven: parsed.failure == nil, hold: hold)
        if json {
            try printJSON(
                reply: reply, parsed: parsed, review: review, checklist: checklist, spec: spec, request: request,
                budget: budgeted.budget)
            return
        }
        output.section("decision")
        if let failure = parsed.failure {
            emit("command:   WAIT (\(failure))")
            emit("raw reply: \(parsed.raw)")
        } else {
            emit("command:   \(parsed.command)")
        }
        emit("verdict:   \(review.verdict.reason)")
        for refusal in review.refusals.dropFirst() { emit("           also refused by risk: \(refusal)") }
        emit("setup:     \(checklist.verdict)")
        emit("model:     \(reply.model)\(Self.stats(reply))")
        if let use = budgeted.budget { emit("think:     budget \(use)") }
    }

    private static func stats(_ reply: ModelReply) -> String {
        guard reply.model != RulesDecider.name else { return " (no model: the checklist proposed the command)" }
        var parts: [String] = []
        if let ttft = reply.timeToFirstToken { parts.append("first token \(Self.seconds(ttft))") }
        parts.append("total \(Self.seconds(reply.latency))")
        if let prompt = reply.promptTokens { parts.append("\(prompt) prompt tokens") }
        if let completion = reply.completionTokens { parts.append("\(completion) completion tokens") }
        return " (" + parts.joined(separator: ", ") + ")"
    }

    private static func seconds(_ duration: Duration) -> String {
        String(format: "%.2f s", duration.milliseconds / 1000)
    }

    private func printJSON(
        reply: ModelReply, parsed: ParsedReply, review: GateReview, checklist: Checklist, spec: ModelSpec,
        request: ModelRequest, budget: ThinkBudgetUse?
    ) throws {
        let document = DecisionDocument(
            model: reply.model, promptHash: request.promptHash, reasoning: parsed.reasoning, answer: parsed.answer,
            command: parsed.command.description, parseFailure: parsed.failure?.description,
            verdict: review.verdict.kind.rawValue,
            reasons: [review.verdict.reason] + review.refusals.dropFirst().map { "refused by risk: \($0)" }, setup: checklist.verdict, latencyMs: reply.latency.milliseconds,
            ttftMs: reply.timeToFirstToken?.milliseconds, promptTokens: reply.promptTokens,
            completionTokens: reply.completionTokens, reasoningTokens: reply.reasoningTokens,
            thinkBudget: budget.map {
                ThinkBudgetDocument(
                    limit: $0.limit, spent: $0.spent, action: $0.action.rawValue, thinkingMs: $0.thinking.milliseconds,
                    answerMs: $0.answering?.milliseconds)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        emit(String(decoding: try encoder.encode(document), as: UTF8.self))
    }

    private func fail(_ message: String, status: Int32) throws {
        throw status == 1 ? CLIError.invalidInput(diagnostic: message) : CLIError.runtimeFailure(diagnostic: message)
    }

    struct DecisionDocument: Encodable {
        var model: String
        var promptHash: String
        var reasoning: String?
        var answer: String
        var command: String
        var parseFailure: String?
        var verdict: String
        var reasons: [String]
        var setup: String
        var latencyMs: Double
        var ttftMs: Double?
        var promptTokens: Int?
        var completionTokens: Int?
        var reasoningTokens: Int?
        var thinkBudget: ThinkBudgetDocument?

        enum CodingKeys: String, CodingKey {
            case model, reasoning, answer, command, verdict, reasons, setup
            case promptHash = "prompt_hash", parseFailure = "parse_failure", latencyMs = "latency_ms", ttftMs =
                "ttft_ms"
            case promptTokens = "prompt_tokens", completionTokens = "completion_tokens"
            case reasoningTokens = "reasoning_tokens", thinkBudget = "think_budget"
        }
    }

    /// What the think budget did, as the journal's `think_budget` says it.
    struct ThinkBudgetDocument: Encodable {
        var limit: Int
        var spent: Int
        var action: String
        var thinkingMs: Double
        var answerMs: Double?

        enum CodingKeys: String, CodingKey {
            case limit, spent, action
            case thinkingMs = "thinking_ms", answerMs = "answer_ms"
        }
    }
}

/// Streams a reply to the terminal as it arrives: reasoning dimmed on a TTY, then the answer.
private final class TerminalOutput: @unchecked Sendable {
    private let lock = NSLock()
    private let enabled: Bool
    private let dim: Bool
    private var current: String?

    init(enabled: Bool) {
        self.enabled = enabled
        self.dim = isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    func section(_ title: String) {
        guard enabled else { return }
        endStream()
        emit("── \(title) ──")
    }

    func line(_ text: String) {
        guard enabled else { return }
        emit(text)
    }

    func stream(_ event: StreamEvent) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let (kind, text) =
            switch event {
            case .reasoning(let text): ("reasoning", text)
            case .answer(let text): ("answer", text)
            }
        if current != kind {
            if current != nil { write("\n") }
            write("── \(kind) ──\n")
            current = kind
        }
        write(kind == "reasoning" && dim ? "\u{1B}[2m\(text)\u{1B}[0m" : text)
    }

    func endStream() {
        lock.lock()
        defer { lock.unlock() }
        if current != nil { write("\n") }
        current = nil
    }

    private func write(_ text: String) {
        Console.write(text)
    }
}

/// Writes a line to standard output unbuffered, in order with the streamed reply.
private func emit(_ text: String) {
    Console.line(text)
}
