using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;

namespace Verdict.Syntax;

/// <summary>The unit a policy duration counts in.</summary>
public enum DurationUnit
{
    /// <summary>Elapsed minutes.</summary>
    Minutes,
    /// <summary>Elapsed hours.</summary>
    Hours,
    /// <summary>Calendar days (24 hours where an elapsed time is meant).</summary>
    Days,
    /// <summary>Business days of a calendar.</summary>
    BusinessDays,
    /// <summary>Calendar months.</summary>
    Months,
}

/// <summary>
/// The one duration grammar of every policy field (deadlines' <c>within</c>, escalation <c>ackWithin</c> and
/// <c>due.offset</c>; see docs/durations.md): the short forms <c>15m</c>, <c>72h</c>, <c>30d</c>, <c>3bd</c>,
/// <c>1mo</c> and ISO-8601 durations <c>PT15M</c>, <c>PT72H</c>, <c>P30D</c>, <c>P2W</c>, <c>P1M</c>, <c>P1Y</c>,
/// <c>P1DT12H</c>. A duration keeps the unit it was written in, because a deadline of 3 days (ending at local
/// midnight) is not one of 72 hours; ISO forms that mix units count in the smallest (<c>PT1H30M</c> is 90 minutes).
/// Business days have no ISO form.
/// </summary>
public readonly partial record struct PolicyDuration(long Amount, DurationUnit Unit)
{
    /// <summary>What a user may write, for help lines.</summary>
    public const string Examples = "15m, 72h, 30d, 3bd, 1mo, or ISO-8601 PT15M, PT72H, P30D, P1M";

    /// <summary>Amounts above this are refused: no law counts a deadline in millions of units, and arithmetic stays exact.</summary>
    public const long MaxAmount = 1_000_000;

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says why in one lowercase line.</summary>
    public static bool TryParse(string text, out PolicyDuration duration, out string? error)
    {
        duration = default;
        error = null;
        var s = Short().Match(text);
        if (s.Success)
        {
            if (!ParseAmount(s.Groups["n"].Value, out var n, out error)) return false;
            duration = new PolicyDuration(n, s.Groups["unit"].Value switch
            {
                "m" => DurationUnit.Minutes, "h" => DurationUnit.Hours, "d" => DurationUnit.Days, "bd" => DurationUnit.BusinessDays, _ => DurationUnit.Months,
            });
            return true;
        }
        var iso = Iso().Match(text);
        // "P" and "P1DT" match the pattern but say nothing (or leave the time part empty).
        if (!iso.Success || iso.Groups.Values.Skip(1).All(g => !g.Success) || (iso.Groups["t"].Success && !(iso.Groups["h"].Success || iso.Groups["mi"].Success || iso.Groups["s"].Success)))
        {
            error = $"`{text}` is not a duration";
            return false;
        }
        var parts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var g in new[] { "y", "mo", "w", "d", "h", "mi", "s" })
            if (iso.Groups[g].Success)
            {
                if (!ParseAmount(iso.Groups[g].Value, out var n, out error)) return false;
                parts[g] = n;
            }
        if (parts.ContainsKey("s")) { error = $"`{text}` counts seconds; policy durations count minutes, hours, days or months"; return false; }
        var months = parts.GetValueOrDefault("y") * 12 + parts.GetValueOrDefault("mo");
        var days = parts.GetValueOrDefault("w") * 7 + parts.GetValueOrDefault("d");
        var (hours, minutes) = (parts.GetValueOrDefault("h"), parts.GetValueOrDefault("mi"));
        var inMonths = parts.ContainsKey("y") || parts.ContainsKey("mo");
        if (inMonths && new[] { "w", "d", "h", "mi" }.Any(parts.ContainsKey))
        {
            error = $"`{text}` mixes months with days or hours, which have no fixed length together";
            return false;
        }
        duration = inMonths ? new(months, DurationUnit.Months)
            : parts.ContainsKey("mi") ? new(((days * 24) + hours) * 60 + minutes, DurationUnit.Minutes)
            : parts.ContainsKey("h") ? new(days * 24 + hours, DurationUnit.Hours)
            : new(days, DurationUnit.Days);
        if (duration.Amount > MaxAmount) { error = $"`{text}` is longer than any policy needs"; return false; }
        return true;
    }

    /// <summary>The elapsed time, for units that have a fixed length (minutes, hours, 24-hour days); null otherwise.</summary>
    public Duration? Elapsed => Unit switch
    {
        DurationUnit.Minutes => Duration.FromMinutes(Amount),
        DurationUnit.Hours => Duration.FromHours(Amount),
        DurationUnit.Days => Duration.FromDays(Amount),
        _ => null,
    };

    /// <summary>The short form: <c>90m</c>, <c>72h</c>, <c>30d</c>, <c>3bd</c>, <c>1mo</c>.</summary>
    public override string ToString() => Amount.ToString(CultureInfo.InvariantCulture) + Unit switch
    {
        DurationUnit.Minutes => "m", DurationUnit.Hours => "h", DurationUnit.Days => "d", DurationUnit.BusinessDays => "bd", _ => "mo",
    };

    private static bool ParseAmount(string digits, out long n, out string? error)
    {
        error = null;
        if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out n) && n <= MaxAmount) return true;
        error = $"`{digits}` is longer than any policy needs";
        return false;
    }

    [GeneratedRegex(@"^(?<n>[0-9]+)(?<unit>bd|mo|m|h|d)$", RegexOptions.CultureInvariant)]
    private static partial Regex Short();

    [GeneratedRegex(@"^P(?:(?<y>[0-9]+)Y)?(?:(?<mo>[0-9]+)M)?(?:(?<w>[0-9]+)W)?(?:(?<d>[0-9]+)D)?(?<t>T(?:(?<h>[0-9]+)H)?(?:(?<mi>[0-9]+)M)?(?:(?<s>[0-9]+)S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Iso();
}
