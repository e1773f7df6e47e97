using Verdict.Syntax;

namespace Verdict.Model;

/// <summary>Reads a schema-valid <c>RiskAssessment</c> policy into its typed document.</summary>
public static class RiskAssessmentReader
{
    /// <summary>Reads the document.</summary>
    public static RiskAssessmentDocument Read(PolicyHeader h, MapNode n, string file)
    {
        var matrix = (MapNode)n.Get("matrix")!;
        return new RiskAssessmentDocument(h, n, file)
        {
            Matrix = RiskLevels.Scale.Select(row => PolicyReader.Strings(matrix.GetValue(row)).Select(RiskLevels.RiskRank).ToArray()).ToArray(),
            MatrixCitation = n.GetString("matrixCitation"),
            Severity = Rules(n.GetValue("severity")),
            Scenarios = PolicyReader.Maps(n.GetValue("scenarios")).Select(s => new RiskScenario(
                s.GetString("id")!, s.GetString("title"), Located.OfOptional(s.GetValue("when")),
                s.GetValue("severity") is SeqNode ? Rules(s.GetValue("severity")) : null,
                Rules(s.GetValue("likelihood")), s.GetString("citation")!, s)).ToList(),
            Adjustments = PolicyReader.Maps(n.GetValue("adjustments")).Select(a => new RiskAdjustment(
                a.GetString("id")!, Located.Of((ScalarNode)a.Get("when")!),
                a.GetString("atLeast") is { } least ? RiskLevels.RiskRank(least) : null,
                a.GetString("atMost") is { } most ? RiskLevels.RiskRank(most) : null,
                a.GetString("whenUnknown") == "skip", a.GetString("rationale"), a.GetString("citation")!, a)).ToList(),
        };
    }

    private static IReadOnlyList<RiskRule> Rules(Node? n) =>
        PolicyReader.Maps(n).Select(r => new RiskRule(
            r.GetString("id")!, Located.OfOptional(r.GetValue("when")), RiskLevels.ScaleRank(r.GetString("level")),
            r.GetString("whenUnknown") == "skip", r.GetString("rationale"), r.GetString("citation")!, r)).ToList();
}
