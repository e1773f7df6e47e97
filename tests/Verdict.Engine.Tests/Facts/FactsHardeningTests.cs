using Verdict.Diagnostics;
using Verdict.Facts;

namespace Verdict.Tests.Facts;

/// <summary>Facts that would silently change a decision, or break deadline arithmetic, are refused at the place they are written.</summary>
public class FactsHardeningTests
{
    private const string Head = "id: INC-1\ntimeline:\n  awareAt: 2026-11-20T15:30:00Z\n";

    private static VerdictException Fails(string text) => Assert.Throws<VerdictException>(() => FactsLoader.LoadText(text, "f.yaml"));

    [Theory]
    [InlineData("us-ca", "US-CA")]
    [InlineData("california", "US-CA")]
    [InlineData("US-CAL", "US-CA")]
    [InlineData("Germany", null)]
    [InlineData("XX", null)]
    public void A_subjects_key_that_is_no_jurisdiction_is_refused_with_a_suggestion(string key, string? suggestion)
    {
        var e = Fails(Head + $"data:\n  subjects:\n    {key}: 10\n");
        var d = Assert.Single(e.Diagnostics);
        Assert.Equal(Codes.NotAllowedValue, d.Code);
        Assert.Equal($"`{key}` is not a jurisdiction code in `data.subjects`", d.Message);
        Assert.Equal((6, 5), (d.Location!.Line, d.Location.Column));
        if (suggestion is not null) Assert.StartsWith($"did you mean `{suggestion}`?", d.Help);
        else Assert.DoesNotContain("did you mean", d.Help);
    }

    [Theory]
    [InlineData("US-CA")]
    [InlineData("DE")]
    [InlineData("EU")]
    [InlineData("EL")]
    [InlineData("GB-ENG")]
    [InlineData("AU-NSW")]
    public void Real_jurisdiction_codes_are_accepted(string key)
    {
        var f = FactsLoader.LoadText(Head + $"data:\n  subjects:\n    {key}: 10\n");
        Assert.Equal(10, f.Data.Subjects[key]);
    }

    [Fact]
    public void An_establishment_that_is_no_country_is_refused_with_a_suggestion()
    {
        var d = Assert.Single(Fails(Head + "organization:\n  establishments: [DE, XY]\n").Diagnostics);
        Assert.Equal("`XY` is not a country code in `organization.establishments`", d.Message);
    }

    [Fact]
    public void A_count_beyond_any_real_population_is_refused()
    {
        var e = Fails(Head + "data:\n  subjects: {US-CA: 9223372036854775807, US-TX: 9223372036854775807}\n");
        Assert.Equal(2, e.Diagnostics.Count);
        Assert.All(e.Diagnostics, d => Assert.Equal(Codes.BadValue, d.Code));
        Assert.Contains("must be at most 10000000000", e.Diagnostics[0].Message);
    }

    [Fact]
    public void The_largest_counts_sum_without_wrapping()
    {
        var f = FactsLoader.LoadText(Head + "data:\n  subjects: {US-CA: 10000000000, US-TX: 10000000000}\n");
        Assert.Equal(20_000_000_000, f.Data.SubjectsTotal);
        Assert.Equal(20_000_000_000, Jurisdictions.Default.Count(f, "US"));
    }

    [Theory]
    [InlineData("occurredAt", "9999-12-31T23:59:59-12:00")]
    [InlineData("materialityDeterminedAt", "9999-12-31T23:59:59-12:00")]
    [InlineData("awareAt", "9999-12-31T23:59:59Z")]
    [InlineData("detectedAt", "0001-01-01T00:00:00+14:00")]
    [InlineData("containedAt", "9000-01-01T00:00:00Z")]
    public void An_instant_outside_the_supported_range_is_a_located_error(string field, string value)
    {
        var text = field == "awareAt"
            ? $"id: INC-1\ntimeline:\n  awareAt: {value}\n"
            : Head + $"  {field}: {value}\n";
        var d = Assert.Single(Fails(text).Diagnostics);
        Assert.Equal(Codes.BadValue, d.Code);
        Assert.Equal($"`{value}` is outside the supported range for `timeline.{field}`", d.Message);
    }

    [Fact]
    public void A_notice_submitted_outside_the_supported_range_is_a_located_error()
    {
        var d = Assert.Single(Fails(Head + "notices:\n  - {obligation: gdpr/sa, submittedAt: 9999-12-31T23:59:59-12:00}\n").Diagnostics);
        Assert.Equal(5, d.Location!.Line);
        Assert.Contains("outside the supported range for `notices[0].submittedAt`", d.Message);
    }

    [Fact]
    public void A_notice_without_its_submission_instant_is_refused()
    {
        var d = Assert.Single(Fails(Head + "notices:\n  - {obligation: gdpr/sa}\n").Diagnostics);
        Assert.Equal("missing required key `notices[0].submittedAt`", d.Message);
    }

    [Theory]
    [InlineData("PT36H", 36 * 3600L)]
    [InlineData("P2DT4H30M15S", 2 * 86400L + 4 * 3600 + 30 * 60 + 15)]
    [InlineData("P36500D", 36500 * 86400L)]
    [InlineData("PT0S", 0L)]
    public void Restored_within_reads_days_hours_minutes_and_seconds(string text, long seconds)
    {
        var f = FactsLoader.LoadText(Head + $"breach:\n  restoredWithin: {text}\n");
        Assert.Equal(seconds, f.Breach.RestoredWithinSeconds);
        Assert.True(f.Has("breach.restoredWithin"));
    }

    [Theory]
    [InlineData("P36501D")]
    [InlineData("P99999999999999999999D")]
    [InlineData("PT9223372036854775807S")]
    [InlineData("P1DT9999999999999H")]
    public void A_restored_within_beyond_a_century_is_refused_not_wrapped(string text)
    {
        var d = Assert.Single(Fails(Head + $"breach:\n  restoredWithin: {text}\n").Diagnostics);
        Assert.Equal(Codes.BadValue, d.Code);
        Assert.Contains("longer than the supported 36500 days", d.Message);
    }

    [Fact]
    public void A_type_error_says_what_was_found_without_the_validators_words()
    {
        var d = Assert.Single(Fails(Head + "breach:\n  restoredWithin: 36\n").Diagnostics);
        Assert.Equal("expected a string or null for `breach.restoredWithin`, found an integer `36`", d.Message);
    }

    [Fact]
    public void A_malformed_instant_names_iso_8601_in_its_own_case()
    {
        var d = Assert.Single(Fails("id: INC-1\ntimeline:\n  awareAt: 2026-11-20\n").Diagnostics);
        Assert.Equal("expected ISO-8601 instant with an offset, e.g. 2026-11-20T16:30:00Z", d.Help);
    }
}
