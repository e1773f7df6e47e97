using System.Text;
using NodaTime;
using Verdict.Salesforce.Events;

namespace Verdict.Salesforce.Tests;

/// <summary>Instants as Salesforce writes them.</summary>
public sealed class TimestampTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    private static Instant? Iso(string s) => Timestamps.TryParseIso(Encoding.ASCII.GetBytes(s), Berlin, out var i) ? i : null;

    [Fact]
    public void Timestamp_derived_is_utc_with_milliseconds() =>
        Assert.Equal(Instant.FromUtc(2026, 11, 19, 22, 10, 0).PlusNanoseconds(123_000_000), Iso("2026-11-19T22:10:00.123Z"));

    [Fact]
    public void An_offset_with_or_without_a_colon_is_applied()
    {
        Assert.Equal(Instant.FromUtc(2026, 11, 19, 21, 10, 0), Iso("2026-11-19T22:10:00+01:00"));
        Assert.Equal(Instant.FromUtc(2026, 11, 19, 21, 10, 0), Iso("2026-11-19T22:10:00.000+0100"));
    }

    [Fact]
    public void An_instant_without_an_offset_is_read_in_the_org_zone() =>
        Assert.Equal(Instant.FromUtc(2026, 7, 1, 10, 0, 0), Iso("2026-07-01T12:00:00"));

    [Theory]
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("2026-02-30T00:00:00Z")]
    [InlineData("2026-11-19T22:10:00.Z")]
    [InlineData("2026-11-19 late")]
    public void Impossible_instants_are_refused(string s) => Assert.Null(Iso(s));

    [Fact]
    public void The_gmt_timestamp_column_is_read()
    {
        Assert.True(Timestamps.TryParseGmt("20130715233322.670"u8, out var i));
        Assert.Equal(Instant.FromUtc(2013, 7, 15, 23, 33, 22).PlusNanoseconds(670_000_000), i);
    }

    [Theory]
    [InlineData("150", 150L)]
    [InlineData("150.0", 150L)]
    public void Row_counts_may_be_written_as_doubles(string s, long expected)
    {
        Assert.True(Timestamps.TryParseCount(Encoding.ASCII.GetBytes(s), out var n));
        Assert.Equal(expected, n);
    }

    [Fact]
    public void A_fractional_row_count_is_refused() => Assert.False(Timestamps.TryParseCount("1.5"u8, out _));
}
