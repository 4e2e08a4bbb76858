import Testing
@testable import TallyFormat
import TallySystem
import TallyStore

@Suite struct CivilDateTests {
    @Test func roundTripsEveryDayOverFourCenturies() {
        var day = CivilDate.dayNumber(year: 1800, month: 1, day: 1)
        let end = CivilDate.dayNumber(year: 2200, month: 12, day: 31)
        var expected = (year: 1800, month: 1, day: 1)
        while day <= end {
            let c = CivilDate.civil(fromDayNumber: day)
            #expect(c == expected)
            expected.day += 1
            if expected.day > CivilDate.daysInMonth(year: expected.year, month: expected.month) {
                expected.day = 1; expected.month += 1
                if expected.month > 12 { expected.month = 1; expected.year += 1 }
            }
            day += 1
        }
    }

    @Test func epochAndNegativeMilliseconds() {
        #expect(CivilDate.dayNumber(forMilliseconds: 0) == 0)
        #expect(CivilDate.dayNumber(forMilliseconds: -1) == -1)
        #expect(CivilDate.dayNumber(forMilliseconds: 86_399_999) == 0)
        #expect(CivilDate.parseISODate("2024-02-29") == CivilDate.dayNumber(year: 2024, month: 2, day: 29))
        #expect(CivilDate.parseISODate("2023-02-29") == nil)
        #expect(CivilDate.isoString(forDayNumber: 0) == "1970-01-01")
    }
}
