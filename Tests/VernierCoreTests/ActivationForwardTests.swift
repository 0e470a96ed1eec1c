import Foundation
import Testing
import VernierCore
import VernierTestSupport

/// Forward values, derivatives and lowering of the scalar activations.
@Suite("Activation forward and lowering")
struct ActivationForwardTests {
    /// Reference values f(x) computed independently with 60-digit arithmetic (mpmath) from the
    /// mathematical definitions, with the parameters of `ActivationCatalog.all`.
    static let references: [String: [(Double, Double)]] = [
        "Relu": [(-700.0, 0.0), (-40.0, 0.0), (-7.3, 0.0), (-3.0, 0.0), (-1.5, 0.0), (-1.0, 0.0), (-0.5, 0.0), (-1e-08, 0.0), (0.0, 0.0), (1e-08, 1.000000000000000020922561e-8), (0.3, 2.999999999999999888977698e-1), (1.0, 1.0), (2.5, 2.5), (6.1, 6.099999999999999644728632), (40.0, 4.0e+1), (700.0, 7.0e+2)],
        "LeakyRelu": [(-700.0, -1.400000000000000077715612e+2), (-40.0, -8.00000000000000044408921), (-7.3, -1.460000000000000045519144), (-3.0, -6.000000000000000333066907e-1), (-1.5, -3.000000000000000166533454e-1), (-1.0, -2.000000000000000111022302e-1), (-0.5, -1.000000000000000055511151e-1), (-1e-08, -2.000000000000000152867424e-9), (0.0, 0.0), (1e-08, 1.000000000000000020922561e-8), (0.3, 2.999999999999999888977698e-1), (1.0, 1.0), (2.5, 2.5), (6.1, 6.099999999999999644728632), (40.0, 4.0e+1), (700.0, 7.0e+2)],
        "Elu": [(-700.0, -5.0e-1), (-40.0, -4.999999999999999978758229e-1), (-7.3, -4.996622306124030778210817e-1), (-3.0, -4.751064658160680285103288e-1), (-1.5, -3.884349199257850855333598e-1), (-1.0, -3.160602794142788392022381e-1), (-0.5, -1.967346701436832881981002e-1), (-1e-08, -4.999999975000000187946136e-9), (0.0, 0.0), (1e-08, 1.000000000000000020922561e-8), (0.3, 2.999999999999999888977698e-1), (1.0, 1.0), (2.5, 2.5), (6.1, 6.099999999999999644728632), (40.0, 4.0e+1), (700.0, 7.0e+2)],
        "Selu": [(-700.0, -1.758099346343030333628121), (-40.0, -1.758099346343030326159092), (-7.3, -1.75691168206393266454795), (-3.0, -1.670568733989152973386564), (-1.5, -1.365814357636660175175417), (-1.0, -1.111330741286478306714343), (-0.5, -6.917581899652425490956312e-1), (-1e-08, -1.758099337552533667998565e-8), (0.0, 0.0), (1e-08, 1.050701022148132346202106e-8), (0.3, 3.152103066444396856005003e-1), (1.0, 1.05070102214813232421875), (2.5, 2.626752555370330810546875), (6.1, 6.409276235103606804450386), (40.0, 4.202804088592529296875e+1), (700.0, 7.35490715503692626953125e+2)],
        "Celu": [(-700.0, -1.5), (-40.0, -1.499999999996065359345496), (-7.3, -1.488451521225897628077716), (-3.0, -1.296997075145080962159001), (-1.5, -9.481808382428365176067143e-1), (-1.0, -7.298743214511119596920204e-1), (-0.5, -4.252030341393161243615939e-1), (-1e-08, -9.999999966666666949966348e-9), (0.0, 0.0), (1e-08, 1.000000000000000020922561e-8), (0.3, 2.999999999999999888977698e-1), (1.0, 1.0), (2.5, 2.5), (6.1, 6.099999999999999644728632), (40.0, 4.0e+1), (700.0, 7.0e+2)],
        "Sigmoid": [(-700.0, 9.85967654375977e-305), (-40.0, 4.248354255291588977280721e-18), (-7.3, 6.75082730632838134410018e-4), (-3.0, 4.742587317756678087884815e-2), (-1.5, 1.824255238063563403927828e-1), (-1.0, 2.689414213699951207488408e-1), (-0.5, 3.775406687981454353610994e-1), (-1e-08, 4.999999975e-1), (0.0, 5.0e-1), (1e-08, 5.000000025e-1), (0.3, 5.744425168116589844380388e-1), (1.0, 7.310585786300048792511592e-1), (2.5, 9.241418199787564488066938e-1), (6.1, 9.977621514787236664572609e-1), (40.0, 9.999999999999999957516457e-1), (700.0, 1.0)],
        "Tanh": [(-700.0, -1.0), (-40.0, -1.0), (-7.3, -9.999990872951429344693631e-1), (-3.0, -9.950547536867304513318802e-1), (-1.5, -9.051482536448664382423037e-1), (-1.0, -7.615941559557648881194583e-1), (-0.5, -4.621171572600097585023185e-1), (-1e-08, -9.999999999999999875892275e-9), (0.0, 0.0), (1e-08, 9.999999999999999875892275e-9), (0.3, 2.9131261245159089565816e-1), (1.0, 7.615941559557648881194583e-1), (2.5, 9.86614298151430288881276e-1), (6.1, 9.999899391393964897394837e-1), (40.0, 1.0), (700.0, 1.0)],
        "Softplus": [(-700.0, 9.85967654375977e-305), (-40.0, 4.248354255291588986304978e-18), (-7.3, 6.753107015847132852270702e-4), (-3.0, 4.858735157374205875892592e-2), (-1.5, 2.014132779827524094994828e-1), (-1.0, 3.132616875182228340489955e-1), (-0.5, 4.740769841801066808729974e-1), (-1e-08, 6.93147175559945321917232e-1), (0.0, 6.931471805599453094172321e-1), (1e-08, 6.931471855599453219172322e-1), (0.3, 8.543552444685271124369954e-1), (1.0, 1.313261687518222834048995), (2.5, 2.578889734292549623344044), (6.1, 6.102240356246249016731313), (40.0, 4.000000000000000000424835e+1), (700.0, 7.0e+2)],
        "Softsign": [(-700.0, -9.985734664764621968616262e-1), (-40.0, -9.756097560975609756097561e-1), (-7.3, -8.795180722891566239274832e-1), (-3.0, -7.5e-1), (-1.5, -6.0e-1), (-1.0, -5.0e-1), (-0.5, -3.333333333333333333333333e-1), (-1e-08, -9.999999900000001209225594e-9), (0.0, 0.0), (1e-08, 9.999999900000001209225594e-9), (0.3, 2.307692307692307626614022e-1), (1.0, 5.0e-1), (2.5, 7.142857142857142857142857e-1), (6.1, 8.591549295774647816847576e-1), (40.0, 9.756097560975609756097561e-1), (700.0, 9.985734664764621968616262e-1)],
        "Gelu": [(-700.0, -0.0), (-40.0, -0.0), (-7.3, -1.050352205855038957687648e-12), (-3.0, -4.049694094890283579955444e-3), (-1.5, -1.002108019032870990067411e-1), (-1.0, -1.586552539314570514147675e-1), (-0.5, -1.542687693629934481811477e-1), (-1e-08, -4.999999960105772064469535e-9), (0.0, 0.0), (1e-08, 5.000000039894228144756073e-9), (0.3, 1.853734266566857830614872e-1), (1.0, 8.413447460685429485852325e-1), (2.5, 2.484475836685559662082555), (6.1, 6.099999996764911454329839), (40.0, 4.0e+1), (700.0, 7.0e+2)],
        "GeluTanh": [(-700.0, 0.0), (-40.0, 0.0), (-7.3, -5.609545944294606731696939e-17), (-3.0, -3.637392081773019181559234e-3), (-1.5, -1.004284230197670786588335e-1), (-1.0, -1.588080093917232956861424e-1), (-0.5, -1.542859901748560780089721e-1), (-1e-08, -4.999999960105772064469535e-9), (0.0, 0.0), (1e-08, 5.000000039894228144756073e-9), (0.3, 1.853709235427592399923338e-1), (1.0, 8.411919906082767043138576e-1), (2.5, 2.484915733910001417099547), (6.1, 6.099999999966587124297842), (40.0, 4.0e+1), (700.0, 7.0e+2)],
        "Mish": [(-700.0, -6.90177358063184e-302), (-40.0, -1.699341702116635594521991e-16), (-7.3, -4.929767372170592424569822e-3), (-3.0, -1.456474612756245873146172e-1), (-1.5, -2.980997421668067574542779e-1), (-1.0, -3.034014613741089180743893e-1), (-0.5, -2.20743774651729996815324e-1), (-1e-08, -5.999999968000000109535364e-9), (0.0, 0.0), (1e-08, 6.000000032000000109535366e-9), (0.3, 2.080013723481150202415393e-1), (1.0, 8.650983882673103461162334e-1), (2.5, 2.471392304557881106855565), (6.1, 6.099938903120719759320802), (40.0, 4.0e+1), (700.0, 7.0e+2)],
        "HardSigmoid": [(-700.0, 0.0), (-40.0, 0.0), (-7.3, 0.0), (-3.0, 0.0), (-1.5, 1.999999955296516418457031e-1), (-1.0, 2.999999970197677612304688e-1), (-0.5, 3.999999985098838806152344e-1), (-1e-08, 4.999999979999999701976776e-1), (0.0, 5.0e-1), (1e-08, 5.000000020000000298023224e-1), (0.3, 5.600000008940696694104133e-1), (1.0, 7.000000029802322387695313e-1), (2.5, 1), (6.1, 1), (40.0, 1), (700.0, 1)],
        "HardSwish": [(-700.0, 0.0), (-40.0, 0.0), (-7.3, 0.0), (-3.0, 0.0), (-1.5, -3.75e-1), (-1.0, -3.333333333333333333333333e-1), (-0.5, -2.083333333333333333333333e-1), (-1e-08, -4.999999983333333437946137e-9), (0.0, 0.0), (1e-08, 5.000000016666666771279472e-9), (0.3, 1.649999999999999933386619e-1), (1.0, 6.666666666666666666666667e-1), (2.5, 2.291666666666666666666667), (6.1, 6.099999999999999644728632), (40.0, 4.0e+1), (700.0, 7.0e+2)],
        "Clip": [(-700.0, -1), (-40.0, -1), (-7.3, -1), (-3.0, -1), (-1.5, -1), (-1.0, -1.0), (-0.5, -5.0e-1), (-1e-08, -1.000000000000000020922561e-8), (0.0, 0.0), (1e-08, 1.000000000000000020922561e-8), (0.3, 2.999999999999999888977698e-1), (1.0, 1.0), (2.5, 2), (6.1, 2), (40.0, 2), (700.0, 2)],
        "Abs": [(-700.0, 7.0e+2), (-40.0, 4.0e+1), (-7.3, 7.299999999999999822364316), (-3.0, 3.0), (-1.5, 1.5), (-1.0, 1.0), (-0.5, 5.0e-1), (-1e-08, 1.000000000000000020922561e-8), (0.0, 0.0), (1e-08, 1.000000000000000020922561e-8), (0.3, 2.999999999999999888977698e-1), (1.0, 1.0), (2.5, 2.5), (6.1, 6.099999999999999644728632), (40.0, 4.0e+1), (700.0, 7.0e+2)],
        "Sin": [(-700.0, -5.439705233633756380984097e-1), (-40.0, -7.451131604793487869877094e-1), (-7.3, -8.504366206285644240672266e-1), (-3.0, -1.411200080598672221007448e-1), (-1.5, -9.974949866040544309417234e-1), (-1.0, -8.414709848078965066525023e-1), (-0.5, -4.794255386042030002732879e-1), (-1e-08, -1.000000000000000004255894e-8), (0.0, 0.0), (1e-08, 1.000000000000000004255894e-8), (0.3, 2.955202066613395644989551e-1), (1.0, 8.414709848078965066525023e-1), (2.5, 5.984721441039564940518547e-1), (6.1, -1.821625042720958893512515e-1), (40.0, 7.451131604793487869877094e-1), (700.0, 5.439705233633756380984097e-1)],
        "Cos": [(-700.0, -8.391043258807424352678373e-1), (-40.0, -6.669380616522618443840928e-1), (-7.3, 5.260775173811053399832973e-1), (-3.0, -9.899924966004454572715728e-1), (-1.5, 7.073720166770291008818985e-2), (-1.0, 5.403023058681397174009366e-1), (-0.5, 8.775825618903727161162816e-1), (-1e-08, 9.9999999999999995e-1), (0.0, 1.0), (1e-08, 9.9999999999999995e-1), (0.3, 9.553364891256060229232436e-1), (1.0, 5.403023058681397174009366e-1), (2.5, -8.011436155469337148335028e-1), (6.1, 9.832684384425845318678992e-1), (40.0, -6.669380616522618443840928e-1), (700.0, -8.391043258807424352678373e-1)],
        "Exp": [(-700.0, 9.85967654375977e-305), (-40.0, 4.248354255291588995329235e-18), (-7.3, 6.755387751938443578365167e-4), (-3.0, 4.978706836786394297934242e-2), (-1.5, 2.231301601484298289332805e-1), (-1.0, 3.678794411714423215955238e-1), (-0.5, 6.065306597126334236037995e-1), (-1e-08, 9.999999900000000499999996e-1), (0.0, 1.0), (1e-08, 1.00000001000000005), (0.3, 1.349858807576003088997301), (1.0, 2.718281828459045235360287), (2.5, 1.218249396070347343807018e+1), (6.1, 4.458577700825167733918323e+2), (40.0, 2.353852668370199854078999e+17), (700.0, 1.01423205473500450945533e+304)],
        "Log": [(1e-08, -1.842068074395236545122137e+1), (0.3, -1.20397280432593602963018), (1.0, 0.0), (2.5, 9.162907318741550651835272e-1), (6.1, 1.80828877117926550649219), (40.0, 3.688879454113936302852456), (700.0, 6.551080335043404673141336)],
        "Sqrt": [(1e-08, 1.00000000000000001046128e-4), (0.3, 5.477225575051661033220665e-1), (1.0, 1.0), (2.5, 1.581138830084189665999447), (6.1, 2.469817807045693733984513), (40.0, 6.324555320336758663997787), (700.0, 2.645751311064590590501616e+1), (0.0, 0.0)],
        "Reciprocal": [(-700.0, -1.428571428571428571428571e-3), (-40.0, -2.5e-2), (-7.3, -1.369863013698630170320076e-1), (-3.0, -3.333333333333333333333333e-1), (-1.5, -6.666666666666666666666667e-1), (-1.0, -1.0), (-0.5, -2.0), (-1e-08, -9.999999999999999790774392e+7), (1e-08, 9.999999999999999790774392e+7), (0.3, 3.333333333333333456691447), (1.0, 1.0), (2.5, 4.0e-1), (6.1, 1.639344262295082062690505e-1), (40.0, 2.5e-2), (700.0, 1.428571428571428571428571e-3)],
        "Erf": [(-700.0, -1.0), (-40.0, -1.0), (-7.3, -9.999999999999999999999994e-1), (-3.0, -9.999779095030014145586272e-1), (-1.5, -9.661051464753107270669763e-1), (-1.0, -8.427007929497148693412206e-1), (-0.5, -5.204998778130465376827467e-1), (-1e-08, -1.128379167095512559892102e-8), (0.0, 0.0), (1e-08, 1.128379167095512559892102e-8), (0.3, 3.28626759459127416189618e-1), (1.0, 8.427007929497148693412206e-1), (2.5, 9.995930479825550410604358e-1), (6.1, 9.999999999999999936853978e-1), (40.0, 1.0), (700.0, 1.0)],
        "Silu": [(-700.0, -6.90177358063184e-302), (-40.0, -1.699341702116635590912288e-16), (-7.3, -4.928103933619718261274349e-3), (-3.0, -1.422776195327003426365445e-1), (-1.5, -2.736382857095345105891742e-1), (-1.0, -2.689414213699951207488408e-1), (-0.5, -1.887703343990727176805497e-1), (-1e-08, -4.999999975000000104612803e-9), (0.0, 0.0), (1e-08, 5.000000025000000104612805e-9), (0.3, 1.723327550434976889538186e-1), (1.0, 7.310585786300048792511592e-1), (2.5, 2.310354549946891122016735), (6.1, 6.086349124020214010912967), (40.0, 3.999999999999999983006583e+1), (700.0, 7.0e+2)],
        "Swish": [(-700.0, -0.0), (-40.0, -1.174992844684323265850128e-28), (-7.3, -2.976641750000753651405805e-5), (-3.0, -1.817940447475234479865661e-2), (-1.5, -1.086397280422765834786046e-1), (-1.0, -1.544652650835347101340141e-1), (-0.5, -1.497164287630135272782023e-1), (-1e-08, -4.999999957500000104612805e-9), (0.0, 0.0), (1e-08, 5.000000042500000104612804e-9), (0.3, 1.874419423405287779298682e-1), (1.0, 8.455347349164652898659859e-1), (2.5, 2.464840932391886310542137), (6.1, 6.099808714329000107926073), (40.0, 4.0e+1), (700.0, 7.0e+2)],
    ]

    @Test("every catalogued activation has reference values", arguments: ActivationCatalog.all)
    func referenceValues(_ c: ActivationCase) throws {
        let rows = try #require(Self.references[c.label])
        for (x, exact) in rows {
            let y = c.activation.value(x)
            #expect(y.isFinite, "\(c.label)(\(x)) = \(y) is not finite")
            // The declared error model is the tolerance: this checks the accuracy claim itself.
            let tolerance = ActivationCatalog.errorBound(c.activation, value: y) + 4 * exact.ulp.magnitude
            #expect(abs(y - exact) <= tolerance, "\(c.label)(\(x)) = \(y), exact \(exact), error \(abs(y - exact)) > \(tolerance)")
        }
    }

    @Test("the operator maps a batched tensor of any shape elementwise")
    func batchedForward() {
        let op = ElementwiseActivation(Sigmoid())
        let x = Tensor(shape: [2, 1, 3], data: [-2, 0, 2, 1, -1, 40])
        let y = op.forward([x], batchSize: 2)
        #expect(y.shape == [2, 1, 3])
        #expect(y.data[1] == 0.5)
        #expect(abs(y.data[0] + y.data[2] - 1) < 1e-15)
        #expect(op.kind == "Sigmoid")
        #expect((try? op.outputShape(for: [[1, 3]])) == [1, 3])
        #expect(throws: ShapeError.self) { try op.outputShape(for: [[1, 3], [1, 3]]) }
    }

    @Test("limits at ±∞ are returned instead of NaN", arguments: ActivationCatalog.all + ActivationCatalog.variants)
    func infiniteArguments(_ c: ActivationCase) {
        guard c.label != "Sin", c.label != "Cos" else { return }  // no limit at ±∞
        for x in [Double.infinity, -.infinity] where c.activation.domain.contains(x) {
            #expect(!c.activation.value(x).isNaN, "\(c.label)(\(x)) is NaN")
        }
    }

    @Test("no cancellation: tiny and extreme arguments keep full relative accuracy")
    func cancellationFree() {
        // σ(−40) ≈ 4.248e−18 and softplus(−40) ≈ 4.248e−18: computing 1 − σ(40) or log(1 + e^−40)
        // naively would return 0 or lose every digit.
        #expect(abs(Sigmoid().value(-40) / 4.248354255291589e-18 - 1) < 1e-13)
        #expect(abs(Softplus().value(-40) / 4.248354255291589e-18 - 1) < 1e-13)
        // ELU near 0⁻ through expm1: α·(e^x − 1) for x = −1e−12.
        #expect(abs(Elu(alpha: 1).value(-1e-12) / -9.999999999995e-13 - 1) < 1e-13)
        // GELU far left: ½·x·erfc(−x/√2) at x = −10 ≈ −7.6198530241605e−23.
        #expect(abs(Gelu().value(-10) / -7.619853024160526e-23 - 1) < 1e-12)
        // GELU-tanh far left keeps relative accuracy (1 + tanh z would be 0 in floating point).
        #expect(GeluTanh().value(-12) < 0 && GeluTanh().value(-12) > -1e-40)
        #expect(Mish().value(-700) < 0 && Mish().value(-700).isFinite)
    }

    @Test("derivatives match finite differences", arguments: ActivationCatalog.all + ActivationCatalog.variants)
    func derivatives(_ c: ActivationCase) {
        // Away from every kink (0, ±2.5, ±3, −1, 2, 1, 3) and inside the domain.
        let points: [Double] = [-3.7, -2.2, -1.3, -0.6, -0.15, 0.35, 0.9, 1.6, 2.7, 3.4]
        let xs = points.map { c.activation.domain.contains($0) ? $0 : -$0 }
        let x = Tensor(shape: [2, 5], data: xs)
        let error = OperatorChecks.gradientError(c.op, inputs: [x])
        #expect(error < 1e-5, "\(c.label): gradient error \(error)")
    }

    @Test("GELU with a scaled erf argument is ½·x·(1 + erf(x/c)) and x·Φ(κx)")
    func scaledGelu() {
        let c = Double(Float(2.0.squareRoot()))
        let divided = Gelu(erfArgument: .divided(by: c))
        let multiplied = Gelu(erfArgument: .multiplied(by: 0.6))
        for x in [-6.0, -2.5, -0.7, 0, 0.4, 1.9, 7] {
            #expect(abs(divided.value(x) - 0.5 * x * (1 + erf(x / c))) <= 1e-15 * max(1, abs(x)))
            #expect(abs(multiplied.value(x) - 0.5 * x * (1 + erf(x * 0.6))) <= 1e-15 * max(1, abs(x)))
        }
        // κ = √2·0.6: the minimum moves to x*/κ.
        let p = multiplied.criticalPoints(in: -5, 5)
        #expect(p.count == 1 && abs(p[0].location - (-0.7517915246935645 / (2.0.squareRoot() * 0.6))) < 1e-12)
        #expect(Gelu().erfArgument == .standard)
    }

    @Test("Clarke elements at kinks")
    func kinkDerivatives() {
        #expect(Relu().derivative(0) == 0)
        #expect(Abs().derivative(0) == 0)
        #expect(LeakyRelu(alpha: 0.1).derivative(0) == 1)
        #expect(Clip(lower: -1, upper: 1).derivative(1) == 0)
        #expect(HardSwish().derivative(-3) == 0)
    }

    // MARK: Lowering

    static func build(_ doc: ModelDocument) throws -> Graph { try GraphBuilder().build(doc) }

    @Test("each op type lowers to its activation", arguments: ActivationCatalog.all)
    func lowering(_ c: ActivationCase) throws {
        let doc: ModelDocument
        if c.opType == "Clip" {
            doc = GraphDocuments.singleNode("Clip", inputs: ["x", "lo", "hi"],
                                            initializers: [GraphDocuments.scalar("lo", -1), GraphDocuments.scalar("hi", 2)])
        } else {
            doc = GraphDocuments.singleNode(c.opType, attributes: c.attributes)
        }
        let g = try Self.build(doc)
        #expect(g.nodes.count == 1)
        let xs = [-1.7, -0.2, 0.4, 2.9].map(c.inDomain)
        let y = g.evaluate(xs)
        for (xi, yi) in zip(xs, y) {
            let expected = c.activation.value(xi)
            #expect(yi == expected || (yi.isNaN && expected.isNaN), "\(c.label)(\(xi)) = \(yi), expected \(expected)")
        }
    }

    @Test("attribute defaults are ONNX's float32 values")
    func defaults() throws {
        let leaky = try Self.build(GraphDocuments.singleNode("LeakyRelu"))
        #expect(leaky.evaluate([-1, 0, 1, 2]) == [-0.009999999776482582, 0, 1, 2])
        let hard = try Self.build(GraphDocuments.singleNode("HardSigmoid"))
        #expect(hard.evaluate([1, 0, -10, 10]) == [0.20000000298023224 + 0.5, 0.5, 0, 1])
        let selu = try Self.build(GraphDocuments.singleNode("Selu"))
        #expect(selu.evaluate([1, 0, 0, 0])[0] == 1.0507010221481323)
        let elu = try Self.build(GraphDocuments.singleNode("Elu"))
        #expect(abs(elu.evaluate([-1, 0, 0, 0])[0] - (-0.6321205588285577)) < 1e-15)
        let gelu = try Self.build(GraphDocuments.singleNode("Gelu"))
        #expect(gelu.nodes[0].op.kind == "Gelu")
        #expect(abs(gelu.evaluate([1, 0, 0, 0])[0] - 0.8413447460685429) < 1e-15)
        let tanhGelu = try Self.build(GraphDocuments.singleNode("Gelu", attributes: ["approximate": .string("tanh")]))
        #expect(abs(tanhGelu.evaluate([1, 0, 0, 0])[0] - 0.8411919906082768) < 1e-15)
    }

    @Test("Swish takes beta (Vernier) or alpha (ONNX opset 24), in the default or vernier domain")
    func swishAttributes() throws {
        let beta = try Self.build(GraphDocuments.singleNode("Swish", attributes: ["beta": .float(2)], domain: "vernier"))
        let alpha = try Self.build(GraphDocuments.singleNode("Swish", attributes: ["alpha": .float(2)]))
        let x = [-1.0, 0.5, 2, 3]
        let expected = x.map { $0 / (1 + exp(-2 * $0)) }
        for (a, e) in zip(beta.evaluate(x), expected) { #expect(abs(a - e) < 1e-15) }
        #expect(alpha.evaluate(x) == beta.evaluate(x))
        let silu = try Self.build(GraphDocuments.singleNode("Swish"))
        #expect(silu.nodes[0].op.kind == "Silu")
        let fused = try Self.build(GraphDocuments.singleNode("Silu", domain: "vernier"))
        #expect(fused.evaluate(x) == silu.evaluate(x))
        expectNodeError(GraphDocuments.singleNode("Swish", attributes: ["alpha": .float(2), "beta": .float(2)]), containing: "either")
    }

    @Test("Clip bounds: inputs from opset 11, attributes before, absent means unbounded")
    func clipForms() throws {
        let maxOnly = try Self.build(GraphDocuments.singleNode("Clip", inputs: ["x", "", "hi"],
                                                               initializers: [GraphDocuments.scalar("hi", 0.5)]))
        #expect(maxOnly.evaluate([-100, 0, 0.5, 3]) == [-100, 0, 0.5, 0.5])
        let minOnly = try Self.build(GraphDocuments.singleNode("Clip", inputs: ["x", "lo"],
                                                               initializers: [GraphDocuments.scalar("lo", -0.25)]))
        #expect(minOnly.evaluate([-100, 0, 0.5, 300]) == [-0.25, 0, 0.5, 300])
        let none = try Self.build(GraphDocuments.singleNode("Clip"))
        #expect(none.evaluate([-1e300, 0, 1, 1e300]) == [-1e300, 0, 1, 1e300])
        let old = try Self.build(GraphDocuments.singleNode("Clip", attributes: ["min": .float(-1), "max": .float(1)], opset: 6))
        #expect(old.evaluate([-3, -0.5, 0.5, 3]) == [-1, -0.5, 0.5, 1])
        let reversed = try Self.build(GraphDocuments.singleNode("Clip", inputs: ["x", "lo", "hi"],
                                                                initializers: [GraphDocuments.scalar("lo", 2), GraphDocuments.scalar("hi", 1)]))
        #expect(reversed.evaluate([-3, 1.5, 2.5, 3]) == [1, 1, 1, 1])
    }

    @Test("constant operands fold through the activation's forward")
    func constantFolding() throws {
        let doc = GraphDocuments.model(inputShape: [1, 2], nodes: [
            NodeDocument(name: "sig", opType: "Sigmoid", inputs: ["c"], outputs: ["s"]),
            NodeDocument(name: "add", opType: "Add", inputs: ["x", "s"], outputs: ["y"]),
        ], initializers: [TensorData(name: "c", shape: [2], doubles: [0, 40])])
        let g = try Self.build(doc)
        #expect(!g.nodes.contains { $0.opType == "Sigmoid" })
        #expect(g.evaluate([1, 2]) == [1.5, 2 + Sigmoid().value(40)])
    }

    func expectNodeError(_ doc: ModelDocument, containing text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try Self.build(doc)
            Issue.record("expected an error containing '\(text)'", sourceLocation: sourceLocation)
        } catch {
            let message = String(describing: error)
            #expect(message.contains("'act'"), "message does not name the node: \(message)", sourceLocation: sourceLocation)
            #expect(message.contains(text), "message: \(message)", sourceLocation: sourceLocation)
        }
    }

    @Test("bad attributes and inputs are errors naming the node")
    func errors() {
        expectNodeError(GraphDocuments.singleNode("Gelu", attributes: ["approximate": .string("fast")]), containing: "approximate")
        expectNodeError(GraphDocuments.singleNode("Celu", attributes: ["alpha": .float(0)]), containing: "nonzero")
        expectNodeError(GraphDocuments.singleNode("LeakyRelu", attributes: ["alpha": .string("big")]), containing: "alpha")
        expectNodeError(GraphDocuments.singleNode("Elu", attributes: ["alpha": .float(.nan)]), containing: "finite")
        expectNodeError(GraphDocuments.singleNode("Relu", inputs: ["x", "x"]), containing: "1 input")
        expectNodeError(GraphDocuments.singleNode("Clip", attributes: ["min": .float(0)]), containing: "opset 11")
        expectNodeError(GraphDocuments.singleNode("Clip", inputs: ["x", "x"]), containing: "constant")
        expectNodeError(GraphDocuments.singleNode("Clip", inputs: ["x", "lo"],
                                                  initializers: [TensorData(name: "lo", shape: [2], doubles: [0, 1])]), containing: "scalar")
        expectNodeError(GraphDocuments.singleNode("Clip", inputs: ["x", "lo"], initializers: [GraphDocuments.scalar("lo", 0)], opset: 6),
                        containing: "attributes")
    }
}
