/// Parsed, checked message rows, handed from the parsing thread to the reader.
final class MessageBlock: @unchecked Sendable {
    static let capacity = 4096

    let messages: UnsafeMutablePointer<LobsterMessage>
    /// Rows filled.
    @exclusivity(unchecked) var count = 0
    /// An error met after the rows of this block: thrown once they have been replayed.
    var failure: ReplayError?

    init() {
        messages = .allocate(capacity: Self.capacity)
        messages.initialize(
            repeating: LobsterMessage(time: Timestamp(nanos: 0), type: 0, orderID: 0, size: 0, price: .zero, direction: 0),
            count: Self.capacity)
    }

    deinit { messages.deallocate() }
}
