using FsCheck;
using FsCheck.Fluent;
using Verdict.Compilation;
using Verdict.Decisions;

namespace Verdict.Tests.Purpose;

/// <summary>Properties of the access decision over generated bindings and requests.</summary>
public class PurposePropertyTests
{
    private static readonly string[] Objects = ["Account", "Contact", "Case", "Lead"];
    private static readonly string[] Fields = ["Name", "Email", "Phone", "CreditScore__c", "AnnualIncome", "Subject", "Id"];
    private static readonly string[] Patterns =
        ["Account.*", "Contact.*", "Case.*", "*.Name", "*.Id", "Contact.Email", "Account.Annual*", "*.*Score*", "Lead.Phone", "*.*"];

    private static string Binding(IEnumerable<string> allow, IEnumerable<string> deny, int limit) => $"""
        apiVersion: verdict.dev/v1
        kind: PurposeBinding
        id: purpose/p
        version: 1.0.0
        owner: test
        effective: {"{"} from: 2020-01-01 {"}"}
        purpose: p
        actors: [a]
        allow: [{string.Join(", ", allow.Select(x => $"\"{x}\""))}]
        deny:
        {string.Concat(deny.Select((x, i) => $"  - {"{"} id: d{i}, fields: [\"{x}\"], reason: no {"}"}\n"))}
        limits: {"{"} recordsPerAccess: {limit} {"}"}
        """.Replace("deny:\n\n", "deny: []\n");

    private static Gen<string[]> SomePatterns(int min) =>
        Gen.SubListOf(Patterns).Where(l => l.Count >= min).Select(l => l.ToArray());

    private static Gen<AccessRequest> Requests =>
        from obj in Gen.Elements(Objects)
        from fields in Gen.SubListOf(Fields)
        from records in Gen.Choose(0, 200)
        from external in Gen.Elements(false, true)
        select new AccessRequest("a", "p", obj, fields.ToArray(), records, external);

    // Loading a bundle per case is slow; a small cache keyed by the policy text keeps the run short.
    private static readonly Dictionary<string, PolicyBundle> Cache = [];

    private static PolicyBundle Load(string yaml)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(yaml, out var b)) Cache[yaml] = b = PurposeBundles.Load(("purpose/p.yaml", yaml));
            return b;
        }
    }

    [Fact]
    public void An_allow_decision_never_lists_a_violation_and_a_deny_always_does() =>
        Prop.ForAll(SomePatterns(1).ToArbitrary(), SomePatterns(0).ToArbitrary(), Requests.ToArbitrary(), (allow, deny, request) =>
        {
            var d = Load(Binding(allow, deny, 100)).DecideAccess(request);
            return d.Allow == (d.Violations.Count == 0);
        }).QuickCheckThrowOnFailure();

    /// <summary>A binding's allow and deny lists with one more pattern to add.</summary>
    private static Gen<(string[] Allow, string[] Deny, string Extra)> Lists =>
        from allow in SomePatterns(1)
        from deny in SomePatterns(0)
        from extra in Gen.Elements(Patterns)
        select (allow, deny, extra);

    [Fact]
    public void Adding_a_deny_rule_never_turns_a_deny_into_an_allow() =>
        Prop.ForAll(Lists.ToArbitrary(), Requests.ToArbitrary(), (lists, request) =>
            {
                var (allow, deny, extra) = lists;
                var before = Load(Binding(allow, deny, 100)).DecideAccess(request);
                var after = Load(Binding(allow, deny.Append(extra), 100)).DecideAccess(request);
                return before.Allow || !after.Allow;
            }).QuickCheckThrowOnFailure();

    [Fact]
    public void Adding_an_allow_pattern_never_turns_an_allow_into_a_deny() =>
        Prop.ForAll(Lists.ToArbitrary(), Requests.ToArbitrary(), (lists, request) =>
            {
                var (allow, deny, extra) = lists;
                var before = Load(Binding(allow, deny, 100)).DecideAccess(request);
                var after = Load(Binding(allow.Append(extra).Distinct(), deny, 100)).DecideAccess(request);
                return !before.Allow || after.Allow;
            }).QuickCheckThrowOnFailure();

    [Fact]
    public void A_field_matched_by_a_deny_pattern_is_never_allowed() =>
        Prop.ForAll(SomePatterns(1).ToArbitrary(), Gen.Elements(Objects).ToArbitrary(), Gen.Elements(Fields).ToArbitrary(), (allow, obj, field) =>
        {
            var d = Load(Binding(allow.Append($"{obj}.{field}").Distinct(), [$"{obj}.{field}"], 100))
                .DecideAccess(new AccessRequest("a", "p", obj, [field], 1));
            return !d.Allow && d.Violations.Any(v => v.Rule.StartsWith("deny/", StringComparison.Ordinal) && v.Fields.Contains(field));
        }).QuickCheckThrowOnFailure();
}
