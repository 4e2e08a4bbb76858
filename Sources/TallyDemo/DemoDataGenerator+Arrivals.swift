import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyIngest
// When runs start: a day-by-day Poisson process paced so that the rows produced by the
// end of each day track that day's share of `rows`.

extension DemoDataGenerator {
    /// Cumulative activity weights of the days: growth (about 4x over two years), the
    /// weekly rhythm, a year-end lull, day-to-day noise and rare busy days.
    static func dayWeights(startDay: Int32, days: Int, rng: inout DemoRandom) -> [Double] {
        var cumulative: [Double] = []
        cumulative.reserveCapacity(days)
        var total = 0.0
        for d in 0..<days {
            let dayNumber = Int(startDay) + d
            let t = Double(d) / 730
            var w = DemoMath.exp(1.386 * t)
            // Day 0 (1970-01-01) was a Thursday; index 0 is Monday.
            w *= DemoCatalog.weekdayWeights[((dayNumber % 7) + 7 + 3) % 7]
            let date = CivilDate.civil(fromDayNumber: Int32(truncatingIfNeeded: dayNumber))
            if (date.month == 12 && date.day >= 24) || (date.month == 1 && date.day == 1) { w *= 0.45 }
            w *= rng.logNormal(median: 1, sigma: 0.12)
            if rng.chance(0.01) { w *= 1.8 }
            total += w
            cumulative.append(total)
        }
        return cumulative
    }

    /// Average rows per run so far, starting from a prior until enough runs have finished.
    var meanRowsPerRun: Double {
        (Double(finishedRunRows) + 300 * 16) / (Double(finishedRuns) + 16)
    }

    /// Sets today's run rate from the rows still missing to reach today's share.
    mutating func updateArrivalRate() {
        let target = Double(rows) * dayCumulative[dayOffset] / dayCumulative[days - 1]
        let mean = meanRowsPerRun
        // Runs in flight are on average half done.
        let committed = Double(generatedRows) + Double(queue.count) * mean * 0.5
        arrivalRate = target > committed ? (target - committed) / mean : 0
        if dayOffset == days - 1 {
            // Aim past the total on the last day, so that the last row is (almost surely)
            // reached before its midnight rather than by stretching the day.
            arrivalRate = arrivalRate * 1.3 + 3
        }
    }

    /// Counts the projects that have started by today (they are ordered by start day).
    mutating func updateActiveProjects() {
        while activeProjects < projects.count && projects[activeProjects].startDay <= dayOffset {
            activeProjects += 1
        }
        if activeProjects == 0 { activeProjects = 1 }
    }

    /// Draws the next run's start time.
    ///
    /// Arrivals never stop on the last day: should the rows still fall short at its end
    /// (the last day's rate aims past the total, so this is rare), runs keep starting
    /// on the following days at that rate, so the generator always reaches exactly `rows`.
    mutating func scheduleNextArrival() {
        while true {
            if dayOffset >= days - 1 {
                if arrivalRate <= 0 { arrivalRate = 3 }
                dayPosition += rng.exponential() / arrivalRate
                while dayPosition >= 1 {
                    dayPosition -= 1
                    dayOffset += 1
                    arrivalRate *= 2
                }
                break
            }
            if arrivalRate > 0 {
                let next = dayPosition + rng.exponential() / arrivalRate
                if next < 1 {
                    dayPosition = next
                    break
                }
            }
            dayOffset += 1
            dayPosition = 0
            updateActiveProjects()
            updateArrivalRate()
        }
        let dayStart = (Int64(startDay) + Int64(dayOffset)) * CivilDate.millisecondsPerDay
        nextArrivalTs = Swift.max(nextArrivalTs, dayStart + timeOfDayMilliseconds(dayPosition))
    }

    /// Maps a position in a day's activity (0..<1) to milliseconds after midnight UTC.
    func timeOfDayMilliseconds(_ position: Double) -> Int64 {
        var hour = 0
        while hour < 23 && hourCumulative[hour + 1] <= position { hour += 1 }
        let within = (position - hourCumulative[hour]) / (hourCumulative[hour + 1] - hourCumulative[hour])
        let ms = (Double(hour) + Swift.min(Swift.max(within, 0), 1)) * 3_600_000
        return Swift.min(Int64(ms), CivilDate.millisecondsPerDay - 1)
    }

    /// Where the current arrival lies on the whole timeline (0 = first day, 1 = end of the last).
    var timelinePosition: Double { Swift.min(1, (Double(dayOffset) + dayPosition) / Double(days)) }
}
