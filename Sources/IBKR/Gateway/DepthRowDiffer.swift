import MarketData

/// Turns two snapshots of one side's top rows into position-addressed row operations that leave a
/// client with the new rows under either reading of "insert" (shift down, as TWS documents, or set
/// in place, as ib_async applies it): changed rows are updated in place, extra rows appended at the
/// end, surplus rows deleted from the end.
enum DepthRowDiffer {
    static func diff(old: [BookLevel], new: [BookLevel]) -> [(position: Int, operation: TWSDepthRow.Operation, level: BookLevel)] {
        var operations: [(Int, TWSDepthRow.Operation, BookLevel)] = []
        let common = min(old.count, new.count)
        for position in 0..<common where old[position] != new[position] {
            operations.append((position, .update, new[position]))
        }
        if new.count > old.count {
            for position in old.count..<new.count { operations.append((position, .insert, new[position])) }
        } else if old.count > new.count {
            for position in stride(from: old.count - 1, through: new.count, by: -1) {
                operations.append((position, .delete, old[position]))
            }
        }
        return operations
    }
}
