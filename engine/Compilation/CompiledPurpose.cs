using System.Collections.Frozen;
using System.Globalization;
using NodaTime;
using Verdict.Decisions;
using Verdict.Diagnostics;
using Verdict.Facts;
using Verdict.Model;

namespace Verdict.Compilation;

/// <summary>
/// One purpose binding compiled for the access hot path: the actor set and, per CRM object named in a pattern, frozen
/// lookups of allowed and denied fields. Wildcard object parts (<c>*.CreditScore__c</c>) are folded into every named
/// object at compile time; objects no pattern names fall back to the wildcard patterns, matched at run time.
/// </summary>
public sealed class CompiledPurpose
{
    private readonly FrozenSet<string> _actors;
    private readonly FrozenDictionary<string, ObjectRules> _objects;
    private readonly ObjectRules _otherObjects;
    private readonly FrozenSet<string>? _allowCategories;
    private readonly FrozenSet<string> _denyCategories;
    private readonly string _citationSuffix;

    /// <summary>The source document.</summary>
    public PurposeBindingDocument Document { get; }

    /// <summary><c>id@version</c>.</summary>
    public string Ref { get; }

    /// <summary>The purpose bound.</summary>
    public string Purpose => Document.Purpose;

    internal CompiledPurpose(PurposeBindingDocument doc)
    {
        Document = doc;
        Ref = doc.Header.Ref;
        _citationSuffix = doc.Citation is { } c ? $" ({c})" : "";
        var errors = new List<Diagnostic>();
        FieldPattern? Parse(Located l)
        {
            try { return FieldPattern.Parse(l); }
            catch (VerdictException e) { errors.AddRange(e.Diagnostics); return null; }
        }
        var allow = doc.Allow.Select(Parse).Where(p => p is not null).ToList();
        var deny = new List<(FieldPattern Pattern, DenyRule Rule)>();
        var ruleIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < doc.Deny.Count; i++)
        {
            var d = doc.Deny[i];
            if (!ruleIds.Add(d.Id))
                errors.Add(Diagnostic.Error(Codes.DuplicatePolicy, $"deny rule id `{d.Id}` is used twice", d.Node.Location, "give every deny rule its own id"));
            var rule = new DenyRule(i, "deny/" + d.Id, d.Reason + (d.Citation is { } dc ? $" ({dc})" : _citationSuffix));
            foreach (var f in d.Fields)
                if (Parse(f) is { } p) deny.Add((p, rule));
        }
        var seenActors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in doc.Actors)
            if (!seenActors.Add(a.Text))
                errors.Add(Diagnostic.Error(Codes.DuplicatePolicy, $"actor `{a.Text}` is listed twice", a.Location, "list each actor once"));
        if (errors.Count > 0) throw new VerdictException(errors);

        _actors = seenActors.ToFrozenSet(StringComparer.Ordinal);
        var limits = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        foreach (var (o, max) in doc.RecordsByObject) limits[o] = max;
        var named = allow.Select(p => p!.Object).Concat(deny.Select(d => d.Pattern.Object)).Where(g => g.IsExact).Select(g => g.Text)
            .Concat(limits.Keys).Distinct(StringComparer.OrdinalIgnoreCase);
        _objects = named.ToFrozenDictionary(
            o => o,
            o => ObjectRules.For(o, allow!, deny, limits.TryGetValue(o, out var m) ? m : doc.RecordsPerAccess),
            StringComparer.OrdinalIgnoreCase);
        _otherObjects = ObjectRules.For(null, allow!, deny, doc.RecordsPerAccess);
        _allowCategories = doc.AllowCategories?.ToFrozenSet(StringComparer.Ordinal);
        _denyCategories = doc.DenyCategories.ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Checks one access. With <paramref name="into"/> null this is the allocation-free allow test and stops at the
    /// first broken rule; otherwise every broken rule is added as a violation.
    /// </summary>
    internal bool Check(string actor, string obj, IReadOnlyList<string> fields, IReadOnlyList<string> categories,
        long? records, bool external, List<PurposeViolation>? into)
    {
        if (!_actors.Contains(actor))
        {
            into?.Add(new PurposeViolation(actor, Purpose, obj, Copy(fields), "actors",
                $"`{actor}` is not an actor bound to `{Purpose}`, so it may not read {obj} under this purpose{_citationSuffix}", Ref));
            return false;
        }
        var ok = true;
        var rules = _objects.TryGetValue(obj, out var r) ? r : _otherObjects;

        if (fields.Count == 0)
        {
            // No field list means the whole record: every field must be allowed and none denied.
            if (rules.HasAnyDeny(obj, out var deny))
            {
                if (into is null) return false;
                ok = false;
                into.Add(new PurposeViolation(actor, Purpose, obj, [], deny!.Rule,
                    $"reads every field of {obj}, some of which are denied: {deny.Reason}", Ref));
            }
            else if (!rules.AllowsAll(obj))
            {
                if (into is null) return false;
                ok = false;
                into.Add(new PurposeViolation(actor, Purpose, obj, [], "allow",
                    $"reads every field of {obj}, but `{Purpose}` may read only some of them{_citationSuffix}", Ref));
            }
        }
        else if (into is null)
        {
            for (var i = 0; i < fields.Count; i++)
                if (!rules.AllowsField(obj, fields[i])) return false;
        }
        else
        {
            List<string>? notAllowed = null;
            SortedDictionary<int, (DenyRule Rule, List<string> Fields)>? denied = null;
            for (var i = 0; i < fields.Count; i++)
            {
                var f = fields[i];
                var d = rules.Denied(obj, f);
                if (d is not null)
                {
                    denied ??= [];
                    if (!denied.TryGetValue(d.Index, out var entry)) denied[d.Index] = entry = (d, []);
                    entry.Fields.Add(f);
                }
                else if (!rules.Allowed(obj, f))
                {
                    (notAllowed ??= []).Add(f);
                }
            }
            if (denied is not null)
            {
                ok = false;
                foreach (var (rule, fs) in denied.Values)
                    into!.Add(new PurposeViolation(actor, Purpose, obj, fs, rule.Rule, $"reads {Join(obj, fs)}: {rule.Reason}", Ref));
            }
            if (notAllowed is not null)
            {
                ok = false;
                into!.Add(new PurposeViolation(actor, Purpose, obj, notAllowed, "allow",
                    $"reads {Join(obj, notAllowed)}, which `{Purpose}` does not allow{_citationSuffix}", Ref));
            }
        }

        List<string>? deniedCategories = null, unlistedCategories = null;
        for (var i = 0; i < categories.Count; i++)
        {
            var c = categories[i];
            var denyHit = _denyCategories.Contains(c);
            if (!denyHit && (_allowCategories is null || _allowCategories.Contains(c))) continue;
            if (into is null) return false;
            (denyHit ? deniedCategories ??= [] : unlistedCategories ??= []).Add(c);
        }
        if (deniedCategories is not null)
        {
            ok = false;
            into!.Add(new PurposeViolation(actor, Purpose, obj, Copy(fields), "categories/deny",
                $"touches {string.Join(", ", deniedCategories)} data, which `{Purpose}` must never process{_citationSuffix}", Ref));
        }
        if (unlistedCategories is not null)
        {
            ok = false;
            into!.Add(new PurposeViolation(actor, Purpose, obj, Copy(fields), "categories/allow",
                $"touches {string.Join(", ", unlistedCategories)} data, which is not among the categories `{Purpose}` may process{_citationSuffix}", Ref));
        }

        if (records is { } n && rules.MaxRecords is { } max && n > max)
        {
            if (into is null) return false;
            ok = false;
            into.Add(new PurposeViolation(actor, Purpose, obj, Copy(fields), "limits/records",
                $"reads {n.ToString("N0", CultureInfo.InvariantCulture)} records of {obj} in one access; `{Purpose}` allows at most {max.ToString("N0", CultureInfo.InvariantCulture)}{_citationSuffix}", Ref));
        }

        if (external && !Document.ExternalAi)
        {
            if (into is null) return false;
            ok = false;
            into.Add(new PurposeViolation(actor, Purpose, obj, Copy(fields), "externalAi",
                $"sends {obj} data to an external AI endpoint, which `{Purpose}` does not allow{_citationSuffix}", Ref));
        }
        return ok;
    }

    private static IReadOnlyList<string> Copy(IReadOnlyList<string> fields) => fields.Count == 0 ? [] : fields.ToArray();

    private static string Join(string obj, List<string> fields) => string.Join(", ", fields.Select(f => $"{obj}.{f}"));
}

/// <summary>
/// Every purpose binding of a bundle, indexed by purpose. <see cref="Decide"/> is the access hot path: two frozen
/// lookups and a walk over the requested fields, with no allocation when the access is allowed.
/// </summary>
public sealed class CompiledPurposes
{
    private readonly FrozenDictionary<string, Versioned<CompiledPurpose>> _byPurpose;
    private readonly FrozenDictionary<string, CompiledPurpose> _newest;

    private CompiledPurposes(Dictionary<string, Versioned<CompiledPurpose>> byPurpose)
    {
        _byPurpose = byPurpose.ToFrozenDictionary(StringComparer.Ordinal);
        _newest = byPurpose.ToFrozenDictionary(p => p.Key, p => p.Value.All[^1], StringComparer.Ordinal);
    }

    /// <summary>No bindings: every access is denied, and incident decisions leave <c>purpose.violations</c> unknown.</summary>
    public static CompiledPurposes Empty { get; } = new([]);

    /// <summary>True when the bundle binds no purpose.</summary>
    public bool IsEmpty => _byPurpose.Count == 0;

    /// <summary>Every binding version, by purpose then date.</summary>
    public IEnumerable<CompiledPurpose> All => _byPurpose.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => p.Value.All);

    /// <summary>Compiles every binding; a purpose bound by two different policies is an error.</summary>
    internal static CompiledPurposes Compile(IEnumerable<PurposeBindingDocument> docs, List<Diagnostic> diagnostics)
    {
        var byPurpose = new Dictionary<string, Versioned<CompiledPurpose>>(StringComparer.Ordinal);
        foreach (var group in docs.GroupBy(d => d.Purpose, StringComparer.Ordinal))
        {
            var owners = group.Select(d => d.Header.Id).Distinct().ToList();
            if (owners.Count > 1)
            {
                var second = group.First(d => d.Header.Id == owners[1]);
                diagnostics.Add(Diagnostic.Error(Codes.DuplicatePolicy,
                    $"purpose `{group.Key}` is bound by both `{owners[0]}` and `{owners[1]}`", second.Node.Get("purpose")?.Location ?? second.Location,
                    "bind each purpose in one policy; express changes as versions of it"));
                continue;
            }
            var compiled = new List<CompiledPurpose>();
            foreach (var d in group.OrderBy(d => d.Header.From))
            {
                try { compiled.Add(new CompiledPurpose(d)); }
                catch (VerdictException e) { diagnostics.AddRange(e.Diagnostics); }
            }
            if (compiled.Count > 0) byPurpose[group.Key] = new Versioned<CompiledPurpose>(compiled, c => c.Document.Header);
        }
        return byPurpose.Count == 0 ? Empty : new CompiledPurposes(byPurpose);
    }

    /// <summary>Decides one access request. Allocation-free when allowed; violations are built only to deny.</summary>
    public AccessDecision Decide(AccessRequest request)
    {
        var binding = request.On is { } on
            ? _byPurpose.TryGetValue(request.Purpose, out var versions) ? versions.On(on) : null
            : _newest.GetValueOrDefault(request.Purpose);
        if (binding is not null &&
            binding.Check(request.Actor, request.Object, request.Fields, request.Categories, request.Records, request.External, null))
            return AccessDecision.Allowed;

        var violations = new List<PurposeViolation>();
        if (binding is null) violations.Add(Unbound(request.Actor, request.Purpose, request.Object, request.Fields, request.On));
        else binding.Check(request.Actor, request.Object, request.Fields, request.Categories, request.Records, request.External, violations);
        return AccessDecision.Deny(violations);
    }

    /// <summary>
    /// Checks every access fact of an incident against the bindings in force at <paramref name="aware"/>, adding one
    /// violation per broken rule. Also flags an AI system acting under a purpose other than the one it declared.
    /// </summary>
    internal void Check(IncidentFacts facts, Instant aware, List<PurposeViolation> into, List<TraceEntry>? trace)
    {
        for (var i = 0; i < facts.Access.Count; i++)
        {
            var a = facts.Access[i];
            var before = into.Count;
            var binding = _byPurpose.TryGetValue(a.Purpose, out var versions) ? versions.At(aware) : null;
            if (binding is null) into.Add(Unbound(a.Actor, a.Purpose, a.Object, a.Fields, aware.InUtc().Date));
            else binding.Check(a.Actor, a.Object, a.Fields, a.Categories, a.HasRecords ? a.Records : null, a.External, into);
            foreach (var s in facts.Ai.Systems)
                if (s.Id == a.Actor && s.DeclaredPurpose.Length > 0 && s.DeclaredPurpose != a.Purpose)
                    into.Add(new PurposeViolation(a.Actor, a.Purpose, a.Object, a.Fields.ToArray(), "declared-purpose",
                        $"`{a.Actor}` declared the purpose `{s.DeclaredPurpose}` but read {a.Object} under `{a.Purpose}` (Regulation (EU) 2016/679, Art. 5(1)(b))",
                        binding?.Ref ?? ""));
            trace?.Add(new TraceEntry("purpose", binding?.Ref ?? "", "access[" + i.ToString(CultureInfo.InvariantCulture) + "]",
                into.Count == before ? "allowed" : (into.Count - before).ToString(CultureInfo.InvariantCulture) + " violation(s)",
                $"{a.Actor} under {a.Purpose} on {a.Object}"));
        }
    }

    private PurposeViolation Unbound(string actor, string purpose, string obj, IReadOnlyList<string> fields, LocalDate? on)
    {
        var known = _byPurpose.ContainsKey(purpose);
        var reason = known
            ? $"no binding of `{purpose}` is in force on {on?.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture)}, so nothing may be read under it"
            : $"no policy declares the purpose `{purpose}`, so nothing may be read under it (Regulation (EU) 2016/679, Art. 5(1)(b))";
        return new PurposeViolation(actor, purpose, obj, fields.ToArray(), "purpose", reason, "");
    }
}
