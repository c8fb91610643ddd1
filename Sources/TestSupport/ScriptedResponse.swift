/// What the test server answers to one request: a status, headers, then a script of byte writes,
/// pauses, a stall or an abrupt close.
public struct ScriptedResponse: Sendable {
    /// One step of the body.
    public enum Step: Sendable {
        /// Writes and flushes these bytes as one chunk.
        case send([UInt8])
        /// Waits before the next step.
        case pause(Duration)
        /// Never sends anything more (until the server shuts down).
        case stall
        /// Closes the connection at once, without finishing the body.
        case close
        /// Sends these bytes again and again until the client goes away: a stream without end.
        case repeatForever([UInt8])
    }

    public var status: Int
    public var headers: [(name: String, value: String)]
    public var steps: [Step]
    /// Keep the connection open for another request (HTTP keep-alive) instead of closing it.
    public var keepAlive = false
    /// Close the connection without any answer, not even a status line.
    public var hangUp = false

    /// No answer: the connection is closed as soon as the request has arrived.
    public static let hangingUp: ScriptedResponse = {
        var response = ScriptedResponse(steps: [])
        response.hangUp = true
        return response
    }()

    /// This response, leaving the connection open for the next request.
    public func keepingAlive() -> ScriptedResponse {
        var response = self
        response.keepAlive = true
        return response
    }

    public init(status: Int = 200, headers: [(name: String, value: String)] = [], steps: [Step]) {
        self.status = status
        self.headers = headers
        self.steps = steps
    }

    /// `body` written in pieces of `chunkBytes` bytes (so boundaries fall anywhere, inside a UTF-8
    /// character too), each flushed on its own with `gap` between them so TCP keeps them apart.
    public static func chunked(
        status: Int = 200, contentType: String, body: [UInt8], chunkBytes: Int, gap: Duration = .milliseconds(1)
    ) -> ScriptedResponse {
        let size = max(1, chunkBytes)
        var steps: [Step] = []
        var offset = 0
        while offset < body.count {
            let end = min(body.count, offset + size)
            if offset > 0, gap > .zero { steps.append(.pause(gap)) }
            steps.append(.send(Array(body[offset..<end])))
            offset = end
        }
        return ScriptedResponse(status: status, headers: [("content-type", contentType)], steps: steps)
    }

    /// A complete body in one write, with a content length.
    public static func whole(status: Int, contentType: String = "application/json", body: String) -> ScriptedResponse {
        ScriptedResponse(
            status: status, headers: [("content-type", contentType), ("content-length", String(body.utf8.count))],
            steps: [.send(Array(body.utf8))])
    }

    /// The same response cut after `bytes` bytes of body, then `ending` (`.close` or `.stall`).
    public func cut(afterBytes bytes: Int, then ending: Step) -> ScriptedResponse {
        var remaining = bytes
        var kept: [Step] = []
        for step in steps {
            guard case .send(let data) = step else {
                kept.append(step)
                continue
            }
            if data.count >= remaining {
                if remaining > 0 { kept.append(.send(Array(data.prefix(remaining)))) }
                remaining = 0
                break
            }
            kept.append(step)
            remaining -= data.count
        }
        kept.append(.pause(.milliseconds(20)))
        kept.append(ending)
        var response = ScriptedResponse(status: status, headers: headers, steps: kept)
        response.keepAlive = keepAlive
        return response
    }

    /// Every byte the body would carry, in order.
    public var bodyBytes: [UInt8] {
        steps.flatMap { step -> [UInt8] in
            if case .send(let data) = step { return data }
            return []
        }
    }
}
