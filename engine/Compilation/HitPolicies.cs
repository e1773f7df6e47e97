namespace Verdict.Compilation;

/// <summary>
/// Which of a decision table's matching rows decide, per hit policy (DMN): the one implementation the engine decides
/// with and the linter analyses tables with.
/// </summary>
public static class HitPolicies
{
    /// <summary>
    /// The position in <paramref name="hits"/> (matching rows, in table order) of the one row that decides, or -1
    /// when every hit decides: <c>first</c> takes the first, <c>priority</c> the highest level (the first of equal
    /// levels), <c>collect</c> all of them, <c>unique</c> its only one (several are a defect the caller reports).
    /// </summary>
    public static int Winner(string hitPolicy, IReadOnlyList<CompiledRow> hits)
    {
        if (hits.Count == 0) return -1;
        switch (hitPolicy)
        {
            case "first":
                return 0;
            case "priority":
                var best = 0;
                for (var i = 1; i < hits.Count; i++)
                    if (hits[i].Rank > hits[best].Rank) best = i;
                return best;
            default:
                return hits.Count == 1 ? 0 : -1;
        }
    }
}
