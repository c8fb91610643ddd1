import NIOCore

/// The last handler of a TWS pipeline: hands frames and the end of the connection to an async
/// consumer, so all protocol state lives in one actor rather than on the event loop.
final class TWSChannelBridge: ChannelInboundHandler, Sendable {
    typealias InboundIn = TWSFrame

    enum Event: Sendable {
        case frame(TWSFrame)
        case closed(String?)
    }

    let continuation: AsyncStream<Event>.Continuation

    init(continuation: AsyncStream<Event>.Continuation) { self.continuation = continuation }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        continuation.yield(.frame(unwrapInboundIn(data)))
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.yield(.closed(nil))
        continuation.finish()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        continuation.yield(.closed(String(describing: error)))
        continuation.finish()
        context.close(promise: nil)
    }
}
