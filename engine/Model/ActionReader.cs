using Verdict.Diagnostics;
using Verdict.Syntax;

namespace Verdict.Model;

/// <summary>Reads a schema-valid <c>ActionPlan</c> policy into its document.</summary>
public static class ActionReader
{
    /// <summary>Reads the document; an action id used twice in one plan is an error here.</summary>
    public static ActionPlanDocument Read(PolicyHeader header, MapNode node, string file)
    {
        var errors = new List<Diagnostic>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var actions = new List<ActionSpec>();
        foreach (var a in PolicyReader.Maps(node.GetValue("actions")))
        {
            var id = a.GetString("id")!;
            if (!ids.Add(id))
                errors.Add(Diagnostic.Error(Codes.DuplicatePolicy, $"action id `{id}` is used twice", a.Get("id")!.Location, "give every action its own id"));
            var parameters = new List<KeyValuePair<string, Located>>();
            if (a.GetValue("params") is MapNode p)
                foreach (var (k, v) in p.Entries)
                    if (v is ScalarNode s) parameters.Add(new(k.Value, Located.Of(s)));
            parameters.Sort((x, y) => string.CompareOrdinal(x.Key, y.Key));
            var each = a.GetValue("forEach") as MapNode;
            actions.Add(new ActionSpec(
                id, a.GetString("title"), Located.OfOptional(a.GetValue("when")), a.GetString("whenUnknown") == "include",
                parameters,
                each is null ? null : new ForEachSpec(each.GetString("param")!, Located.Of((ScalarNode)each.Get("in")!)),
                PurposeReader.Scalars(a.GetValue("after")), a.GetString("citation"), a));
        }
        if (errors.Count > 0) throw new VerdictException(errors);
        return new ActionPlanDocument(header, node, file) { Actions = actions };
    }
}
