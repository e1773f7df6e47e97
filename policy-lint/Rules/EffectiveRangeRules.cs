using Verdict.Diagnostics;

namespace Verdict.Lint.Rules;

/// <summary>
/// Effective-date ranges of one policy id that leave a hole: incidents the controller became aware of in between are
/// judged by no version. Overlaps are the compiler's (VD1304); this adds the other half.
/// </summary>
internal sealed class EffectiveRangeRules : ILintRule
{
    public void Check(LintContext context)
    {
        foreach (var group in context.Source.Documents.GroupBy(d => d.Header.Id))
        {
            var versions = group.OrderBy(d => d.Header.From).ToList();
            for (var i = 0; i + 1 < versions.Count; i++)
            {
                var a = versions[i].Header;
                var b = versions[i + 1];
                if (a.Until is not { } until || until >= b.Header.From) continue;
                context.Warning(Codes.EffectiveHole,
                    $"no version of `{a.Id}` is in force from {until:uuuu-MM-dd} to {b.Header.From:uuuu-MM-dd}: `{a.Ref}` ends before `{b.Header.Ref}` starts",
                    b.Node.Get("effective")?.Location ?? b.Location,
                    $"set `effective.from: {until:uuuu-MM-dd}` here, or `effective.until: {b.Header.From:uuuu-MM-dd}` on `{a.Ref}`");
            }
        }
    }
}
