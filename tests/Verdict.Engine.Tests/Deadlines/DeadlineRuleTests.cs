using NodaTime;
using Verdict.Facts;
using Verdict.Model;
using Verdict.Rendering;
using Verdict.Syntax;
using Verdict.Time;

namespace Verdict.Tests.Deadlines;

/// <summary>Deadline arithmetic from the law's own counting rules (reference §8).</summary>
public class DeadlineRuleTests
{
    private static readonly Lazy<IReadOnlyDictionary<string, BusinessCalendar>> Calendars = new(() =>
        Verdict.Compilation.PolicyBundle.Load(Repo.Policies).Calendars);

    private static (string Due, string? Legal) Compute(string within, string from, string zone, string? calendar, string legal, bool? endOfDay = null)
    {
        var digits = within.TakeWhile(char.IsDigit).Count();
        var spec = new ClockSpec("awareAt", int.Parse(within[..digits]), within[digits..], endOfDay, zone, calendar, legal,
            new MapNode(new("t", 1, 1), "", []));
        var cal = calendar is null ? null : Calendars.Value[calendar];
        var rule = new DeadlineRule(spec, DateTimeZoneProviders.Tzdb[zone], cal);
        Assert.True(FactsLoader.TryParseInstant(from, out var start));
        var (due, l) = rule.Compute(start);
        return (FactsJson.Format(due), l is null ? null : FactsJson.Format(l.Value));
    }

    [Theory]
    // GDPR Art. 33: 72 hours on the UTC timeline; Reg. 1182/71 Art. 3(1) starts the legal count at the next full hour.
    [InlineData("72h", "2026-11-20T16:30:00Z", "Europe/Brussels", null, "eu-1182-71", "2026-11-23T16:30:00Z", "2026-11-23T17:00:00Z")]
    // ...even when the event falls exactly on the hour: the hour during which it occurs is not counted.
    [InlineData("72h", "2026-11-20T16:00:00Z", "Europe/Brussels", null, "eu-1182-71", "2026-11-23T16:00:00Z", "2026-11-23T17:00:00Z")]
    // 72 hours across the end of summer time in Berlin (25 Oct 2026): still 72 elapsed hours.
    [InlineData("72h", "2026-10-24T10:00:00Z", "Europe/Berlin", null, "none", "2026-10-27T10:00:00Z", null)]
    // Calendar days end at 23:59:59 local: 30 days in Los Angeles across the DST change (1 Nov 2026).
    [InlineData("30d", "2026-10-20T18:00:00Z", "America/Los_Angeles", null, "none", "2026-11-20T07:59:59Z", null)]
    // ...and before the change, 23:59:59 PDT is 06:59:59Z.
    [InlineData("30d", "2026-09-01T18:00:00Z", "America/Los_Angeles", null, "none", "2026-10-02T06:59:59Z", null)]
    // A late-evening UTC awareness is already the next day in Sydney.
    [InlineData("30d", "2026-03-01T20:00:00Z", "Australia/Sydney", null, "none", "2026-04-01T12:59:59Z", null)]
    // Months end on the same date, or the month's last day (1182/71 Art. 3(2)(c)): 31 Jan + 1 month in a leap year.
    [InlineData("1mo", "2028-01-31T10:00:00Z", "Europe/Brussels", "calendars/be", "none", "2028-02-29T22:59:59Z", null)]
    [InlineData("1mo", "2027-01-31T10:00:00Z", "Europe/Brussels", "calendars/be", "none", "2027-02-28T22:59:59Z", null)]
    // SEC Item 1.05: 4 US business days; Thanksgiving 2026-11-26 is skipped.
    [InlineData("4bd", "2026-11-24T15:00:00Z", "America/New_York", "calendars/us-federal", "none", "2026-12-02T04:59:59Z", null)]
    // Determination on a Saturday: counting starts with the next business day.
    [InlineData("4bd", "2026-11-21T15:00:00Z", "America/New_York", "calendars/us-federal", "none", "2026-11-28T04:59:59Z", null)]
    // Brazil ANPD: 3 business days; Carnival Monday and Tuesday 2026 (16–17 Feb) are skipped.
    [InlineData("3bd", "2026-02-13T12:00:00Z", "America/Sao_Paulo", "calendars/br-national", "none", "2026-02-21T02:59:59Z", null)]
    // EU days: a period ending on a Saturday ends with the next working day (1182/71 Art. 3(4)).
    [InlineData("15d", "2026-11-13T09:00:00Z", "Europe/Brussels", "calendars/be", "eu-1182-71", "2026-11-28T22:59:59Z", "2026-11-30T22:59:59Z")]
    // Two-day period from a Thursday must include two working days (Art. 3(5)): Sat → Mon.
    [InlineData("2d", "2026-11-19T09:00:00Z", "Europe/Brussels", "calendars/be", "eu-1182-71", "2026-11-21T22:59:59Z", "2026-11-23T22:59:59Z")]
    // DORA relief: due on a Saturday moves to 12:00 local of the next working day.
    [InlineData("24h", "2026-11-20T10:00:00Z", "Europe/Dublin", "calendars/ie", "dora-relief", "2026-11-21T10:00:00Z", "2026-11-23T12:00:00Z")]
    public void Deadlines_follow_the_counting_rules(string within, string from, string zone, string? calendar, string legal, string due, string? legalDue)
    {
        var (d, l) = Compute(within, from, zone, calendar, legal);
        Assert.Equal(due, d);
        Assert.Equal(legalDue, l);
    }

    [Fact]
    public void Elapsed_days_keep_the_time_of_day()
    {
        Assert.Equal("2026-03-31T09:30:00Z", Compute("30d", "2026-03-01T09:30:00Z", "UTC", null, "none", endOfDay: false).Due);
    }

    [Fact]
    public void Business_days_past_the_calendar_range_are_refused()
    {
        Assert.Throws<CalendarRangeException>(() => Compute("4bd", "2030-12-30T15:00:00Z", "America/New_York", "calendars/us-federal", "none"));
    }
}
