using Verdict.Diagnostics;
using Verdict.Model;
using Verdict.Syntax;

namespace Verdict.Scripting;

/// <summary>A named helper function declared in a policy's <c>functions:</c> block.</summary>
public sealed record PolicyFunction(string Name, string Source, SourceLocation Location, int ContentOffset);

/// <summary>Finds the <c>functions:</c> block of the policy a location belongs to.</summary>
public static class PolicyFunctions
{
    /// <summary>A lookup by policy file over read documents; files without functions map to an empty list.</summary>
    public static Func<string, IReadOnlyList<PolicyFunction>> Of(BundleSource source)
    {
        var byFile = new Dictionary<string, IReadOnlyList<PolicyFunction>>(StringComparer.Ordinal);
        foreach (var doc in source.Documents)
        {
            if (doc.Node.GetValue("functions") is not MapNode map) continue;
            byFile[doc.File] = map.Entries
                .Where(e => e.Value is ScalarNode)
                .Select(e => { var v = (ScalarNode)e.Value; return new PolicyFunction(e.Key.Value, v.Value, v.Location, v.ContentColumnOffset); })
                .ToList();
        }
        return file => byFile.TryGetValue(file, out var list) ? list : [];
    }

    /// <summary>The lookup used when a language is not bound to a bundle source: no policy declares functions.</summary>
    public static readonly Func<string, IReadOnlyList<PolicyFunction>> None = _ => [];
}
