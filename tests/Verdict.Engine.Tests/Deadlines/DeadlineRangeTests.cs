using NodaTime;
using Verdict.Model;
using Verdict.Time;

namespace Verdict.Tests.Deadlines;

public class DeadlineRangeTests
{
    [Theory]
    [InlineData("h")]
    [InlineData("d")]
    [InlineData("mo")]
    public void A_clock_that_runs_off_the_calendar_is_beyond_range_not_an_exception(string unit)
    {
        var node = (Verdict.Syntax.MapNode)Verdict.Syntax.NodeReader.Read("a: 1", "p.yaml");
        var spec = new ClockSpec("awareAt", 1_000_000_000, unit, null, null, null, "none", node);
        var rule = new DeadlineRule(spec, DateTimeZoneProviders.Tzdb["Pacific/Kiritimati"], null);
        var e = Assert.Throws<CalendarRangeException>(() => rule.Compute(Instant.FromUtc(8999, 12, 31, 23, 0)));
        Assert.Equal("beyond-supported-range", e.Calendar);
    }
}
