import MarketData
import StateVector

extension SetupObstacle {
    /// The short name of the funnel's table.
    public var label: String {
        self == .risk ? "other risk" : rawValue.replacingOccurrences(of: "_", with: " ")
    }
}

extension SetupFunnel {
    /// The setups of `side` (nil: both).
    public func episodes(_ side: PositionSide?) -> [SetupEpisode] {
        side.map { side in episodes.filter { $0.side == side } } ?? episodes
    }

    /// The one sentence at the top of a summary: why the day traded as it did, from the counts.
    public var why: String {
        guard ticks > 0 else { return "No ticks in the window: the checklist was never evaluated." }
        let setups = episodes.count
        guard setups > 0 else { return "No trades: no setup in \(ticks.grouped) ticks; " + closest }
        let bySide = "long \(episodes(.long).count), short \(episodes(.short).count)"
        let stopped = Self.obstacleList(notTaken, words: true)
        let taken = self.taken
        if taken == 0 {
            return "No trades: \(setups.grouped) setups (\(bySide)), none taken; stopped by \(stopped)."
        }
        let rest = stopped.isEmpty ? "" : "; the rest stopped by \(stopped)"
        return "\(taken.grouped) of \(setups.grouped) setups taken (\(bySide))\(rest)."
    }

    /// The near miss that came closest: the condition that most often failed alone.
    private var closest: String {
        let rows = [long, short].flatMap { side in
            (side.conditions + (side.chaseGuard.map { [$0] } ?? [])).map { (side: side.side, row: $0) }
        }
        guard let best = rows.max(by: { $0.row.alone < $1.row.alone }), best.row.alone > 0 else {
            return "no tick came within one condition of one."
        }
        let null = best.row.null > 0 ? " (it read a null on \(best.row.null.grouped))" : ""
        return "closest: \(best.side.name.lowercased()) \(best.row.name) (\(best.row.rule)) was the only condition failing on "
            + "\(best.row.alone.grouped) ticks, and passed on \(best.row.passed.grouped)\(null)."
    }

    /// `the spread guard (max_spread) stopped 41, the model declined 12`, most first.
    static func obstacleList(_ counts: [SetupObstacle: Int], words: Bool) -> String {
        counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { words ? "\($0.key.words) \($0.value.grouped)" : "\($0.key.label) \($0.value.grouped)" }
            .joined(separator: ", ")
    }

    /// The funnel as lines of text: per side each condition's passing and alone-failing ticks, then
    /// the setups and what stopped them.
    public func table() -> [String] {
        var lines = [
            "Funnel over \(ticks.grouped) ticks (passed: ticks it held; alone: ticks it was the only condition failing; "
                + "null: ticks it read a value not known yet)"
                + (countingSince.map { ", counted since the reload at \($0.clock)" } ?? "") + ":"
        ]
        for side in [long, short] {
            let rows = side.conditions + (side.chaseGuard.map { [$0] } ?? [])
            let width = max(rows.map(\.name.count).max() ?? 0, 9) + 2
            lines.append("  " + side.side.name.padded(toWidth: width) + "passed".padded(toWidth: 10, leading: true)
                + "alone".padded(toWidth: 9, leading: true) + "null".padded(toWidth: 9, leading: true) + "   rule")
            for row in rows {
                let rule = row.name == "chase_guard" ? "not (\(row.rule))" : row.rule
                lines.append(
                    "    " + row.name.padded(toWidth: width - 2) + row.passed.grouped.padded(toWidth: 10, leading: true)
                        + row.alone.grouped.padded(toWidth: 9, leading: true) + row.null.grouped.padded(toWidth: 9, leading: true)
                        + "   " + rule)
            }
            lines.append("    " + setupLine(side.side))
        }
        return lines
    }

    private func setupLine(_ side: PositionSide) -> String {
        let found = episodes(side)
        guard !found.isEmpty else { return "setups 0" }
        let durations = found.map { $0.duration(tick: tick).nanosecondCount }.sorted()
        let median = durations[(durations.count - 1) / 2]
        let ticks = found.reduce(0) { $0 + $1.ticks }
        var stopped: [SetupObstacle: Int] = [:]
        for episode in found { if let outcome = episode.outcome { stopped[outcome, default: 0] += 1 } }
        let notTaken = stopped.isEmpty ? "" : "; not taken: " + Self.obstacleList(stopped, words: false)
        return "setups \(found.count.grouped) over \(ticks.grouped) ticks (median \(Self.seconds(median)), "
            + "longest \(Self.seconds(durations.last ?? 0))); taken \(found.count(where: \.taken).grouped)\(notTaken)"
    }

    static func seconds(_ nanos: Int64) -> String {
        let tenths = (nanos + 50_000_000) / 100_000_000
        return "\(tenths / 10).\(tenths % 10) s"
    }

    /// The funnel as one JSON object for `--json`.
    public var jsonObject: JSONLine {
        var object = JSONLine()
        object.field("why", why)
        object.field("ticks", ticks)
        object.field("first_tick", firstTick?.clock)
        object.field("last_tick", lastTick?.clock)
        object.field("counting_since", countingSince?.clock)
        for side in [long, short] {
            var counts = JSONLine()
            func row(_ row: Row) -> String {
                var line = JSONLine()
                line.field("name", row.name)
                line.field("rule", row.rule)
                line.field("passed", row.passed)
                line.field("alone", row.alone)
                line.field("null", row.null)
                return line.json
            }
            counts.field("conditions", rawArray: side.conditions.map(row))
            if let chase = side.chaseGuard { counts.field("chase_guard", rawJSON: row(chase)) }
            counts.field("setup_ticks", side.setupTicks)
            let found = episodes(side.side)
            counts.field("setups", found.count)
            counts.field("taken", found.count(where: \.taken))
            var stopped = JSONLine()
            for obstacle in SetupObstacle.allCases {
                let count = found.count { $0.outcome == obstacle }
                if count > 0 { stopped.field(obstacle.rawValue, count) }
            }
            counts.field("not_taken", object: stopped)
            object.field(side.side.name.lowercased(), object: counts)
        }
        return object
    }
}
