public import AsyncHTTPClient

/// The HTTP client the model providers use by default.
///
/// `HTTPClient.shared` retries a refused connection with back-off until the request's deadline, so
/// "ollama is not running" would surface only after the whole timeout. This client is configured
/// like it but fails a refused connection at once, which lets the error say what to start. It lives
/// for the whole process (a global is never deinitialized), like `HTTPClient.shared`.
public enum BrainHTTPClient {
    /// The process-wide client: no retry of refused connections, 5 s connect timeout.
    public static let shared: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(5)
        configuration.decompression = .disabled
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()
}
