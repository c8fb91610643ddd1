/// Parsed, checked orderbook rows, handed from the parsing thread to the reader.
final class RowBlock: @unchecked Sendable {
    static let rowCapacity = 2048

    /// Values after the 4 × L of the line: the occupied ask and bid level counts, then the first
    /// column that may differ from the previous row and the end of those columns.
    static let trailerCount = 4

    /// Per row: the 4 × L values of the line, then the trailer.
    @exclusivity(unchecked) private(set) var values: UnsafeMutablePointer<Int64>
    @exclusivity(unchecked) private(set) var stride = 0
    /// Rows filled.
    @exclusivity(unchecked) var count = 0
    /// An error met after the rows of this block: thrown once they have been replayed.
    var failure: ReplayError?

    init() {
        values = .allocate(capacity: 1)
    }

    /// Makes room for `rowCapacity` rows of `columns` values and the trailer.
    func prepare(columns: Int) {
        let stride = columns + Self.trailerCount
        guard stride != self.stride else { return }
        values.deallocate()
        values = .allocate(capacity: stride * Self.rowCapacity)
        self.stride = stride
    }

    deinit { values.deallocate() }
}
