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
    ScriptLimits Limits);

/// <summary>Per-evaluation limits for script languages, set in the manifest with safe defaults.</summary>
public sealed record ScriptLimits(int TimeoutMs = 50, int MaxStatements = 10_000, long MemoryBytes = 4 * 1024 * 1024, int Recursion = 64);
