namespace Verdict.Model;

/// <summary>The <c>bundle.yaml</c> at the root of a policy folder.</summary>
public sealed record BundleManifest(
    string Name,
    string Version,
    string? Description,
    IReadOnlyList<string> Include,
    IReadOnlyList<string> ExtraRegimes,
    IReadOnlyList<string> ExtraRecipients,
    IReadOnlyDictionary<string, IReadOnlyList<string>> JurisdictionGroups,
    ScriptLimits Limits,
    int UncertaintyCompletions = 4096);

/// <summary>
/// Per-evaluation limits for script languages, set in the manifest with safe defaults. Statements, memory and
/// recursion are counted, so they give the same answer on every machine; <see cref="TimeoutMs"/> is only a safety net
/// that fails the request (never the decision) and is at least the host's.
/// </summary>
public sealed record ScriptLimits(int TimeoutMs = 10_000, int MaxStatements = 10_000, long MemoryBytes = 4 * 1024 * 1024, int Recursion = 64)
{
    /// <summary>The most a bundle may ask for; a host can set a lower ceiling (<c>BundleOptions.ScriptCeiling</c>).</summary>
    public static ScriptLimits Ceiling { get; } = new(60_000, 10_000_000, 256L * 1024 * 1024, 1_000);

    /// <summary>Each limit no higher than <paramref name="ceiling"/>'s.</summary>
    public ScriptLimits CappedBy(ScriptLimits ceiling) => new(
        Math.Min(TimeoutMs, ceiling.TimeoutMs), Math.Min(MaxStatements, ceiling.MaxStatements),
        Math.Min(MemoryBytes, ceiling.MemoryBytes), Math.Min(Recursion, ceiling.Recursion));
}
