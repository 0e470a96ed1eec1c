// The VernierAttack module: gradient attacks that search for counterexamples.
