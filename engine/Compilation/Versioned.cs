using NodaTime;
using Verdict.Model;

namespace Verdict.Compilation;

/// <summary>The versions of one policy id, ordered by effective date; picks the one in force on a date.</summary>
public sealed class Versioned<T>(IReadOnlyList<T> versions, Func<T, PolicyHeader> header) where T : class
{
    /// <summary>All versions, oldest first.</summary>
    public IReadOnlyList<T> All { get; } = versions;

    /// <summary>The version in force on <paramref name="date"/>, or null.</summary>
    public T? On(LocalDate date)
    {
        foreach (var v in All)
            if (header(v).InForceOn(date)) return v;
        return null;
    }
}
