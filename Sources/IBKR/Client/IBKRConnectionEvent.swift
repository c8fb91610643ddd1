/// What a connection tells its listeners, in order.
public enum IBKRConnectionEvent: Sendable {
    case state(IBKRConnectionState)
    /// Every decoded message, reconciliation replies included.
    case response(TWSResponse)
    /// A (re)connection or a 1101 voided every subscription: subscribe again now.
    case resubscribe
    /// What TWS holds after a (re)connection, read before the state turns `ready`.
    case reconciled(IBKRReconciliation)
}
