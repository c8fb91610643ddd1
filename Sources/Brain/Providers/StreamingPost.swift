import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// One streaming POST to a model server: sends the body, feeds the reply's lines to a decoder, and
/// turns every way it can fail into a `ModelError` that says what to do.
struct StreamingPost: Sendable {
    let url: String
    let body: [UInt8]
    let headers: [(String, String)]
    let client: HTTPClient
    let provider: ProviderKind
    /// Maps a non-2xx status and its body to an error (the provider knows what a 404 means).
    let httpError: @Sendable (_ status: UInt, _ body: String) -> ModelError

    /// Bytes of an error body kept for the message.
    static let errorBodyLimit = 16 * 1024
    /// A reply longer than this is a runaway generation, not a decision.
    static let maxReplyCharacters = 1_000_000

    func run<Decoder: StreamDecoder>(_ decoder: Decoder, model: String, timeout: Duration) async throws -> ModelReply {
        let progress = Progress()
        let started = ContinuousClock.now
        let finished: Decoder? = try await withThrowingTaskGroup(of: Decoder?.self) { group in
            group.addTask { try await self.stream(decoder, progress: progress, timeout: timeout) }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
        guard let finished else {
            throw ModelError.timeout(url, after: timeout, received: await progress.received)
        }
        let latency = ContinuousClock.now - started
        return finished.reply(
            model: model, latency: latency, timeToFirstToken: finished.firstTextAt.map { $0 - started })
    }

    private func stream<Decoder: StreamDecoder>(
        _ initial: Decoder, progress: Progress, timeout: Duration
    ) async throws -> Decoder {
        var decoder = initial
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let deadline = NIODeadline.now() + .nanoseconds(timeout.nanosecondsClamped) + .seconds(1)
        do {
            let response = try await client.execute(request, deadline: deadline)
            guard (200..<300).contains(response.status.code) else {
                var collected: [UInt8] = []
                for try await chunk in response.body where collected.count < Self.errorBodyLimit {
                    collected += chunk.readableBytesView.prefix(Self.errorBodyLimit - collected.count)
                }
                throw httpError(response.status.code, String(decoding: collected, as: UTF8.self))
            }
            var lines = LineBuffer()
            for try await chunk in response.body {
                for line in lines.append(chunk.readableBytesView) { try decoder.consume(line: line) }
                await progress.set(decoder.received)
                guard decoder.received <= Self.maxReplyCharacters, lines.pendingCount <= 4 * Self.maxReplyCharacters
                else {
                    throw ModelError(
                        .serverError,
                        "the reply from \(url) passed \(Self.maxReplyCharacters) characters without ending: a runaway "
                            + "generation; cap it with a smaller max_tokens / num_predict")
                }
            }
            if let last = lines.finish() { try decoder.consume(line: last) }
            try decoder.finish()
            return decoder
        } catch let error as ModelError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw classify(error, received: decoder.received, timeout: timeout)
        }
    }

    /// Names a transport error from AsyncHTTPClient or NIO.
    private func classify(_ error: any Error, received: Int, timeout: Duration) -> any Error {
        if Task.isCancelled { return CancellationError() }
        let text = String(reflecting: error)
        if let clientError = error as? HTTPClientError {
            if clientError == .deadlineExceeded || clientError == .readTimeout {
                return ModelError.timeout(url, after: timeout, received: received)
            }
            if clientError == .cancelled { return CancellationError() }
            if clientError == .remoteConnectionClosed {
                return ModelError.truncated(url, received: received, marker: endMarker)
            }
            if clientError == .connectTimeout {
                return ModelError(
                    .connectionRefused, "connecting to \(url) timed out: is the address right and the server up?")
            }
        }
        if text.contains("connectionRefused") || text.contains("ECONNREFUSED") || text.contains("Connection refused") {
            return ModelError.connectionRefused(url, provider: provider)
        }
        if text.contains("connectTimeout") || text.contains("connectFailed") || text.contains("NIOConnectionError") {
            return ModelError(.connectionRefused, "cannot connect to \(url): \(text.prefix(200))")
        }
        return ModelError(
            .truncatedStream, "the request to \(url) failed after \(received) characters: \(text.prefix(300))")
    }

    private var endMarker: String {
        switch provider {
        case .ollama: "a final {\"done\": true} line"
        case .openAI: "`data: [DONE]`"
        }
    }
}

/// How much of the reply has arrived, readable when the deadline cuts the stream.
private actor Progress {
    private(set) var received = 0
    func set(_ value: Int) { received = value }
}

extension Duration {
    var nanosecondsClamped: Int64 {
        let (seconds, attoseconds) = components
        guard seconds < 1_000_000_000 else { return Int64.max / 2 }
        return max(0, seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
