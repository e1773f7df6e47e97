using NodaTime;

namespace Verdict.Model;

/// <summary>
/// When a policy version is in force: from midnight of <see cref="From"/> until midnight of <see cref="Until"/>
/// (exclusive; open-ended when null), both read in the policy's <see cref="Zone"/>, so a law in force from 1 January
/// applies from midnight where it is law (Reg. 1182/71 Art. 4(1) reads dates of application the same way). Every kind
/// asks the same question of it, against <c>timeline.awareAt</c>: <see cref="Contains(Instant)"/>. Immutable; the
/// instants are computed once.
/// </summary>
public sealed class EffectivePeriod
{
    /// <summary>A period read in <paramref name="zone"/>.</summary>
    public EffectivePeriod(LocalDate from, LocalDate? until, DateTimeZone zone)
    {
        From = from;
        Until = until;
        Zone = zone;
        Start = from.AtStartOfDayInZone(zone).ToInstant();
        End = until is { } u ? u.AtStartOfDayInZone(zone).ToInstant() : Instant.MaxValue;
    }

    /// <summary>The first day in force, as written.</summary>
    public LocalDate From { get; }

    /// <summary>The first day no longer in force, as written; null for open-ended.</summary>
    public LocalDate? Until { get; }

    /// <summary>The zone the dates are read in (UTC unless the policy says <c>effective.zone</c>).</summary>
    public DateTimeZone Zone { get; }

    /// <summary>The first instant in force.</summary>
    public Instant Start { get; }

    /// <summary>The first instant no longer in force; <see cref="Instant.MaxValue"/> when open-ended.</summary>
    public Instant End { get; }

    /// <summary>True when an incident the controller became aware of at <paramref name="aware"/> is judged by this version.</summary>
    public bool Contains(Instant aware) => aware >= Start && aware < End;

    /// <summary>
    /// True when <paramref name="date"/>, taken as a date where the policy is law, falls inside: for callers that ask
    /// about a day rather than an instant (an access request's <c>on</c>).
    /// </summary>
    public bool Contains(LocalDate date) => date >= From && (Until is null || date < Until.Value);

    /// <summary>True when the two periods share an instant.</summary>
    public bool Overlaps(EffectivePeriod other) => Start < other.End && other.Start < End;

    /// <inheritdoc />
    public override string ToString() => $"{From:uuuu-MM-dd}..{(Until is { } u ? u.ToString("uuuu-MM-dd", null) : "")} ({Zone.Id})";
}
