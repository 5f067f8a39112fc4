import Synchronization

/// A value the threads of a test write to at once: every access under its own lock.
public final class Locked<Value: Sendable>: Sendable {
    private let value: Mutex<Value>

    public init(_ initial: Value) { value = Mutex(initial) }

    public var current: Value { value.withLock { $0 } }

    public func update(_ change: (inout Value) -> Void) { value.withLock { change(&$0) } }
}
