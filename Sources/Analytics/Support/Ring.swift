/// The slots of a first-in first-out queue, reused as it wraps: a reference type without
/// copy-on-write, for the per-event paths. Its owner keeps value semantics itself with one
/// `isKnownUniquelyReferenced` check per call (instead of one per queue operation, whose runtime
/// calls cost more than the operations) and `copy()` when shared. `RingBuffer` is the plain
/// value-type wrapper.
final class Ring<Element> {
    @exclusivity(unchecked) private var elements: UnsafeMutablePointer<Element>
    /// Capacity − 1; the capacity is a power of two, so a wrap is a mask.
    @exclusivity(unchecked) private var mask: Int
    /// Slot of the oldest element.
    @exclusivity(unchecked) private var head = 0
    @exclusivity(unchecked) private(set) var count = 0

    init(capacity: Int = 16) {
        var slots = 1
        while slots < capacity { slots *= 2 }
        elements = .allocate(capacity: slots)
        mask = slots &- 1
    }

    private init(copying other: Ring, capacity: Int) {
        elements = .allocate(capacity: capacity)
        mask = capacity &- 1
        count = other.count
        for index in 0..<other.count { (elements + index).initialize(to: other.elements[other.slot(index)]) }
    }

    deinit {
        removeAll()
        elements.deallocate()
    }

    /// An independent ring with the same elements.
    func copy() -> Ring { Ring(copying: self, capacity: mask &+ 1) }

    var isEmpty: Bool { count == 0 }

    /// The oldest element.
    var first: Element? { count == 0 ? nil : elements[head] }

    /// The newest element.
    var last: Element? { count == 0 ? nil : elements[slot(count &- 1)] }

    /// The element `index` places after the oldest (0 is the oldest).
    subscript(index: Int) -> Element {
        get {
            precondition(index >= 0 && index < count, "Ring index out of range")
            return elements[slot(index)]
        }
        set {
            precondition(index >= 0 && index < count, "Ring index out of range")
            elements[slot(index)] = newValue
        }
    }

    @inline(__always)
    func append(_ element: Element) {
        if count > mask { grow() }
        (elements + slot(count)).initialize(to: element)
        count &+= 1
    }

    /// Removes and returns the oldest element.
    @inline(__always) @discardableResult
    func removeFirst() -> Element? {
        guard count > 0 else { return nil }
        let element = (elements + head).move()
        head = (head &+ 1) & mask
        count &-= 1
        return element
    }

    /// Removes and returns the newest element.
    @inline(__always) @discardableResult
    func removeLast() -> Element? {
        guard count > 0 else { return nil }
        count &-= 1
        return (elements + slot(count)).move()
    }

    /// Changes the newest element in place; nothing when empty.
    @inline(__always)
    func updateLast(_ body: (inout Element) -> Void) {
        guard count > 0 else { return }
        body(&elements[slot(count &- 1)])
    }

    func removeAll() {
        for index in 0..<count { (elements + slot(index)).deinitialize(count: 1) }
        head = 0
        count = 0
    }

    @inline(__always)
    private func slot(_ index: Int) -> Int { (head &+ index) & mask }

    /// Twice the slots, the oldest element first; out of line, as a window grows only to its
    /// busiest size.
    @inline(never)
    private func grow() {
        let capacity = (mask &+ 1) * 2
        let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity)
        for index in 0..<count { (larger + index).initialize(to: (elements + slot(index)).move()) }
        elements.deallocate()
        elements = larger
        mask = capacity &- 1
        head = 0
    }
}

// Shared only between copies of a value that copies the ring before writing to it when shared
// (checked with `isKnownUniquelyReferenced`, as `Array` does), so never written concurrently.
extension Ring: @unchecked Sendable where Element: Sendable {}
