import Brain
import Foundation
import TestSupport
import Testing

/// Runs `body` against a fresh test server and always shuts it down.
func withServer<T>(
    _ respond: @escaping @Sendable (CapturedRequest) -> ScriptedResponse,
    _ body: (LLMTestServer) async throws -> T
) async throws -> T {
    let server = try await LLMTestServer.start(respond)
    do {
        let result = try await body(server)
        await server.shutdown()
        return result
    } catch {
        await server.shutdown()
        throw error
    }
}

/// The `ModelError` a call threw, or nil when it threw something else or nothing.
func modelError(_ call: () async throws -> ModelReply) async -> ModelError? {
    do {
        _ = try await call()
        return nil
    } catch let error as ModelError {
        return error
    } catch {
        Issue.record("expected a ModelError, got \(type(of: error)): \(error)")
        return nil
    }
}

/// The request body as a JSON object.
func jsonBody(_ request: CapturedRequest?) -> [String: Any] {
    guard let request, let object = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any] else {
        return [:]
    }
    return object
}

/// Collects streamed events from any task.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [StreamEvent] = []

    func append(_ event: StreamEvent) {
        lock.lock()
        events.append(event)
        lock.unlock()
    }

    var reasoning: String {
        lock.lock()
        defer { lock.unlock() }
        return events.map { if case .reasoning(let text) = $0 { text } else { "" } }.joined()
    }

    var answer: String {
        lock.lock()
        defer { lock.unlock() }
        return events.map { if case .answer(let text) = $0 { text } else { "" } }.joined()
    }
}

let seedMessages: [ChatMessage] = [.system("ROLE: You are FSDTrader."), .user("CURRENT MARKET STATE: {}")]
