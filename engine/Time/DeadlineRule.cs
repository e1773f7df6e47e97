using System.Globalization;
using NodaTime;
using Verdict.Model;

namespace Verdict.Time;

/// <summary>
/// A compiled deadline clock: a duration from a clock event counted in hours, calendar days, months or business days
/// of a calendar, in a time zone. Gives the earliest defensible instant and, where the law's own counting rule gives a
/// later one, the legal instant.
/// </summary>
public sealed class DeadlineRule
{
    private static readonly LocalTime EndOfDay = new(23, 59, 59);
    private static readonly LocalTime Noon = new(12, 0);

    public ClockSpec Spec { get; }
    public DateTimeZone Zone { get; }
    public BusinessCalendar? Calendar { get; }
    private readonly bool _endOfDay;

    public DeadlineRule(ClockSpec spec, DateTimeZone zone, BusinessCalendar? calendar)
    {
        Spec = spec;
        Zone = zone;
        Calendar = calendar;
        _endOfDay = spec.EndOfDay ?? true;
        _exactDays = spec.Unit == "d" && !_endOfDay && spec.Legal is not ("eu-1182-71" or "roll-forward" or "dora-relief");
    }

    // N x 24 hours with no legal counting rule: no calendar or zone arithmetic is needed.
    private readonly bool _exactDays;

    /// <summary>Computes (dueAt, legalDueAt) from the clock event's instant; legal is null where it equals dueAt.</summary>
    public (Instant Due, Instant? Legal) Compute(Instant start)
    {
        // Facts are bounded at ingest (FactsLoader.SupportedUntil), but a policy's clock may still be long enough to run
        // off the calendar: that is an explicit "beyond range", never an arithmetic exception out of a decision.
        try { return ComputeInRange(start); }
        catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
        {
            throw new CalendarRangeException("beyond-supported-range", start.InUtc().Year, 1900, 8999);
        }
    }

    private (Instant Due, Instant? Legal) ComputeInRange(Instant start)
    {
        Instant due;
        Instant? legal = null;
        switch (Spec.Unit)
        {
            case "h":
                due = start + Duration.FromHours(Spec.Amount);
                if (Spec.Legal == "eu-1182-71")
                {
                    // Art. 3(1): the hour during which the event occurs is not counted, even an event at hh:00:00;
                    // the period runs from the start of the next hour.
                    var ticksIntoHour = start.ToUnixTimeTicks() % NodaConstants.TicksPerHour;
                    legal = start + Duration.FromTicks(NodaConstants.TicksPerHour - ticksIntoHour) + Duration.FromHours(Spec.Amount);
                }
                else if (Spec.Legal == "dora-relief") legal = Legal(default, default, due);
                break;
            case "d" when _exactDays:
                due = start + Duration.FromDays(Spec.Amount);
                break;
            case "d":
            case "mo":
            {
                var zoned = start.InZone(Zone);
                var local = zoned.Date;
                var last = Spec.Unit == "d" ? local.PlusDays(Spec.Amount) : local.PlusMonths(Spec.Amount);
                due = _endOfDay ? End(last)
                    : Spec.Unit == "d" ? start + Duration.FromDays(Spec.Amount)
                    : last.At(zoned.TimeOfDay).InZoneLeniently(Zone).ToInstant();
                legal = Legal(local, last, due);
                break;
            }
            case "bd":
            {
                var cal = Calendar!;
                var zoned = start.InZone(Zone);
                var date = zoned.Date;
                for (var n = Spec.Amount; n > 0;)
                {
                    date = date.PlusDays(1);
                    if (cal.IsWorkingDay(date)) n--;
                }
                due = _endOfDay ? End(date) : date.At(zoned.TimeOfDay).InZoneLeniently(Zone).ToInstant();
                break;
            }
            default:
                throw new InvalidOperationException($"unit {Spec.Unit} has no instant");
        }
        return (due, legal is { } l && l > due ? l : null);
    }

    // The strict deadline needs no holidays; only the roll-forward does. A calendar that does not reach the year
    // costs the legal instant, not the deadline (policy-lint warns about the coverage).
    private Instant? Legal(LocalDate local, LocalDate last, Instant due)
    {
        try
        {
            return Spec.Legal switch
            {
                "eu-1182-71" => EuRollForward(local, last),
                "roll-forward" => RollForward(last),
                "dora-relief" => DoraRelief(due),
                _ => null,
            };
        }
        catch (CalendarRangeException) { return null; }
    }

    private Instant End(LocalDate date) => date.At(EndOfDay).InZoneLeniently(Zone).ToInstant();

    private BusinessCalendar Cal => Calendar ?? new BusinessCalendar("weekdays", Zone);

    private Instant? RollForward(LocalDate last)
    {
        var d = last;
        while (!Cal.IsWorkingDay(d)) d = d.PlusDays(1);
        return End(d);
    }

    // Reg. 1182/71 Art. 3(4): a period ending on a Saturday, Sunday or holiday ends with the next working day;
    // Art. 3(5): a period of two days or more includes at least two working days.
    private Instant? EuRollForward(LocalDate start, LocalDate last)
    {
        var cal = Cal;
        var d = last;
        while (!cal.IsWorkingDay(d)) d = d.PlusDays(1);
        if (Spec.Unit == "mo" || Spec.Amount >= 2)
        {
            var working = 0;
            for (var x = start.PlusDays(1); x <= d; x = x.PlusDays(1)) if (cal.IsWorkingDay(x)) working++;
            while (working < 2)
            {
                d = d.PlusDays(1);
                if (cal.IsWorkingDay(d)) working++;
            }
        }
        // Art. 3(2)(b): a period in days or months ends with the expiry of the last hour of its last day.
        return End(d);
    }

    // DORA (RTS 2025/301): a deadline falling on a weekend or bank holiday moves to 12:00 of the next working day.
    private Instant? DoraRelief(Instant due)
    {
        var local = due.InZone(Zone).Date;
        if (Cal.IsWorkingDay(local)) return null;
        var d = local;
        while (!Cal.IsWorkingDay(d)) d = d.PlusDays(1);
        return d.At(Noon).InZoneLeniently(Zone).ToInstant();
    }

    /// <summary>The rule in words: "72 hours after timeline.awareAt".</summary>
    public string Describe(string fromWords)
    {
        var n = Spec.Amount.ToString(CultureInfo.InvariantCulture);
        return Spec.Unit switch
        {
            "h" => $"{n} hours after {fromWords}",
            "d" when !_endOfDay => $"{n} days ({Spec.Amount * 24} hours) after {fromWords}",
            "d" => $"{n} calendar days after {fromWords}, ending 23:59:59 {Zone.Id}",
            "mo" => $"{n} month{(Spec.Amount == 1 ? "" : "s")} after {fromWords}, ending 23:59:59 {Zone.Id}",
            "bd" => $"{n} business days ({Calendar?.Id}) after {fromWords}" + (_endOfDay ? $", ending 23:59:59 {Zone.Id}" : ""),
            _ => $"without undue delay after {fromWords} (no fixed ceiling)",
        };
    }
}
