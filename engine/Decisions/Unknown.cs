using System.Globalization;

namespace Verdict.Decisions;

/// <summary>What an indeterminate item waits for.</summary>
public enum UnknownKind
{
    /// <summary>A fact the incident does not give (<see cref="Unknown.Path"/>).</summary>
    Fact,
    /// <summary>A business-day calendar does not cover the year a deadline falls in.</summary>
    CalendarYear,
    /// <summary>A later stage counts from a notice not yet submitted (<c>facts.notices</c>).</summary>
    PriorNotice,
    /// <summary>A stage counts from an earlier stage whose deadline is itself unknown.</summary>
    Stage,
}

/// <summary>
/// One typed reason an item is indeterminate. <see cref="Path"/> is always the entry of <c>missingFacts</c> it came
/// from; the other fields say what it names: the calendar and year, the obligation of the prior notice, or the stage.
/// </summary>
public sealed record Unknown(UnknownKind Kind, string Path, string? Calendar = null, int? Year = null, string? Obligation = null, string? Stage = null)
{
    /// <summary>The kind as the JSON contract writes it: <c>fact</c>, <c>calendar-year</c>, <c>prior-notice</c>, <c>stage</c>.</summary>
    public string KindName => Kind switch
    {
        UnknownKind.CalendarYear => "calendar-year",
        UnknownKind.PriorNotice => "prior-notice",
        UnknownKind.Stage => "stage",
        _ => "fact",
    };

    /// <summary>
    /// Classifies an entry of <c>missingFacts</c>: <c>notices.ID</c> is a prior notice, <c>calendar ID for YEAR</c> a
    /// calendar year, <c>stage NAME</c> an earlier stage, anything else a fact path.
    /// </summary>
    public static Unknown Of(string missing)
    {
        if (missing.StartsWith("notices.", StringComparison.Ordinal))
            return new Unknown(UnknownKind.PriorNotice, missing, Obligation: missing["notices.".Length..]);
        if (missing.StartsWith("stage ", StringComparison.Ordinal))
            return new Unknown(UnknownKind.Stage, missing, Stage: missing["stage ".Length..]);
        if (missing.StartsWith("calendar ", StringComparison.Ordinal))
        {
            var cut = missing.LastIndexOf(" for ", StringComparison.Ordinal);
            if (cut > "calendar ".Length && int.TryParse(missing.AsSpan(cut + 5), NumberStyles.None, CultureInfo.InvariantCulture, out var year))
                return new Unknown(UnknownKind.CalendarYear, missing, Calendar: missing["calendar ".Length..cut], Year: year);
        }
        return new Unknown(UnknownKind.Fact, missing);
    }

    /// <summary>Each entry of a <c>missingFacts</c> list, classified, in the same order.</summary>
    public static IReadOnlyList<Unknown> Of(IReadOnlyList<string> missing)
    {
        if (missing.Count == 0) return [];
        var all = new Unknown[missing.Count];
        for (var i = 0; i < all.Length; i++) all[i] = Of(missing[i]);
        return all;
    }
}
