/// How an ONNX node becomes an `Operator`.
///
/// A lowering reads the node's attributes and constant inputs from a `LoweringContext` and returns
/// either an operator with the input positions that feed it (its *operands*), a constant (when the
/// whole result is known at build time, e.g. `Shape` of a tensor with a static shape), or an alias
/// of one input (`Identity`, `Dropout`). If every operand of a returned operator is constant, the
/// builder folds the node into a constant by evaluating it.
public enum Lowered: Sendable {
    case op(any Operator, operands: [Int])
    case constant(Tensor)
    case alias(Int)
    /// One result per node output, in order (multi-output operators such as `Split`).
    case outputs([Lowered])
}

public typealias Lowering = @Sendable (LoweringContext) throws -> Lowered

/// What a lowering knows about one input of the node.
public enum LoweringInput: Sendable {
    /// Depends on the network input; per-sample shape.
    case variable(shape: [Int])
    /// Known at build time.
    case constant(Tensor)
    /// An omitted optional input (empty name in ONNX).
    case absent
}

/// The node being lowered, its inputs and typed accessors that produce errors naming the node.
public struct LoweringContext: Sendable {
    public let node: NodeDocument
    public let inputs: [LoweringInput]
    public let opset: Int

    public init(node: NodeDocument, inputs: [LoweringInput], opset: Int) {
        self.node = node
        self.inputs = inputs
        self.opset = opset
    }

    // MARK: Errors

    public func error(_ message: String) -> ModelError {
        .invalidNode(node: node.name, opType: node.opType, message: message)
    }

    // MARK: Inputs

    public var inputCount: Int { inputs.count }

    public func has(_ i: Int) -> Bool {
        guard i < inputs.count else { return false }
        if case .absent = inputs[i] { return false }
        return true
    }

    public func isConstant(_ i: Int) -> Bool {
        guard i < inputs.count, case .constant = inputs[i] else { return false }
        return true
    }

    public func isVariable(_ i: Int) -> Bool {
        guard i < inputs.count, case .variable = inputs[i] else { return false }
        return true
    }

    /// Requires at least `n` present inputs.
    public func requireInputs(_ n: Int) throws {
        guard inputs.count >= n, (0..<n).allSatisfy(has) else {
            throw error("expects at least \(n) input(s), got \(inputs.count)")
        }
    }

    /// Per-sample shape of input `i` (constants: their shape).
    public func shape(_ i: Int) throws -> [Int] {
        guard i < inputs.count else { throw error("missing input \(i)") }
        switch inputs[i] {
        case .variable(let s): return s
        case .constant(let t): return t.shape
        case .absent: throw error("missing input \(i)")
        }
    }

    /// The constant value of input `i`; an error naming the node when it is not constant.
    public func constant(_ i: Int, what: String? = nil) throws -> Tensor {
        guard i < inputs.count else { throw error("missing input \(i)\(what.map { " (\($0))" } ?? "")") }
        switch inputs[i] {
        case .constant(let t): return t
        case .variable: throw error("input \(i)\(what.map { " (\($0))" } ?? "") must be a constant, but it depends on the network input")
        case .absent: throw error("missing input \(i)\(what.map { " (\($0))" } ?? "")")
        }
    }

    /// Optional constant input: nil when absent.
    public func optionalConstant(_ i: Int, what: String? = nil) throws -> Tensor? {
        has(i) ? try constant(i, what: what) : nil
    }

    /// Integer values of a constant input (shapes, axes, indices).
    public func constantInts(_ i: Int, what: String? = nil) throws -> [Int] {
        try constant(i, what: what).data.map { v in
            guard v.rounded() == v, abs(v) < 9.0e15 else { throw error("input \(i) must hold integers, found \(v)") }
            return Int(v)
        }
    }

    // MARK: Attributes

    public func hasAttribute(_ name: String) -> Bool { node.attributes[name] != nil }

    public func int(_ name: String, default value: Int? = nil) throws -> Int {
        switch node.attributes[name] {
        case .int(let v)?: return Int(v)
        case nil:
            if let value { return value }
            throw error("missing required attribute '\(name)'")
        case let other?: throw error("attribute '\(name)' must be an int, found \(other)")
        }
    }

    public func float(_ name: String, default value: Double? = nil) throws -> Double {
        switch node.attributes[name] {
        case .float(let v)?: return v
        case .int(let v)?: return Double(v)
        case nil:
            if let value { return value }
            throw error("missing required attribute '\(name)'")
        case let other?: throw error("attribute '\(name)' must be a float, found \(other)")
        }
    }

    public func ints(_ name: String, default value: [Int]? = nil) throws -> [Int] {
        switch node.attributes[name] {
        case .ints(let v)?: return v.map { Int($0) }
        case .int(let v)?: return [Int(v)]
        case nil:
            if let value { return value }
            throw error("missing required attribute '\(name)'")
        case let other?: throw error("attribute '\(name)' must be a list of ints, found \(other)")
        }
    }

    public func floats(_ name: String, default value: [Double]? = nil) throws -> [Double] {
        switch node.attributes[name] {
        case .floats(let v)?: return v
        case nil:
            if let value { return value }
            throw error("missing required attribute '\(name)'")
        case let other?: throw error("attribute '\(name)' must be a list of floats, found \(other)")
        }
    }

    public func string(_ name: String, default value: String? = nil) throws -> String {
        switch node.attributes[name] {
        case .string(let v)?: return v
        case nil:
            if let value { return value }
            throw error("missing required attribute '\(name)'")
        case let other?: throw error("attribute '\(name)' must be a string, found \(other)")
        }
    }

    public func tensorAttribute(_ name: String) throws -> TensorData? {
        switch node.attributes[name] {
        case .tensor(let t)?: return t
        case nil: return nil
        case let other?: throw error("attribute '\(name)' must be a tensor, found \(other)")
        }
    }

    /// Normalises an axis attribute against `rank`, with an error naming the node.
    public func axis(_ axis: Int, rank: Int) throws -> Int {
        guard let a = Shape.normalizedAxis(axis, rank: rank) else {
            throw error("axis \(axis) is out of range for rank \(rank)")
        }
        return a
    }
}
