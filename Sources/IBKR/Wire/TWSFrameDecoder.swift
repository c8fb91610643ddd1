import NIOCore

/// Cuts the inbound byte stream into `TWSFrame`s, whatever way TCP split or coalesced it.
///
/// On the server side it first expects the client hello (`API\0` and the framed version range),
/// delivered as a one-field frame holding the range text.
public struct TWSFrameDecoder: ByteToMessageDecoder {
    public typealias InboundOut = TWSFrame

    private var expectingHelloPrefix: Bool

    /// - Parameter expectsClientHello: true on a server, false on a client.
    public init(expectsClientHello: Bool) {
        self.expectingHelloPrefix = expectsClientHello
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let expecting = expectingHelloPrefix
        let step = try buffer.withUnsafeReadableBytes { bytes in
            try TWSFrameParser.parse(bytes, expectingHelloPrefix: expecting)
        }
        switch step {
        case .needMoreData:
            return .needMoreData
        case .helloPrefix:
            buffer.moveReaderIndex(forwardBy: 4)
            expectingHelloPrefix = false
            return .continue
        case .frame(let frame, let consumed):
            buffer.moveReaderIndex(forwardBy: consumed)
            context.fireChannelRead(wrapInboundOut(frame))
            return .continue
        }
    }

    public mutating func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws -> DecodingState {
        // A partial frame at EOF is the peer's loss: the connection is gone either way.
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}
