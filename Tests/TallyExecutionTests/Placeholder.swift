import Testing

@Test func TallyExecutionTestsBuilds() { #expect(Bool(true)) }
