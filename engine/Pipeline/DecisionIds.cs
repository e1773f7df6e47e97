using Verdict.Facts;
using Verdict.Syntax;

namespace Verdict.Pipeline;

/// <summary>Decision identifiers: a digest of the bundle digest and the canonical facts (docs/design.md, determinism).</summary>
public static class DecisionIds
{
    /// <summary>The id of the decision for these facts under a bundle with this digest.</summary>
    public static string For(string bundleDigest, IncidentFacts facts) =>
        CanonicalJson.Digest(bundleDigest + "\n" + Rendering.FactsJson.Canonical(facts));
}
