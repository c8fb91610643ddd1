import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// One streaming POST to a model server: sends the body, feeds the reply's lines to a decoder, and
/// turns every way it can fail into a `ModelError` that says what to do.
///
/// What bounds it: `timeout` for one attempt's reply, `ReplyLimits` for the reply's size and for the
/// whole request. A connection found dead before any answer (a keep-alive the server closed, or one
/// a cancelled request left in the pool) is retried once on a new connection; redirects are refused.
struct StreamingPost: Sendable {
    let url: String
    let body: [UInt8]
    let headers: [(String, String)]
    let client: HTTPClient
    let provider: ProviderKind
    /// Maps a non-2xx status and its body to an error (the provider knows what a 404 means).
    let httpError: @Sendable (_ status: UInt, _ body: String) -> ModelError
    /// The client of the one retry: it never reuses a connection, so the retry cannot meet the
    /// dead one (or another idle one that died the same way) again.
    var retryClient: HTTPClient = BrainHTTPClient.freshConnections

    /// Bytes of an error body kept for the message.
    static let errorBodyLimit = 16 * 1024

    /// - Parameter thinkBudget: reasoning tokens before any answer past which the stream is closed
    ///   and the reply ends with `ModelReply.thinkBudgetReason`; nil for none.
    func run<Decoder: StreamDecoder>(
        _ decoder: Decoder, model: String, timeout: Duration, limits: ReplyLimits, thinkBudget: Int? = nil
    ) async throws -> ModelReply {
        let started = ContinuousClock.now
        let ceiling = started + limits.maxRequestTime
        do {
            return try await attempt(
                decoder, on: client, model: model, timeout: timeout, limits: limits, thinkBudget: thinkBudget,
                started: started, ceiling: ceiling)
        } catch let stale as StaleConnection {
            do {
                return try await attempt(
                    decoder, on: retryClient, model: model, timeout: timeout, limits: limits,
                    thinkBudget: thinkBudget, started: started, ceiling: ceiling)
            } catch let again as StaleConnection {
                throw ModelError(
                    .truncatedStream,
                    "the connection to \(url) closed before any reply, on a new connection too (first: "
                        + "\(stale.detail); then: \(again.detail)): the server drops requests; check its log")
            }
        }
    }

    private func attempt<Decoder: StreamDecoder>(
        _ decoder: Decoder, on client: HTTPClient, model: String, timeout: Duration, limits: ReplyLimits,
        thinkBudget: Int?, started: ContinuousClock.Instant, ceiling: ContinuousClock.Instant
    ) async throws -> ModelReply {
        let deadline = Deadline(
            reply: ContinuousClock.now + timeout, ceiling: ceiling, timeout: timeout, maxRequest: limits.maxRequestTime)
        let progress = Progress()
        let finished: Streamed<Decoder>? = try await withThrowingTaskGroup(of: Streamed<Decoder>?.self) { group in
            group.addTask {
                try await self.stream(
                    decoder, on: client, progress: progress, deadline: deadline, limits: limits, thinkBudget: thinkBudget)
            }
            // For a server that sends nothing at all: the reader checks the deadline only per chunk.
            group.addTask {
                try await Task.sleep(until: deadline.earliest, clock: .continuous)
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
        guard let finished else {
            let (received, beginning) = await progress.snapshot
            throw deadline.error(url, received: received, beginning: beginning)
        }
        var reply = finished.decoder.reply(
            model: model, latency: ContinuousClock.now - started,
            timeToFirstToken: finished.decoder.firstTextAt.map { $0 - started })
        let tokens = finished.decoder.meter.tokens
        reply.reasoningTokens = tokens > 0 ? tokens : nil
        if finished.cutByThinkBudget { reply.finishReason = ModelReply.thinkBudgetReason }
        return reply
    }

    private func stream<Decoder: StreamDecoder>(
        _ initial: Decoder, on client: HTTPClient, progress: Progress, deadline: Deadline, limits: ReplyLimits,
        thinkBudget: Int?
    ) async throws -> Streamed<Decoder> {
        var decoder = initial
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let left = deadline.earliest - ContinuousClock.now
        let clientDeadline = NIODeadline.now() + .nanoseconds(left.nanosecondsClamped) + .seconds(1)
        var responded = false
        do {
            let response = try await client.execute(request, deadline: clientDeadline)
            responded = true
            if (300..<400).contains(response.status.code) {
                throw ModelError.redirectRefused(
                    url, status: response.status.code, location: response.headers.first(name: "location"))
            }
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
                await progress.set(decoder.received, beginning: decoder.beginning)
                try check(decoder, lines, deadline: deadline, limits: limits)
                if let thinkBudget, !decoder.meter.answering, decoder.meter.tokens > thinkBudget {
                    // Leaving the body unread ends the request: the connection closes and the
                    // server stops generating.
                    return Streamed(decoder: decoder, cutByThinkBudget: true)
                }
            }
            if let last = lines.finish() { try decoder.consume(line: last) }
            try decoder.finish()
            return Streamed(decoder: decoder, cutByThinkBudget: false)
        } catch let error as ModelError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            if !responded, !Task.isCancelled, Self.isDeadConnection(error) { throw StaleConnection(detail: "\(error)") }
            throw classify(error, decoder: decoder, deadline: deadline)
        }
    }

    /// The limits, checked after every chunk: a reader kept busy by a fast server stops here.
    private func check<Decoder: StreamDecoder>(
        _ decoder: Decoder, _ lines: LineBuffer, deadline: Deadline, limits: ReplyLimits
    ) throws(ModelError) {
        if decoder.received > limits.maxCharacters {
            throw .replyTooLong(
                url, limit: limits.maxCharacters, received: decoder.received, beginning: decoder.beginning)
        }
        if lines.pendingCount + decoder.pendingBytes > limits.maxLineBytes {
            let beginning = decoder.received > 0 ? decoder.beginning : lines.pendingPrefix(200)
            throw .lineTooLong(url, limit: limits.maxLineBytes, beginning: beginning)
        }
        if ContinuousClock.now >= deadline.earliest {
            throw deadline.error(url, received: decoder.received, beginning: decoder.beginning)
        }
    }

    /// A connection that was already dead when the request went out: the server saw no request,
    /// so sending it again is safe.
    private static func isDeadConnection(_ error: any Error) -> Bool {
        if let clientError = error as? HTTPClientError, clientError == .remoteConnectionClosed { return true }
        if let channelError = error as? ChannelError {
            switch channelError {
            case .ioOnClosedChannel, .alreadyClosed, .eof, .outputClosed: return true
            default: break
            }
        }
        let text = String(reflecting: error)
        return text.contains("ioOnClosedChannel") || text.contains("Connection reset")
            || text.contains("ECONNRESET") || text.contains("Broken pipe")
    }

    /// Names a transport error from AsyncHTTPClient or NIO.
    private func classify<Decoder: StreamDecoder>(
        _ error: any Error, decoder: Decoder, deadline: Deadline
    ) -> any Error {
        if Task.isCancelled { return CancellationError() }
        let received = decoder.received
        let text = String(reflecting: error)
        if let clientError = error as? HTTPClientError {
            if clientError == .deadlineExceeded || clientError == .readTimeout {
                return deadline.error(url, received: received, beginning: decoder.beginning)
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

/// When an attempt must end: its reply deadline or the whole request's ceiling, whichever is first.
private struct Deadline: Sendable {
    let reply: ContinuousClock.Instant
    let ceiling: ContinuousClock.Instant
    let timeout: Duration
    let maxRequest: Duration

    var earliest: ContinuousClock.Instant { min(reply, ceiling) }

    /// The error of the limit that ended the attempt.
    func error(_ url: String, received: Int, beginning: String) -> ModelError {
        ceiling < reply
            ? .requestTooLong(url, limit: maxRequest, received: received, beginning: beginning)
            : .timeout(url, after: timeout, received: received, beginning: beginning)
    }
}

/// A stream read to its end, or stopped when its reasoning spent the think budget.
private struct Streamed<Decoder: StreamDecoder>: Sendable {
    var decoder: Decoder
    var cutByThinkBudget: Bool
}

/// The pooled connection was dead before the server answered.
private struct StaleConnection: Error {
    let detail: String
}

/// How much of the reply has arrived, readable when the deadline cuts the stream.
private actor Progress {
    private var received = 0
    private var beginning = ""

    func set(_ value: Int, beginning text: String) {
        received = value
        beginning = text
    }

    var snapshot: (Int, String) { (received, beginning) }
}

extension Duration {
    var nanosecondsClamped: Int64 {
        let (seconds, attoseconds) = components
        guard seconds < 1_000_000_000 else { return Int64.max / 2 }
        return max(0, seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
