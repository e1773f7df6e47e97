using Verdict.Compilation;
using Verdict.Model;

namespace Verdict;

/// <summary>How <see cref="VerdictBundle"/> loads a bundle.</summary>
public sealed record VerdictLoadOptions
{
    /// <summary>Allow policies written in C# (needs a language registration that provides <c>csharp</c>).</summary>
    public bool AllowCSharp { get; init; }

    /// <summary>
    /// Adds condition languages for a bundle once its files are read: pass
    /// <c>Verdict.Scripting.ScriptLanguages.Register</c> for <c>js</c> and <c>csharp</c>. Null: only the built-in
    /// lambda language.
    /// </summary>
    public Func<BundleOptions, BundleSource, BundleOptions>? Languages { get; init; }

    /// <summary>Largest policy file accepted, in bytes (also the largest entry of a zip).</summary>
    public long MaxFileBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>Most files a zip or in-memory bundle may hold.</summary>
    public int MaxFiles { get; init; } = 10_000;
}
