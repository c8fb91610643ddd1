public import AsyncHTTPClient

/// The HTTP clients the model providers use by default.
///
/// `HTTPClient.shared` retries a refused connection with back-off until the request's deadline, so
/// "ollama is not running" would surface only after the whole timeout. These clients are configured
/// like it but fail a refused connection at once, which lets the error say what to start. They never
/// follow a redirect: a 307 or 308 would send the prompt (the strategy, the account) to whatever
/// address the server names. They live for the whole process (a global is never deinitialized),
/// like `HTTPClient.shared`.
public enum BrainHTTPClient {
    /// The process-wide client: no retry of refused connections, 5 s connect timeout, no redirects.
    public static let shared: HTTPClient = make(reusingConnections: true)

    /// Like `shared`, but every request opens its own connection: for the one retry after a pooled
    /// connection turned out to be dead.
    public static let freshConnections: HTTPClient = make(reusingConnections: false)

    private static func make(reusingConnections: Bool) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(5)
        configuration.decompression = .disabled
        configuration.redirectConfiguration = .disallow
        if !reusingConnections { configuration.maximumUsesPerConnection = 1 }
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }
}
