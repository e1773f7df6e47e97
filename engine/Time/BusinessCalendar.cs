using NodaTime;
using Verdict.Model;

namespace Verdict.Time;

/// <summary>A compiled <see cref="CalendarDocument"/>: which local dates are working days.</summary>
public sealed class BusinessCalendar
{
    private readonly HashSet<LocalDate> _holidays;
    private readonly bool[] _weekend = new bool[8];

    /// <summary>The calendar's policy id.</summary>
    public string Id { get; }
    /// <summary>The calendar's zone.</summary>
    public DateTimeZone Zone { get; }
    /// <summary>First year covered.</summary>
    public int FirstYear { get; }
    /// <summary>Last year covered.</summary>
    public int LastYear { get; }

    /// <summary>Compiles a calendar document.</summary>
    public BusinessCalendar(CalendarDocument doc, DateTimeZone zone)
    {
        Id = doc.Header.Id;
        Zone = zone;
        FirstYear = doc.FirstYear;
        LastYear = doc.LastYear;
        _holidays = doc.Holidays.Select(h => h.Date).ToHashSet();
        foreach (var d in doc.Weekend) _weekend[(int)d] = true;
    }

    /// <summary>A plain Monday–Friday calendar with no holidays, for rules that name none.</summary>
    public BusinessCalendar(string id, DateTimeZone zone)
    {
        Id = id;
        Zone = zone;
        FirstYear = int.MinValue;
        LastYear = int.MaxValue;
        _holidays = [];
        _weekend[(int)IsoDayOfWeek.Saturday] = _weekend[(int)IsoDayOfWeek.Sunday] = true;
    }

    /// <summary>True when <paramref name="date"/> is neither a weekend day nor a public holiday.</summary>
    public bool IsWorkingDay(LocalDate date)
    {
        if (date.Year < FirstYear || date.Year > LastYear) throw new CalendarRangeException(Id, date.Year, FirstYear, LastYear);
        return !_weekend[(int)date.DayOfWeek] && !_holidays.Contains(date);
    }

    /// <summary>True when the date is a public holiday of this calendar.</summary>
    public bool IsHoliday(LocalDate date) => _holidays.Contains(date);
}

/// <summary>A date fell outside the years a calendar covers: the answer would be a silent wrong date, so none is given.</summary>
public sealed class CalendarRangeException(string calendar, int year, int first, int last)
    : Exception($"calendar `{calendar}` covers {first}–{last}, not {year}")
{
    public string Calendar { get; } = calendar;
    public int Year { get; } = year;
}
