/// Shares of LAST and ticks in rules (`SPREAD < 0.02%`, `<= 2t`): price distances, read when the
/// rule runs, that fit only where a price does (docs/RULES.md "Units").
extension TypeChecker {
    /// A share of LAST is LAST × the fraction, a price; ticks are the tick at LAST × their count.
    mutating func checkShare(_ fraction: Double, written: String, source: String) -> CheckedExpression {
        guard let last = RuleNames.topField(named: "LAST") else { return .invalid }
        let base =
            RuleExpression.isTicks(written) ? read(RuleNames.tick, label: "TICK", scope: .top) : read(last, label: "LAST", scope: .top)
        let factor = CheckedExpression(node: .number(fraction), type: .number(.number), text: source)
        return CheckedExpression(node: .arithmetic(.multiply, base, factor), type: .number(.price), text: source)
    }

    /// A share in arithmetic is added to prices or scaled by plain numbers; anything else is a
    /// unit error, reported here. False when reported.
    mutating func shareFits(
        _ op: ArithmeticOperator, _ left: RuleExpression, _ right: RuleExpression, _ l: CheckedExpression,
        _ r: CheckedExpression, _ lk: ValueType.Numeric, _ rk: ValueType.Numeric
    ) -> Bool {
        let (lShare, rShare) = (Self.isShare(left), Self.isShare(right))
        guard lShare || rShare else { return true }
        let (share, other, otherKind) = lShare ? (left, r, rk) : (right, l, lk)
        let fits: Bool =
            switch op {
            case .add, .subtract: otherKind == .price
            case .multiply: otherKind != .price
            case .divide: lShare && otherKind != .price
            }
        guard !fits else { return true }
        problem(
            share.span,
            "'\(slice(share.span))' is a price distance; '\(op.rawValue)' with '\(other.text)', "
                + "\(other.type.phrase), does not make a price",
            note: "add a share to a price (LAST + 2bp), or scale it by a number (2 * 0.02%)")
        return false
    }

    /// A share compares only with prices; anything else is a unit error, reported here. False when
    /// reported.
    mutating func shareCompares(
        _ left: RuleExpression, _ right: RuleExpression, _ l: CheckedExpression, _ r: CheckedExpression
    ) -> Bool {
        for (share, other) in [(left, r), (right, l)] where Self.isShare(share) && other.type.numeric != .price {
            let isPercent =
                other.text.hasPrefix(RuleFunction.pctFromLast.rawValue) || other.text.hasPrefix(RuleFunction.pctFrom.rawValue)
            problem(
                share.span,
                "'\(slice(share.span))' is a price distance, but '\(other.text)' is \(other.type.phrase); "
                    + "a share compares with a price (SPREAD < 0.02%)",
                note: isPercent
                    ? "\(other.text) is already in percent: write the number alone (0.20, not 0.20%)"
                    : "write a plain number to compare \(other.text) with")
            return false
        }
        return true
    }

    /// `0.02%`, `-2bp`, `2t`: a share literal.
    static func isShare(_ expression: RuleExpression) -> Bool {
        if case .share = expression { return true }
        return false
    }
}
