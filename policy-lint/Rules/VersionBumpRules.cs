using Verdict.Diagnostics;
using Verdict.Syntax;

namespace Verdict.Lint.Rules;

/// <summary>
/// <c>--base REF</c>: a policy whose canonical content (layout, key order and comments aside) differs from the same
/// id and version at the git revision REF changed without a version bump, so two different rules would be cited by
/// the same <c>id@version</c>. Files are matched by id and version, so a moved file is still compared.
/// </summary>
internal sealed class VersionBumpRules(string baseRef) : ILintRule
{
    public void Check(LintContext context)
    {
        var files = GitRevision.ReadBundle(context.Source.Root, baseRef);
        var before = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, text) in files)
        {
            Node node;
            try { node = NodeReader.Read(text, $"{baseRef}:{path}"); }
            catch (VerdictException) { continue; } // broken at the base: nothing to compare with
            if (node is MapNode m && m.GetString("id") is { } id && m.GetString("version") is { } version && m.GetString("kind") is not (null or "Bundle"))
                before.TryAdd($"{id}@{version}", CanonicalJson.Of(node));
        }
        foreach (var doc in context.Source.Documents)
        {
            if (!before.TryGetValue(doc.Header.Ref, out var old) || old == CanonicalJson.Of(doc.Node)) continue;
            context.Error(Codes.VersionNotBumped,
                $"`{doc.Header.Ref}` changed since `{baseRef}` but its version did not",
                doc.Node.Get("version")?.Location ?? doc.Location,
                $"bump `version` (e.g. to `{NextPatch(doc.Header.Version)}`) so decisions cite the rule that made them");
        }
    }

    /// <summary>The next patch version of a semantic version: 1.2.3 → 1.2.4 (a pre-release tag is dropped).</summary>
    internal static string NextPatch(string version)
    {
        var core = version.Split('-', '+')[0].Split('.');
        return core.Length == 3 && int.TryParse(core[2], out var patch) ? $"{core[0]}.{core[1]}.{patch + 1}" : version + ".1";
    }
}
