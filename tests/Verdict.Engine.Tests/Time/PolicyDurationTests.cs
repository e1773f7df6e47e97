using Verdict.Compilation;
using Verdict.Diagnostics;
using Verdict.Facts;
using Verdict.Syntax;
using Verdict.Time;

namespace Verdict.Tests.Time;

/// <summary>The one duration grammar of docs/durations.md, and that deadlines and escalation both read it.</summary>
public class PolicyDurationTests
{
    [Theory]
    [InlineData("15m", 15, DurationUnit.Minutes)]
    [InlineData("72h", 72, DurationUnit.Hours)]
    [InlineData("30d", 30, DurationUnit.Days)]
    [InlineData("3bd", 3, DurationUnit.BusinessDays)]
    [InlineData("1mo", 1, DurationUnit.Months)]
    [InlineData("PT15M", 15, DurationUnit.Minutes)]
    [InlineData("PT72H", 72, DurationUnit.Hours)]
    [InlineData("P45D", 45, DurationUnit.Days)]
    [InlineData("P2W", 14, DurationUnit.Days)]
    [InlineData("P1M", 1, DurationUnit.Months)]
    [InlineData("P1Y", 12, DurationUnit.Months)]
    [InlineData("P1DT12H", 36, DurationUnit.Hours)]
    [InlineData("PT1H30M", 90, DurationUnit.Minutes)]
    public void Short_and_iso_forms_parse_to_an_amount_in_the_unit_written(string text, long amount, DurationUnit unit)
    {
        Assert.True(PolicyDuration.TryParse(text, out var d, out var error), error);
        Assert.Equal(new PolicyDuration(amount, unit), d);
    }

    [Theory]
    [InlineData("P", "`P` is not a duration")]
    [InlineData("PT", "`PT` is not a duration")]
    [InlineData("P1DT", "`P1DT` is not a duration")]
    [InlineData("15 minutes", "`15 minutes` is not a duration")]
    [InlineData("-3d", "`-3d` is not a duration")]
    [InlineData("pt15m", "`pt15m` is not a duration")]
    [InlineData("PT30S", "`PT30S` counts seconds; policy durations count minutes, hours, days or months")]
    [InlineData("P1M2D", "`P1M2D` mixes months with days or hours, which have no fixed length together")]
    [InlineData("99999999999999999999h", "`99999999999999999999` is longer than any policy needs")]
    public void Malformed_durations_say_why(string text, string message)
    {
        Assert.False(PolicyDuration.TryParse(text, out _, out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public void Business_days_and_months_have_no_elapsed_length()
    {
        Assert.True(PolicyDuration.TryParse("3bd", out var bd, out _));
        Assert.True(PolicyDuration.TryParse("P1M", out var mo, out _));
        Assert.Equal((null, null), (bd.Elapsed, mo.Elapsed));
        Assert.True(PolicyDuration.TryParse("P2D", out var days, out _));
        Assert.Equal(NodaTime.Duration.FromHours(48), days.Elapsed);
    }

    [Fact]
    public void Deadlines_written_in_iso_decide_like_their_short_forms()
    {
        using var copy = new TempBundle();
        var replaced = 0;
        foreach (var f in Directory.EnumerateFiles(Repo.Policies, "*", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(f);
            var iso = System.Text.RegularExpressions.Regex.Replace(text, @"within: ([0-9]+)(h|d|mo)\b", m =>
                $"within: {(m.Groups[2].Value == "h" ? "PT" : "P")}{m.Groups[1].Value}{(m.Groups[2].Value == "mo" ? "M" : m.Groups[2].Value.ToUpperInvariant())}");
            replaced += iso == text ? 0 : 1;
            copy.Write(Path.GetRelativePath(Repo.Policies, f), iso);
        }
        Assert.True(replaced > 10, $"{replaced} files");
        var (original, changed) = (PolicyBundle.Load(Repo.Policies), PolicyBundle.Load(copy.Dir));
        foreach (var example in Directory.GetFiles(Repo.PathOf("policies/examples"), "*.yaml"))
        {
            var facts = FactsLoader.LoadFile(example);
            Assert.Equal(original.Decide(facts).Obligations.Select(o => (o.Id, o.Stage, o.DueAt, o.LegalDueAt, o.Deadline)),
                changed.Decide(facts).Obligations.Select(o => (o.Id, o.Stage, o.DueAt, o.LegalDueAt, o.Deadline)));
        }
    }

    [Fact]
    public void A_deadline_in_minutes_that_are_not_whole_hours_is_a_located_error()
    {
        using var copy = CopyWith("notification/eu/gdpr.yaml", "within: 72h", "within: PT90M");
        var e = Assert.Throws<VerdictException>(() => PolicyBundle.Load(copy.Dir));
        var d = e.Diagnostics.Single(x => x.Message.Contains("PT90M"));
        Assert.Equal((Codes.BadFormat, "`PT90M` counts minutes; deadlines count whole hours, days, business days or months"), (d.Code, d.Message));
        Assert.EndsWith("notification/eu/gdpr.yaml", d.Location!.File);
    }

    [Fact]
    public void An_acknowledgement_time_in_business_days_is_a_located_error()
    {
        using var copy = CopyWith("escalation/crm-ai-incident.yaml", "ackWithin: PT15M", "ackWithin: 2bd");
        var e = Assert.Throws<VerdictException>(() => PolicyBundle.Load(copy.Dir));
        var d = e.Diagnostics.Single(x => x.Message.Contains("2bd"));
        Assert.StartsWith("`2bd` has no fixed length", d.Message);
    }

    /// <summary>The shipped bundle with the first occurrence of <paramref name="from"/> in one file replaced.</summary>
    private static TempBundle CopyWith(string file, string from, string to)
    {
        var copy = new TempBundle();
        foreach (var f in Directory.EnumerateFiles(Repo.Policies, "*", SearchOption.AllDirectories))
            copy.Write(Path.GetRelativePath(Repo.Policies, f), File.ReadAllText(f));
        var path = Path.Combine(copy.Dir, file);
        var text = File.ReadAllText(path);
        var at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"`{from}` is not in {file}");
        File.WriteAllText(path, text[..at] + to + text[(at + from.Length)..]);
        return copy;
    }
}
