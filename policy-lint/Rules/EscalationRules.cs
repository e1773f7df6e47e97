using Verdict.Diagnostics;
using Verdict.Syntax;

namespace Verdict.Lint.Rules;

/// <summary>
/// Escalation paths: a step that escalates to a role no escalation step of the bundle pages. The schema has no
/// roster of roles, so "defined" means paged by some step (which gives it a channel and an acknowledgement time).
/// A target one typo away from a defined role is an error (it is almost certainly that role); any other undefined
/// target is a warning: the decision names it, but nothing pages it when the step is not acknowledged.
/// </summary>
internal sealed class EscalationRules : ILintRule
{
    public void Check(LintContext context)
    {
        var steps = context.FilesOfKind("EscalationPath")
            .SelectMany(p => (p.Node.GetValue("steps") as SeqNode)?.Items.OfType<MapNode>() ?? []).ToList();
        var roles = steps.Select(s => s.GetString("role")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var known = string.Join(", ", roles.Order(StringComparer.Ordinal));
        foreach (var step in steps)
        {
            if (step.GetValue("escalateTo") is not ScalarNode target || roles.Contains(target.Value)) continue;
            var message = $"step `{step.GetString("id")}` escalates to `{target.Value}`, a role no escalation step pages";
            if (Suggest.Nearest(target.Value, roles) is { } near)
                context.Error(Codes.UndefinedRole, message, target.Location, $"did you mean `{near}`?");
            else
                context.Warning(Codes.UndefinedRole, message, target.Location,
                    $"add a step that pages `{target.Value}` (it may have a `when:`), or escalate to one of: {known}");
        }
    }
}
