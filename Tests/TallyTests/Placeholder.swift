import Testing

@Test func TallyTestsBuilds() { #expect(Bool(true)) }
