using System.Collections.Frozen;

namespace Verdict.Compilation;

/// <summary>A deny rule as violations cite it; <see cref="Index"/> is its place in the document (the first wins).</summary>
internal sealed record DenyRule(int Index, string Rule, string Reason);

/// <summary>The allow and deny rules that apply to one object (or, with a null name, to objects no pattern names).</summary>
internal sealed class ObjectRules
{
    /// <summary>What the exact field patterns say about one field name: the first deny rule naming it, and whether an allow names it.</summary>
    private sealed record Exact(DenyRule? Deny, bool Allow);

    private DenyRule? _denyAll;
    private bool _allowAll;
    // One lookup answers both lists for fields named exactly; patterns with wildcards are indexed by first letter.
    private FrozenDictionary<string, Exact> _exact = FrozenDictionary<string, Exact>.Empty;
    private PatternIndex<DenyRule> _denyPatterns = new([]);
    private PatternIndex<string> _allowPatterns = new([]);

    /// <summary>The per-access record limit for this object, or null.</summary>
    public long? MaxRecords { get; private init; }

    /// <summary>
    /// Folds the patterns that can apply to <paramref name="name"/>. With a name, wildcard object parts are matched now
    /// and dropped from the run-time check; without one, only wildcard-object patterns remain and keep their object test.
    /// </summary>
    public static ObjectRules For(string? name, IReadOnlyList<FieldPattern> allow, IReadOnlyList<(FieldPattern Pattern, DenyRule Rule)> deny, long? max)
    {
        bool Applies(Glob o) => name is null ? !o.IsExact : o.Matches(name);
        Glob? Residual(Glob o) => name is null && !o.IsAny ? o : null;

        var rules = new ObjectRules { MaxRecords = max };
        var denyExact = new Dictionary<string, DenyRule>(StringComparer.OrdinalIgnoreCase);
        var denyPatterns = new List<(Glob?, Glob, DenyRule)>();
        foreach (var (p, rule) in deny.OrderBy(d => d.Rule.Index))
        {
            if (!Applies(p.Object)) continue;
            var residual = Residual(p.Object);
            if (p.Field.IsAny && residual is null) rules._denyAll ??= rule;
            else if (p.Field.IsExact && residual is null) denyExact.TryAdd(p.Field.Text, rule);
            else denyPatterns.Add((residual, p.Field, rule));
        }
        var allowExact = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var allowPatterns = new List<(Glob?, Glob, string)>();
        foreach (var p in allow)
        {
            if (!Applies(p.Object)) continue;
            var residual = Residual(p.Object);
            if (p.Field.IsAny && residual is null) rules._allowAll = true;
            else if (p.Field.IsExact && residual is null) allowExact.Add(p.Field.Text);
            else allowPatterns.Add((residual, p.Field, p.Text));
        }
        rules._exact = denyExact.Keys.Concat(allowExact).Distinct(StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(f => f, f => new Exact(denyExact.GetValueOrDefault(f), allowExact.Contains(f)), StringComparer.OrdinalIgnoreCase);
        rules._denyPatterns = new PatternIndex<DenyRule>(denyPatterns);
        rules._allowPatterns = new PatternIndex<string>(allowPatterns);
        return rules;
    }

    /// <summary>The earliest deny rule in the document that forbids the field, or null (for the report).</summary>
    public DenyRule? Denied(string obj, string field)
    {
        var hit = _denyAll;
        if (_exact.TryGetValue(field, out var exact) && exact.Deny is { } named && (hit is null || named.Index < hit.Index)) hit = named;
        foreach (var (o, f, rule) in _denyPatterns.All)
            if ((o is null || o.Matches(obj)) && f.Matches(field) && (hit is null || rule.Index < hit.Index)) hit = rule;
        return hit;
    }

    /// <summary>The allow test of one field: not denied and allowed, with a single lookup for names written exactly.</summary>
    public bool AllowsField(string obj, string field)
    {
        if (_denyAll is not null) return false;
        var allowed = _allowAll;
        if (_exact.TryGetValue(field, out var exact))
        {
            if (exact.Deny is not null) return false;
            allowed |= exact.Allow;
        }
        if (_denyPatterns.Any(obj, field) is not null) return false;
        return allowed || _allowPatterns.Any(obj, field) is not null;
    }

    /// <summary>True when an allow pattern covers the field.</summary>
    public bool Allowed(string obj, string field) =>
        _allowAll || (_exact.TryGetValue(field, out var exact) && exact.Allow) || _allowPatterns.Any(obj, field) is not null;

    /// <summary>True when <c>Object.*</c> is allowed.</summary>
    public bool AllowsAll(string obj)
    {
        if (_allowAll) return true;
        foreach (var (o, f, _) in _allowPatterns.All)
            if (f.IsAny && o is not null && o.Matches(obj)) return true;
        return false;
    }

    /// <summary>True when any deny rule touches some field of the object; <paramref name="rule"/> is the first.</summary>
    public bool HasAnyDeny(string obj, out DenyRule? rule)
    {
        rule = _denyAll;
        foreach (var e in _exact.Values)
            if (e.Deny is { } r && (rule is null || r.Index < rule.Index)) rule = r;
        foreach (var (o, _, r) in _denyPatterns.All)
            if ((o is null || o.Matches(obj)) && (rule is null || r.Index < rule.Index)) rule = r;
        return rule is not null;
    }
}
