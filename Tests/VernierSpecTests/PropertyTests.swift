import Testing
@testable import VernierSpec

/// `isViolated` and the violation margins on hand-made properties.
@Suite struct PropertyTests {
    /// Two regions: on [0,1] violated if y0 >= y1; on [2,3] violated if (y0 <= -1 and y1 <= -1) or y1 >= 10.
    private let property = Property(inputCount: 1, outputCount: 2, regions: [
        Region(box: InputBox(lower: [0], upper: [1]),
               violation: [Conjunction(constraints: [row(2, [0: -1, 1: 1], rhs: 0)])]),
        Region(box: InputBox(lower: [2], upper: [3]),
               violation: [
                   Conjunction(constraints: [row(2, [0: 1], rhs: -1), row(2, [1: 1], rhs: -1)]),
                   Conjunction(constraints: [row(2, [1: -1], rhs: -10)]),
               ]),
    ])

    @Test func violationNeedsInputAndOutputOfTheSameRegion() {
        #expect(property.isViolated(input: [0.5], output: [2, 1]))
        #expect(property.isViolated(input: [0], output: [1, 1]))        // boundary: ties violate
        #expect(property.isViolated(input: [1], output: [1, 1]))        // closed box
        #expect(!property.isViolated(input: [0.5], output: [1, 2]))
        #expect(!property.isViolated(input: [1.5], output: [2, 1]))     // between the boxes
        #expect(!property.isViolated(input: [2.5], output: [2, 1]))     // region 1's output condition
        #expect(property.isViolated(input: [2.5], output: [-1, -2]))
        #expect(!property.isViolated(input: [2.5], output: [-1, 0]))    // only half the conjunction
        #expect(property.isViolated(input: [3], output: [5, 10]))
        #expect(!property.isViolated(input: [0.5], output: [-3, -2]))   // region 1's condition, region 0's input
        #expect(property.isViolated(input: [2.5], output: [-3, -2]))
    }

    @Test func malformedCandidatesAreNeverCounterexamples() {
        #expect(!property.isViolated(input: [0.5, 0], output: [2, 1]))
        #expect(!property.isViolated(input: [0.5], output: [2]))
        #expect(!property.isViolated(input: [.nan], output: [2, 1]))
        #expect(!property.isViolated(input: [0.5], output: [.nan, 1]))
    }

    @Test func exactBoundaryComparisons() {
        // y0 - y1 <= 0 with nearly equal values must not be fooled by rounding.
        let p = Property(inputCount: 1, outputCount: 2, regions: [
            Region(box: InputBox(lower: [0], upper: [0]),
                   violation: [Conjunction(constraints: [row(2, [0: 1, 1: -1], rhs: 0)])]),
        ])
        let y = 0.1 + 0.2
        #expect(p.isViolated(input: [0], output: [y, y]))
        #expect(!p.isViolated(input: [0], output: [y.nextUp, y]))
        #expect(p.isViolated(input: [0], output: [y, y.nextUp]))
    }

    @Test func margins() {
        // Region 0: rhs - c·y = 0 - (y1 - y0) = y0 - y1.
        #expect(property.violationMargin(region: 0, output: [3, 1]) == 2)
        #expect(property.violationMargin(region: 0, output: [1, 3]) == -2)
        // Region 1: max(min(-1 - y0, -1 - y1), -10 + y1).
        #expect(property.violationMargin(region: 1, output: [-3, -2]) == 1)
        #expect(property.violationMargin(region: 1, output: [0, 12]) == 2)
        #expect(property.violationMargin(region: 1, output: [0, 0]) == -1)
        #expect(property.violationMargin(region: 5, output: [0, 0]) == -.infinity)
        #expect(property.regions[0].violationMargin([.nan, 0]) == -.infinity)
        #expect(Conjunction(constraints: []).margin([1, 2]) == .infinity)
        #expect(Region(box: InputBox(lower: [0], upper: [1]), violation: []).violationMargin([1, 2]) == -.infinity)
    }

    @Test func marginSignAgreesWithIsViolated() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let y = [Double.random(in: -12...12, using: &generator), Double.random(in: -12...12, using: &generator)]
            for (r, x) in [(0, 0.5), (1, 2.5)] {
                #expect((property.violationMargin(region: r, output: y) >= 0) == property.isViolated(input: [x], output: y))
            }
        }
    }

    @Test func emptyConjunctionMeansEveryOutputViolates() {
        let p = Property(inputCount: 1, outputCount: 1, regions: [
            Region(box: InputBox(lower: [0], upper: [1]), violation: [Conjunction(constraints: [])]),
        ])
        #expect(p.isViolated(input: [0.5], output: [123]))
    }
}
