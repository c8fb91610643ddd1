import NIOCore

/// Writes `TWSOutboundFrame`s as bytes.
public struct TWSFrameEncoder: MessageToByteEncoder {
    public typealias OutboundIn = TWSOutboundFrame

    public init() {}

    public func encode(data: TWSOutboundFrame, out: inout ByteBuffer) throws {
        switch data {
        case .frame(let frame):
            out.writeBytes(TWSFrameParser.encode(frame))
        case .clientHello(let versions):
            out.writeBytes(TWSFrameParser.encodeClientHello(versions))
        }
    }
}
