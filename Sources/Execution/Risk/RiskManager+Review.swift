import MarketData
public import StateVector

extension RiskManager {
    /// The dry run of `command` on an account as a state vector shows it: every limit it breaks,
    /// by the same checks the `ExecutionEngine` runs (its answer is the first). A stop or target
    /// change is measured from the position's average entry.
    public func review(
        _ command: TradeCommand, account: AccountState, hasLiveOrders: Bool, flattening: Bool = false, market: MarketContext
    ) -> [RiskRefusal] {
        switch command {
        case .enter(let intent):
            return review(intent, market: market, account: account, hasLiveOrders: hasLiveOrders, flattening: flattening)
        case .updateStop(let price), .updateTarget(let price):
            guard account.position != 0, let side = account.positionSide, let entry = account.avgEntry else {
                return [.noPosition]
            }
            let result =
                if case .updateStop = command {
                    approveStop(price, side: side, entry: entry, market: market).map { _ in () }
                } else {
                    approveTarget(price, side: side, entry: entry, market: market).map { _ in () }
                }
            if case .failure(let refusal) = result { return [refusal] }
            return []
        case .cancelAllAndFlatten:
            return []
        }
    }
}
