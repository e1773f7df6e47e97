using System.Globalization;
using Verdict.Syntax;

namespace Verdict.Model;

/// <summary>Reads a schema-valid <c>PurposeBinding</c> policy into its document.</summary>
public static class PurposeReader
{
    /// <summary>Reads the document; shape errors were already reported by the schema.</summary>
    public static PurposeBindingDocument Read(PolicyHeader header, MapNode node, string file)
    {
        var categories = node.GetValue("categories") as MapNode;
        var limits = node.GetValue("limits") as MapNode;
        var byObject = new List<KeyValuePair<string, long>>();
        if (limits?.GetValue("byObject") is MapNode objects)
            foreach (var (k, v) in objects.Entries) byObject.Add(new(k.Value, Long((ScalarNode)v)));
        return new PurposeBindingDocument(header, node, file)
        {
            Purpose = node.GetString("purpose")!,
            LawfulBasis = node.GetString("lawfulBasis"),
            Citation = node.GetString("citation"),
            Actors = Scalars(node.GetValue("actors")),
            Allow = Scalars(node.GetValue("allow")),
            Deny = PolicyReader.Maps(node.GetValue("deny")).Select(d => new DenyRuleSpec(
                d.GetString("id")!, Scalars(d.GetValue("fields")), d.GetString("reason")!, d.GetString("citation"), d)).ToList(),
            AllowCategories = categories?.GetValue("allow") is { } allow ? PolicyReader.Strings(allow) : null,
            DenyCategories = PolicyReader.Strings(categories?.GetValue("deny")),
            RecordsPerAccess = limits?.GetValue("recordsPerAccess") is ScalarNode max ? Long(max) : null,
            RecordsByObject = byObject,
            ExternalAi = node.GetValue("externalAi") is ScalarNode ext && NodeReader.AsBool(ext),
        };
    }

    /// <summary>The scalars of a list node with their places (empty when absent).</summary>
    internal static IReadOnlyList<Located> Scalars(Node? n) =>
        n is SeqNode s ? s.Items.OfType<ScalarNode>().Select(Located.Of).ToList() : [];

    private static long Long(ScalarNode s) => long.Parse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
