using Verdict.Decisions;
using Verdict.Diagnostics;
using Verdict.Expressions;
using Verdict.Model;

namespace Verdict.Compilation;

/// <summary>
/// A risk assessment compiled into conditions. An unknown condition does not stop the evaluation: it keeps the level it
/// would give as a possibility, and the risk is indeterminate only when the possibilities lead to different levels —
/// so a missing fact is reported only where it decides the outcome.
/// </summary>
public sealed class CompiledRiskAssessment
{
    private readonly Rule[] _severity;
    private readonly Scenario[] _scenarios;
    private readonly Adjustment[] _adjustments;
    private readonly int[][] _matrix;

    /// <summary>The source document.</summary>
    public RiskAssessmentDocument Document { get; }

    /// <summary><c>id@version</c>.</summary>
    public string Ref { get; }

    internal CompiledRiskAssessment(RiskAssessmentDocument doc, IConditionLanguage language)
    {
        Document = doc;
        Ref = doc.Header.Ref;
        _matrix = doc.Matrix;
        var errors = new List<Diagnostic>();
        Condition? Compile(Located? when)
        {
            if (when is null) return null;
            try { return language.CompileCondition(when.Text, when.Location, when.ContentOffset); }
            catch (VerdictException e) { errors.AddRange(e.Diagnostics); return null; }
        }
        Rule[] Rules(IReadOnlyList<RiskRule> rules, string list)
        {
            if (rules.Count > 0 && rules[^1].When is not null)
                errors.Add(Diagnostic.Error(Codes.RiskRulesNotTotal, $"the last rule of `{list}` (`{rules[^1].Id}`) has a condition, so the list can match nothing",
                    rules[^1].Node.Location, "end the list with a default rule without `when`, giving the level when no other rule holds"));
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var r in rules)
                if (!seen.Add(r.Id))
                    errors.Add(Diagnostic.Error(Codes.DuplicatePolicy, $"rule id `{r.Id}` is used twice in `{list}`", r.Node.Location, "give every rule its own id"));
            return rules.Select(r => new Rule(r, Compile(r.When))).ToArray();
        }
        _severity = Rules(doc.Severity, "severity");
        _scenarios = doc.Scenarios.Select(s => new Scenario(s, Compile(s.When),
            s.Severity is null ? null : Rules(s.Severity, $"{s.Id}.severity"), Rules(s.Likelihood, $"{s.Id}.likelihood"))).ToArray();
        _adjustments = doc.Adjustments.Select(a => new Adjustment(a, Compile(a.When)!)).ToArray();
        if (errors.Count > 0) throw new VerdictException(errors);
    }

    private sealed record Rule(RiskRule Spec, Condition? When);
    private sealed record Scenario(RiskScenario Spec, Condition? When, Rule[]? Severity, Rule[] Likelihood);
    private sealed record Adjustment(RiskAdjustment Spec, Condition When);

    // Sets of possible risk ranks as bits: bit 0 "no scenario applies", bit r+1 rank r.
    private const int NotApplicable = 1;
    private static int Bit(int rank) => 1 << (rank + 1);

    /// <summary>The derived risk as a set of possible ranks (one bit per rank 0–2), with its factors and reasons.</summary>
    internal (int Possible, RiskFactor[] Factors, List<string> Adjusted, List<string> Reasons, SortedSet<string> Missing) Evaluate(FactScope scope, List<TraceEntry>? trace)
    {
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        var factors = new List<RiskFactor>();
        var reasons = new List<string>();
        var overall = NotApplicable;
        foreach (var s in _scenarios)
        {
            var applies = s.When?.Evaluate(scope) ?? Tri.True;
            trace?.Add(new TraceEntry("risk", Ref, s.Spec.Id, CompiledSeverity.Word(applies), s.Spec.When?.Text));
            if (applies == Tri.False) continue;
            if (applies == Tri.Unknown) s.When!.CollectMissing(scope, missing);
            var (sev, sevRule) = Walk(s.Severity ?? _severity, scope, $"{s.Spec.Id}/severity", missing, trace);
            var (lik, likRule) = Walk(s.Likelihood, scope, $"{s.Spec.Id}/likelihood", missing, trace);
            var set = 0;
            for (var i = 0; i < 4; i++)
                if ((sev & (1 << i)) != 0)
                    for (var j = 0; j < 4; j++)
                        if ((lik & (1 << j)) != 0) set |= Bit(_matrix[i][j]);
            var riskWord = Words(set >> 1, RiskLevels.Risk);
            factors.Add(new RiskFactor(s.Spec.Id, Words(sev, RiskLevels.Scale), sevRule?.Spec.Id, Words(lik, RiskLevels.Scale), likRule?.Spec.Id, riskWord));
            reasons.Add($"{s.Spec.Id}: severity {Words(sev, RiskLevels.Scale)}{Why(sevRule)} x likelihood {Words(lik, RiskLevels.Scale)}{Why(likRule)} = {riskWord}"
                + (applies == Tri.Unknown ? $" (if it applies; unknown without {string.Join(", ", Missing(s.When!, scope))})" : ""));
            if (applies == Tri.Unknown) set |= NotApplicable;
            overall = Combine(overall, set);
        }
        // No scenario applies: the breach gives no way to harm anyone.
        if ((overall & NotApplicable) != 0) overall = (overall & ~NotApplicable) | Bit(0);

        var adjusted = new List<string>();
        foreach (var a in _adjustments)
        {
            var r = a.When.Evaluate(scope);
            trace?.Add(new TraceEntry("risk", Ref, a.Spec.Id, CompiledSeverity.Word(r), a.Spec.When.Text));
            if (r == Tri.False || (r == Tri.Unknown && a.Spec.SkipWhenUnknown)) continue;
            var next = 0;
            for (var rank = 0; rank < 3; rank++)
            {
                if ((overall & Bit(rank)) == 0) continue;
                var moved = Math.Min(Math.Max(rank, a.Spec.AtLeast ?? 0), a.Spec.AtMost ?? 2);
                next |= Bit(moved);
                if (r == Tri.Unknown) next |= Bit(rank);
            }
            if (r == Tri.Unknown) a.When.CollectMissing(scope, missing);
            else if (next != overall)
            {
                adjusted.Add(a.Spec.Id);
                reasons.Add($"{a.Spec.Id}: {(a.Spec.AtLeast is { } l ? "at least " + RiskLevels.Risk[l] : "at most " + RiskLevels.Risk[a.Spec.AtMost!.Value])}{(a.Spec.Rationale is { } why ? ": " + why : "")}");
            }
            overall = next;
        }
        return (overall >> 1, factors.ToArray(), adjusted, reasons, missing);
    }

    // First-match walk: the set of levels the list can give, and the rule that decided when only one can.
    private (int Set, Rule? Decided) Walk(Rule[] rules, FactScope scope, string list, SortedSet<string> missing, List<TraceEntry>? trace)
    {
        var set = 0;
        Rule? only = null;
        foreach (var rule in rules)
        {
            var r = rule.When?.Evaluate(scope) ?? Tri.True;
            trace?.Add(new TraceEntry("risk", Ref, $"{list}/{rule.Spec.Id}", CompiledSeverity.Word(r), rule.Spec.When?.Text));
            if (r == Tri.True)
            {
                if ((set & ~(1 << rule.Spec.Level)) == 0) only = rule;
                else only = null;
                set |= 1 << rule.Spec.Level;
                return (set, only);
            }
            if (r == Tri.Unknown && !rule.Spec.SkipWhenUnknown)
            {
                set |= 1 << rule.Spec.Level;
                rule.When!.CollectMissing(scope, missing);
            }
        }
        return (set, null); // unreachable: the compiler requires a default rule last
    }

    private static int Combine(int a, int b)
    {
        var result = 0;
        for (var i = -1; i < 3; i++)
            if ((a & (1 << (i + 1))) != 0)
                for (var j = -1; j < 3; j++)
                    if ((b & (1 << (j + 1))) != 0) result |= 1 << (Math.Max(i, j) + 1);
        return result;
    }

    private static IEnumerable<string> Missing(Condition c, FactScope scope)
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        c.CollectMissing(scope, set);
        return set;
    }

    private static string Why(Rule? r) => r is null ? "" : r.Spec.Rationale is { } why ? $" ({r.Spec.Id}: {why})" : $" ({r.Spec.Id})";

    /// <summary>The word of a one-element set, or the possibilities joined by "or".</summary>
    internal static string Words(int set, string[] words)
    {
        var parts = new List<string>();
        for (var i = 0; i < words.Length; i++)
            if ((set & (1 << i)) != 0) parts.Add(words[i]);
        return parts.Count == 1 ? parts[0] : "indeterminate (" + string.Join(" or ", parts) + ")";
    }
}
