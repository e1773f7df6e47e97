using Verdict.Diagnostics;
using Verdict.Model;
using Verdict.Syntax;

namespace Verdict.Lint.Rules;

/// <summary>
/// <c>--base REF</c>: versions must go up with content. A policy whose canonical content (layout, key order and
/// comments aside) differs from the same id at the git revision REF must carry a version higher than every version of
/// that id at REF, or two different rules would be cited by one <c>id@version</c> (or a change would look older than
/// what it replaces). The bundle's own version must also go up when <c>bundle.yaml</c> or any policy changed, was
/// added or was removed, since decisions name the bundle version. Files are matched by id, so a moved file is still
/// compared.
/// </summary>
internal sealed class VersionBumpRules(string baseRef) : ILintRule
{
    public void Check(LintContext context)
    {
        var files = GitRevision.ReadBundle(context.Source.Root, baseRef);
        var before = new Dictionary<string, string>(StringComparer.Ordinal);
        var versions = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        (string Version, string Content)? manifest = null;
        var manifestDepth = int.MaxValue;
        foreach (var (path, text) in files)
        {
            Node node;
            try { node = NodeReader.Read(text, $"{baseRef}:{path}"); }
            catch (VerdictException) { continue; } // broken at the base: nothing to compare with
            if (node is not MapNode m || m.GetString("version") is not { } version) continue;
            if (m.GetString("kind") == "Bundle")
            {
                // The bundle's own manifest is the one nearest the root (a nested folder may hold another bundle).
                var depth = path.Count(ch => ch == '/');
                if (manifest is null || depth < manifestDepth) (manifest, manifestDepth) = ((version, CanonicalJson.Of(node)), depth);
                continue;
            }
            if (m.GetString("id") is not { } id || m.GetString("kind") is null) continue;
            before.TryAdd($"{id}@{version}", CanonicalJson.Of(node));
            (versions.TryGetValue(id, out var list) ? list : versions[id] = []).Add(version);
        }

        var changed = false;
        var head = new HashSet<string>(StringComparer.Ordinal);
        foreach (var doc in context.Source.Documents)
        {
            var content = CanonicalJson.Of(doc.Node);
            head.Add(doc.Header.Ref);
            if (before.TryGetValue(doc.Header.Ref, out var old))
            {
                if (old == content) continue;
                changed = true;
                context.Error(Codes.VersionNotBumped,
                    $"`{doc.Header.Ref}` changed since `{baseRef}` but its version did not",
                    doc.Node.Get("version")?.Location ?? doc.Location,
                    $"bump `version` (e.g. to `{NextPatch(Highest(versions[doc.Header.Id]))}`) so decisions cite the rule that made them");
                continue;
            }
            changed = true;
            // A new version of a known id: it must be above every version REF had, not just different from them.
            if (versions.TryGetValue(doc.Header.Id, out var earlier) && Highest(earlier) is var top && SemVer.Compare(doc.Header.Version, top) <= 0)
                context.Error(Codes.VersionNotBumped,
                    $"`{doc.Header.Id}` changed since `{baseRef}` but its version went from `{top}` to `{doc.Header.Version}`, not up",
                    doc.Node.Get("version")?.Location ?? doc.Location,
                    $"set `version` above `{top}` (e.g. `{NextPatch(top)}`): a version names one content, and a later change needs a higher one");
        }
        if (before.Keys.Any(k => !head.Contains(k))) changed = true;

        if (manifest is not { } m0 || context.Source.Files.FirstOrDefault(f => f.File == "bundle.yaml").Node is not MapNode now) return;
        var nowVersion = context.Source.Manifest.Version;
        if (m0.Content != CanonicalJson.Of(now)) changed = true;
        if (changed && SemVer.Compare(nowVersion, m0.Version) <= 0)
            context.Error(Codes.BundleVersionNotBumped,
                $"the bundle changed since `{baseRef}` but its version went from `{m0.Version}` to `{nowVersion}`, not up",
                now.Get("version")?.Location ?? now.Location,
                $"raise the bundle `version` (e.g. to `{NextPatch(m0.Version)}`): every decision names the bundle version that made it");
    }

    private static string Highest(IEnumerable<string> versions) => versions.Aggregate((a, b) => SemVer.Compare(a, b) >= 0 ? a : b);

    /// <summary>The next patch version of a semantic version: 1.2.3 → 1.2.4 (a pre-release tag is dropped).</summary>
    internal static string NextPatch(string version)
    {
        var core = version.Split('-', '+')[0].Split('.');
        return core.Length == 3 && int.TryParse(core[2], out var patch) ? $"{core[0]}.{core[1]}.{patch + 1}" : version + ".1";
    }
}

/// <summary>Semantic-version precedence (semver.org §11), also for calendar versions such as <c>2026.11.0</c>.</summary>
internal static class SemVer
{
    /// <summary>Negative when <paramref name="a"/> is lower, zero when equal in precedence, positive when higher.</summary>
    public static int Compare(string a, string b)
    {
        var (coreA, preA) = Split(a);
        var (coreB, preB) = Split(b);
        var c = Identifiers(coreA, coreB);
        if (c != 0) return c;
        // A pre-release is lower than its release; two pre-releases compare by their identifiers.
        if (preA is null || preB is null) return preA is null ? (preB is null ? 0 : 1) : -1;
        return Identifiers(preA, preB);
    }

    private static (string Core, string? Pre) Split(string v)
    {
        var build = v.IndexOf('+');
        if (build >= 0) v = v[..build];
        var dash = v.IndexOf('-');
        return dash < 0 ? (v, null) : (v[..dash], v[(dash + 1)..]);
    }

    private static int Identifiers(string a, string b)
    {
        var (x, y) = (a.Split('.'), b.Split('.'));
        for (var i = 0; i < Math.Max(x.Length, y.Length); i++)
        {
            if (i >= x.Length) return -1;
            if (i >= y.Length) return 1;
            var (nx, ny) = (long.TryParse(x[i], out var p), long.TryParse(y[i], out var q));
            var c = nx && ny ? p.CompareTo(q) : nx ? -1 : ny ? 1 : string.CompareOrdinal(x[i], y[i]);
            if (c != 0) return c;
        }
        return 0;
    }
}
