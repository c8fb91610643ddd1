/// Anything that answers a decision prompt: a model server, a recorded journal, the rules.
///
/// One call at a time per decision; a call honours `request.timeout` and task cancellation, and
/// fails with `ModelError` (or `CancellationError` when its task was cancelled).
public protocol LanguageModel: Sendable {
    /// What reports and the journal call this model, e.g. `ollama:deepseek-r1:8b`.
    var name: String { get }

    /// Sends the request and returns the complete reply.
    func complete(_ request: ModelRequest) async throws -> ModelReply
}
