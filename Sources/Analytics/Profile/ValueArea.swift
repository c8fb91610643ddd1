/// The value area walk (FEATURES.md "Volume profile", Settled detail 11), on storage indices.
enum ValueArea {
    /// Grows the area from `poc` the classic two-row way: the next two buckets above against the
    /// next two below (a pair cut short at the range's end, an exhausted side skipped), the larger
    /// pair added whole (above on a tie), until the area holds >= `percent` of `total`. Every
    /// bucket in `low...high` counts, empty ones included.
    /// - Returns: the indices of the area's bottom and top buckets.
    static func walk(
        _ volumes: [Int64], low: Int, high: Int, poc: Int, total: Int64, percent: Double
    ) -> (low: Int, high: Int) {
        var area = volumes[poc]
        var top = poc
        var bottom = poc
        let target = percent * Double(total)
        while Double(area) * 100 < target {
            let aboveCount = min(2, high - top)
            let belowCount = min(2, bottom - low)
            if aboveCount <= 0 && belowCount <= 0 { break }
            var above: Int64 = 0
            if aboveCount > 0 { for index in (top + 1)...(top + aboveCount) { above += volumes[index] } }
            var below: Int64 = 0
            if belowCount > 0 { for index in (bottom - belowCount)...(bottom - 1) { below += volumes[index] } }
            if belowCount <= 0 || (aboveCount > 0 && above >= below) {
                area += above
                top += aboveCount
            } else {
                area += below
                bottom -= belowCount
            }
        }
        return (bottom, top)
    }

    /// The index in `low...high` with the most volume; a tie goes to the one nearest the middle
    /// of `low...high`, then the lower.
    static func pointOfControl(_ volumes: [Int64], low: Int, high: Int) -> Int {
        var best = low
        var bestVolume = volumes[low]
        let doubledMiddle = low + high
        if low < high {
            for index in (low + 1)...high {
                let volume = volumes[index]
                if volume > bestVolume
                    || (volume == bestVolume && abs(2 * index - doubledMiddle) < abs(2 * best - doubledMiddle))
                {
                    best = index
                    bestVolume = volume
                }
            }
        }
        return best
    }
}
