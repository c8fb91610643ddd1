import NIOCore
import NIOHTTP1
import NIOPosix

/// An HTTP/1.1 server on 127.0.0.1 (a free port) that answers every request with the response a
/// test scripts for it, byte for byte and at the pace scripted: the wire formats of ollama and of
/// OpenAI-compatible servers for real, over a real socket. It records every request it gets.
public final class LLMTestServer: Sendable {
    /// The port it listens on.
    public let port: Int
    private let channel: any Channel
    private let task: Task<Void, Never>
    private let log: RequestLog

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts a server; `respond` is called once per request.
    public static func start(
        _ respond: @escaping @Sendable (CapturedRequest) -> ScriptedResponse
    ) async throws -> LLMTestServer {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(
                        wrappingChannelSynchronously: channel)
                }
            }
        guard let port = server.channel.localAddress?.port else {
            try? await server.channel.close()
            throw TestServerError(message: "the test server bound no port")
        }
        let log = RequestLog()
        let task = Task<Void, Never> {
            _ = try? await withThrowingDiscardingTaskGroup { group in
                try await server.executeThenClose { inbound in
                    for try await connection in inbound {
                        group.addTask {
                            await Self.serve(connection, respond: respond, log: log)
                            await log.connectionClosed()
                        }
                    }
                }
            }
        }
        return LLMTestServer(port: port, channel: server.channel, task: task, log: log)
    }

    private init(port: Int, channel: any Channel, task: Task<Void, Never>, log: RequestLog) {
        self.port = port
        self.channel = channel
        self.task = task
        self.log = log
    }

    /// Every request received so far, in order.
    public func requests() async -> [CapturedRequest] { await log.all }

    /// Connections that have ended so far: a client that gave up a streaming request mid-answer
    /// shows here once the server's next write fails.
    public func closedConnections() async -> Int { await log.closed }

    /// Stops listening and ends every connection, stalled ones included.
    public func shutdown() async {
        task.cancel()
        try? await channel.close()
        await task.value
    }

    private static func serve(
        _ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>,
        respond: @Sendable (CapturedRequest) -> ScriptedResponse, log: RequestLog
    ) async {
        try? await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var body: [UInt8] = []
            var served = 0
            for try await part in inbound {
                switch part {
                case .head(let requestHead):
                    head = requestHead
                    body = []
                case .body(let buffer):
                    body += buffer.readableBytesView
                case .end:
                    guard let requestHead = head else { return }
                    let request = CapturedRequest(
                        method: requestHead.method.rawValue, path: requestHead.uri,
                        headers: requestHead.headers.map { (name: $0.name.lowercased(), value: $0.value) }, body: body,
                        onConnection: served)
                    served += 1
                    await log.append(request)
                    let response = respond(request)
                    // A server whose keep-alive timer fired just as the request came: no answer at all.
                    if response.hangUp { return }
                    var headers = HTTPHeaders()
                    for (name, value) in response.headers { headers.add(name: name, value: value) }
                    if !response.keepAlive { headers.replaceOrAdd(name: "connection", value: "close") }
                    try await outbound.write(
                        .head(
                            HTTPResponseHead(
                                version: .http1_1, status: HTTPResponseStatus(statusCode: response.status),
                                headers: headers)))
                    for step in response.steps {
                        switch step {
                        case .send(let bytes):
                            try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: bytes))))
                        case .pause(let duration):
                            try await Task.sleep(for: duration)
                        case .stall:
                            try await Task.sleep(for: .seconds(3600))
                        case .repeatForever(let bytes):
                            // Until the client hangs up (the write fails) or the server shuts down. A
                            // write to a writable channel does not suspend: the pause keeps this loop
                            // from holding a thread of the shared pool that the client needs too.
                            let batch = Array(repeating: bytes, count: max(1, 16_384 / max(1, bytes.count)))
                            let buffer = ByteBuffer(bytes: batch.flatMap { $0 })
                            while !Task.isCancelled {
                                try await outbound.write(.body(.byteBuffer(buffer)))
                                try await Task.sleep(for: .milliseconds(1))
                            }
                            return
                        case .close:
                            return
                        }
                    }
                    try await outbound.write(.end(nil))
                    guard response.keepAlive else { return }
                    head = nil
                }
            }
        }
    }
}

/// The test server could not start.
public struct TestServerError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

private actor RequestLog {
    private(set) var all: [CapturedRequest] = []
    private(set) var closed = 0
    func append(_ request: CapturedRequest) { all.append(request) }
    func connectionClosed() { closed += 1 }
}
