public import Brain
import Foundation
import StateVector
public import Strategy

/// Who answers the loop's questions: the compiled checklist alone (`--model rules`, answered at
/// once, in the loop's own thread) or a language model (asked through the prompt, answered later).
public struct Decider: Sendable {
    private enum Kind: Sendable {
        case rules
        case model(any LanguageModel, PromptTemplate)
    }

    private let kind: Kind
    /// How reports and the journal announce the decider.
    public let description: String
    /// Longest a model call may take before it counts as no answer.
    public var timeout: Duration
    /// The GBNF grammar every request carries (llama.cpp servers); nil for free text.
    public var grammar: String?
    /// The most a reply may hold and a request may last (`ReplyLimits`).
    public var limits: ReplyLimits = .default
    /// How the model is sampled and how long it may think (the strategy's `model:` section over
    /// the command line's options).
    public var sampling = Sampling()

    /// Temperature, context window and think budget of every request.
    public struct Sampling: Hashable, Sendable {
        /// Nil: 0, the most repeatable decisions.
        public var temperature: Double?
        /// ollama's `num_ctx`; nil: the server's.
        public var contextTokens: Int?
        public var thinkBudget: ThinkBudget?

        public init(temperature: Double? = nil, contextTokens: Int? = nil, thinkBudget: ThinkBudget? = nil) {
            self.temperature = temperature
            self.contextTokens = contextTokens
            self.thinkBudget = thinkBudget
        }
    }

    /// The compiled checklist decides alone; every report says so.
    public static func rules() -> Decider {
        Decider(kind: .rules, description: "rules (the compiled checklist decides alone, no model)", timeout: .zero)
    }

    /// `model` answers prompts rendered from the strategy through `template`.
    public static func model(
        _ model: any LanguageModel, template: PromptTemplate, timeout: Duration = .seconds(30), grammar: String? = nil,
        limits: ReplyLimits = .default, sampling: Sampling = Sampling()
    ) -> Decider {
        Decider(
            kind: .model(model, template), description: model.name, timeout: timeout, grammar: grammar, limits: limits,
            sampling: sampling)
    }

    public var isRules: Bool {
        if case .rules = kind { return true }
        return false
    }

    /// The rules' answer, decided now; nil when a model must be asked.
    public func immediate(_ question: Consultation, strategy: CompiledStrategy) -> ModelAnswer? {
        guard case .rules = kind else { return nil }
        let command: Command
        if question.state.account.position == 0, question.longPassed || question.shortPassed {
            command = RulesDecider(strategy: strategy).decide(question.state, previous: question.previous)
        } else if question.state.account.position != 0 {
            // The loop has already applied every compiled exit rule that fired.
            command = .wait(reason: "holding: compiled exits manage the position")
        } else {
            command = .wait(reason: "no setup")
        }
        let text = command.description
        return ModelAnswer(
            consultation: question.id, reply: ParsedReply(outcome: .success(command), raw: text, reasoning: nil, answer: text),
            latency: .zero)
    }

    /// The prompt the model is sent about `question`; nil when the rules decide.
    public func messages(for question: Consultation, strategy: CompiledStrategy) -> [ChatMessage]? {
        guard case .model(_, let template) = kind else { return nil }
        return Self.messages(question, strategy: strategy, template: template)
    }

    private static func messages(_ question: Consultation, strategy: CompiledStrategy, template: PromptTemplate) -> [ChatMessage] {
        let renderer = PromptRenderer(strategy: strategy.definition, template: template)
        let checklist = question.checklist ?? strategy.evaluate(question.state, previous: question.previous)
        return renderer.messages(for: question.state, checklist: checklist)
    }

    /// Asks the model about `question` and waits for its answer (or its failure).
    public func ask(_ question: Consultation, strategy: CompiledStrategy) async -> ModelAnswer {
        guard case .model(let model, let template) = kind else {
            return immediate(question, strategy: strategy)
                ?? ModelAnswer(consultation: question.id, reply: nil, failure: "no decider", latency: .zero)
        }
        let request = ModelRequest(
            messages: Self.messages(question, strategy: strategy, template: template), timeout: timeout,
            temperature: sampling.temperature ?? 0, contextLength: sampling.contextTokens, grammar: grammar, limits: limits)
        let started = ContinuousClock.now
        do {
            let budgeted = try await model.complete(request, budget: sampling.thinkBudget)
            let reply = budgeted.reply
            let record = ModelReplyRecord(promptHash: request.promptHash, reply: reply)
            return ModelAnswer(
                consultation: question.id, reply: budgeted.parsed, latency: reply.latency, record: record,
                thinkBudget: budgeted.budget)
        } catch {
            return ModelAnswer(
                consultation: question.id, reply: nil, failure: "\(model.name): \(error)", latency: ContinuousClock.now - started)
        }
    }
}
