/// A first-in first-out queue in contiguous storage that reuses its slots, so a trailing window
/// allocates only while it grows to its busiest size and never again after that.
struct RingBuffer<Element> {
    private var storage: [Element] = []
    /// Storage index of the oldest element.
    private var head = 0
    private(set) var count = 0

    init(capacity: Int = 16) {
        storage.reserveCapacity(max(1, capacity))
    }

    var isEmpty: Bool { count == 0 }

    /// The oldest element.
    var first: Element? { count == 0 ? nil : storage[head] }

    /// The newest element.
    var last: Element? { count == 0 ? nil : storage[slot(count - 1)] }

    /// The element `index` places after the oldest (0 is the oldest).
    subscript(index: Int) -> Element {
        get { storage[slot(index)] }
        set { storage[slot(index)] = newValue }
    }

    mutating func append(_ element: Element) {
        if count < storage.count {
            storage[slot(count)] = element
        } else {
            if head != 0 {
                // Full and wrapped: straighten once so the array can grow at its end.
                storage = Array(storage[head...] + storage[..<head])
                head = 0
            }
            storage.append(element)
        }
        count += 1
    }

    /// Removes and returns the oldest element.
    @discardableResult
    mutating func removeFirst() -> Element? {
        guard count > 0 else { return nil }
        let element = storage[head]
        head += 1
        if head == storage.count { head = 0 }
        count -= 1
        return element
    }

    /// Removes and returns the newest element.
    @discardableResult
    mutating func removeLast() -> Element? {
        guard count > 0 else { return nil }
        count -= 1
        return storage[slot(count)]
    }

    mutating func removeAll() {
        head = 0
        count = 0
    }

    @inline(__always)
    private func slot(_ index: Int) -> Int {
        let position = head + index
        return position < storage.count ? position : position - storage.count
    }
}

extension RingBuffer: Sendable where Element: Sendable {}
