import VernierCore
import VernierBounds

/// One activation under test: a label (unique; `GeluTanh` for the tanh GELU), an instance with
/// representative parameters, and the ONNX node that lowers to it.
public struct ActivationCase: Sendable, CustomStringConvertible {
    public let label: String
    public let activation: any ScalarActivation
    public let opType: String
    public let attributes: [String: AttributeValue]

    public var description: String { label }

    /// The activation as a graph operator with interval support.
    public var op: any IntervalPropagating { Self.wrap(activation) }

    static func wrap<A: ScalarActivation>(_ a: A) -> any IntervalPropagating { ElementwiseActivation(a) }

    /// A point inside the domain near x (for picking test inputs).
    public func inDomain(_ x: Double) -> Double {
        activation.domain.contains(x) ? x : (abs(x) + 0.01)
    }
}

/// Every activation of the family with test parameters, plus tolerances derived from the declared
/// error models — so tests check the facts the bound engine relies on.
public enum ActivationCatalog {
    public static let all: [ActivationCase] = [
        ActivationCase(label: "Relu", activation: Relu(), opType: "Relu", attributes: [:]),
        ActivationCase(label: "LeakyRelu", activation: LeakyRelu(alpha: 0.2), opType: "LeakyRelu", attributes: ["alpha": .float(0.2)]),
        ActivationCase(label: "Elu", activation: Elu(alpha: 0.5), opType: "Elu", attributes: ["alpha": .float(0.5)]),
        ActivationCase(label: "Selu", activation: Selu(alpha: Double(Float(1.67326319217213)), gamma: Double(Float(1.05070102214813))),
                       opType: "Selu", attributes: [:]),
        ActivationCase(label: "Celu", activation: Celu(alpha: 1.5), opType: "Celu", attributes: ["alpha": .float(1.5)]),
        ActivationCase(label: "Sigmoid", activation: Sigmoid(), opType: "Sigmoid", attributes: [:]),
        ActivationCase(label: "Tanh", activation: Tanh(), opType: "Tanh", attributes: [:]),
        ActivationCase(label: "Softplus", activation: Softplus(), opType: "Softplus", attributes: [:]),
        ActivationCase(label: "Softsign", activation: Softsign(), opType: "Softsign", attributes: [:]),
        ActivationCase(label: "Gelu", activation: Gelu(), opType: "Gelu", attributes: [:]),
        ActivationCase(label: "GeluTanh", activation: GeluTanh(), opType: "Gelu", attributes: ["approximate": .string("tanh")]),
        ActivationCase(label: "Mish", activation: Mish(), opType: "Mish", attributes: [:]),
        ActivationCase(label: "HardSigmoid", activation: HardSigmoid(alpha: Double(Float(0.2)), beta: 0.5), opType: "HardSigmoid", attributes: [:]),
        ActivationCase(label: "HardSwish", activation: HardSwish(), opType: "HardSwish", attributes: [:]),
        ActivationCase(label: "Clip", activation: Clip(lower: -1, upper: 2), opType: "Clip", attributes: ["min": .float(-1), "max": .float(2)]),
        ActivationCase(label: "Abs", activation: Abs(), opType: "Abs", attributes: [:]),
        ActivationCase(label: "Sin", activation: Sin(), opType: "Sin", attributes: [:]),
        ActivationCase(label: "Cos", activation: Cos(), opType: "Cos", attributes: [:]),
        ActivationCase(label: "Exp", activation: Exp(), opType: "Exp", attributes: [:]),
        ActivationCase(label: "Log", activation: Log(), opType: "Log", attributes: [:]),
        ActivationCase(label: "Sqrt", activation: Sqrt(), opType: "Sqrt", attributes: [:]),
        ActivationCase(label: "Reciprocal", activation: Reciprocal(), opType: "Reciprocal", attributes: [:]),
        ActivationCase(label: "Erf", activation: Erf(), opType: "Erf", attributes: [:]),
        ActivationCase(label: "Silu", activation: Silu(), opType: "Silu", attributes: [:]),
        ActivationCase(label: "Swish", activation: Swish(beta: 1.7), opType: "Swish", attributes: ["beta": .float(1.7)]),
    ]

    /// Variants with unusual parameters (negative slopes, reversed Clip, negative β…), used by the
    /// facts and soundness tests.
    public static let variants: [ActivationCase] = [
        ActivationCase(label: "LeakyRelu(-0.5)", activation: LeakyRelu(alpha: -0.5), opType: "LeakyRelu", attributes: [:]),
        ActivationCase(label: "LeakyRelu(3)", activation: LeakyRelu(alpha: 3), opType: "LeakyRelu", attributes: [:]),
        ActivationCase(label: "Elu(2)", activation: Elu(alpha: 2), opType: "Elu", attributes: [:]),
        ActivationCase(label: "Elu(-0.7)", activation: Elu(alpha: -0.7), opType: "Elu", attributes: [:]),
        ActivationCase(label: "Selu(1.2,-0.8)", activation: Selu(alpha: 1.2, gamma: -0.8), opType: "Selu", attributes: [:]),
        ActivationCase(label: "Celu(-0.6)", activation: Celu(alpha: -0.6), opType: "Celu", attributes: [:]),
        ActivationCase(label: "HardSigmoid(-0.3,0.4)", activation: HardSigmoid(alpha: -0.3, beta: 0.4), opType: "HardSigmoid", attributes: [:]),
        ActivationCase(label: "HardSigmoid(0,0.7)", activation: HardSigmoid(alpha: 0, beta: 0.7), opType: "HardSigmoid", attributes: [:]),
        ActivationCase(label: "Clip(3,1)", activation: Clip(lower: 3, upper: 1), opType: "Clip", attributes: [:]),
        ActivationCase(label: "Clip(-inf,0.5)", activation: Clip(lower: -.infinity, upper: 0.5), opType: "Clip", attributes: [:]),
        ActivationCase(label: "Clip(0,inf)", activation: Clip(lower: 0, upper: .infinity), opType: "Clip", attributes: [:]),
        ActivationCase(label: "Swish(-1.3)", activation: Swish(beta: -1.3), opType: "Swish", attributes: [:]),
        ActivationCase(label: "Swish(0)", activation: Swish(beta: 0), opType: "Swish", attributes: [:]),
        ActivationCase(label: "Swish(0.25)", activation: Swish(beta: 0.25), opType: "Swish", attributes: [:]),
        ActivationCase(label: "Gelu(x/1.4142135)", activation: Gelu(erfArgument: .divided(by: Double(Float(2.0.squareRoot())))),
                       opType: "Gelu", attributes: [:]),
        ActivationCase(label: "Gelu(x*0.6)", activation: Gelu(erfArgument: .multiplied(by: 0.6)), opType: "Gelu", attributes: [:]),
    ]

    public static func named(_ label: String) -> ActivationCase {
        guard let c = (all + variants).first(where: { $0.label == label }) else { fatalError("no activation case \(label)") }
        return c
    }

    /// The declared bound on |value(x) − f(x)| at a point where `value` returned y.
    public static func errorBound(_ a: any ScalarActivation, value y: Double) -> Double {
        let m = ActivationRange.errorModel(a.accuracy)
        return abs(y) * m.relative + m.absolute
    }

    /// Points where the activation's facts change: critical points, curvature piece boundaries
    /// and kinks, within [−12, 12].
    public static func landmarks(_ a: any ScalarActivation) -> [Double] {
        var points = a.criticalPoints(in: -12, 12).map(\.location).filter { abs($0) <= 12 }
        for p in a.curvature(in: -12, 12) { points.append(p.lower); points.append(p.upper) }
        points += [0, -3, 3, -2.5, 2.5, -1, 2]
        return points.filter { $0.isFinite && a.domain.contains($0) }
    }
}
