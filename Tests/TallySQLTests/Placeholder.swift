import Testing

@Test func TallySQLTestsBuilds() { #expect(Bool(true)) }
