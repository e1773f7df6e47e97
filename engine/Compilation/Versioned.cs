using NodaTime;
using Verdict.Model;

namespace Verdict.Compilation;

/// <summary>
/// The versions of one policy id, ordered by effective date, indexed by their <see cref="EffectivePeriod"/>: the one
/// place that answers "which version is in force" for every kind.
/// </summary>
public sealed class Versioned<T> where T : class
{
    private readonly T[] _versions;
    private readonly EffectivePeriod[] _periods;

    /// <summary>Indexes <paramref name="versions"/> by the effective period of each one's header.</summary>
    public Versioned(IReadOnlyList<T> versions, Func<T, PolicyHeader> header)
    {
        _versions = versions.ToArray();
        _periods = _versions.Select(v => header(v).Effective).ToArray();
        All = _versions;
    }

    /// <summary>All versions, oldest first.</summary>
    public IReadOnlyList<T> All { get; }

    /// <summary>The periods of <see cref="All"/>, in the same order.</summary>
    public IReadOnlyList<EffectivePeriod> Periods => _periods;

    /// <summary>The version in force at an awareness instant (each version's dates read in its own zone), or null.</summary>
    public T? At(Instant aware)
    {
        for (var i = 0; i < _periods.Length; i++)
            if (_periods[i].Contains(aware)) return _versions[i];
        return null;
    }

    /// <summary>The version in force on a day (an access request's <c>on</c>), or null.</summary>
    public T? On(LocalDate date)
    {
        for (var i = 0; i < _periods.Length; i++)
            if (_periods[i].Contains(date)) return _versions[i];
        return null;
    }
}
