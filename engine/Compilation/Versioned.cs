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
        // Indexed: a foreach over the interface would allocate an enumerator on every decision.
        for (var i = 0; i < All.Count; i++)
            if (header(All[i]).InForceOn(date)) return All[i];
        return null;
    }

    /// <summary>The version in force at an awareness instant, each version reading the date in its own zone.</summary>
    public T? At(Instant aware)
    {
        for (var i = 0; i < All.Count; i++)
            if (header(All[i]).InForceAt(aware)) return All[i];
        return null;
    }
}
