using NodaTime;
using Verdict.Compilation;
using Verdict.Decisions;
using Verdict.Diagnostics;

namespace Verdict.Tests.Purpose;

/// <summary>The access decision against one binding: wildcards, deny precedence, limits, actors and purposes.</summary>
public class PurposeBindingTests
{
    private static readonly Lazy<PolicyBundle> Bundle = new(PurposeBundles.SupportOnly);

    private static AccessDecision Decide(string obj, string fields, long? records = null, bool external = false, string actor = "agent", string purpose = "support") =>
        Bundle.Value.DecideAccess(new AccessRequest(actor, purpose, obj,
            fields.Length == 0 ? [] : fields.Split(',', StringSplitOptions.TrimEntries), records, external));

    private static string Rules(AccessDecision d) => string.Join(" ", d.Violations.Select(v => v.Rule));

    [Theory]
    // wildcards in the field part
    [InlineData("Case", "Subject,Description", true, "")]
    [InlineData("Contact", "MailingCity,MailingPostalCode", true, "")]
    // a wildcard in the object part
    [InlineData("Opportunity", "Id", true, "")]
    [InlineData("Contact", "Name,Id", true, "")]
    // a field no pattern allows
    [InlineData("Contact", "Name,Phone", false, "allow")]
    [InlineData("Opportunity", "Amount", false, "allow")]
    // deny wins over allow: Case.* allows every field, *.CreditScore__c still denies it
    [InlineData("Case", "Subject,CreditScore__c", false, "deny/money")]
    [InlineData("Account", "Name,AnnualRevenue", false, "deny/money")]
    // a deny on an object nobody allows is still reported as the deny, not as "not allowed"
    [InlineData("Lead", "CreditScore__c", false, "deny/money")]
    // wildcards on both sides of a deny pattern
    [InlineData("Case", "ApiSecretKey__c", false, "deny/secrets")]
    // matching ignores case, as CRM API names do: a deny cannot be dodged by casing
    [InlineData("case", "subject", true, "")]
    [InlineData("Case", "creditscore__c", false, "deny/money")]
    // two deny rules and an unlisted field give one violation per rule broken, the deny rules in document order
    [InlineData("Account", "AnnualIncome,TokenSecret,Phone", false, "deny/money deny/secrets allow")]
    public void Fields_are_allowed_by_patterns_and_denied_first(string obj, string fields, bool allow, string rules)
    {
        var d = Decide(obj, fields);
        Assert.Equal(allow, d.Allow);
        Assert.Equal(rules, Rules(d));
    }

    [Theory]
    [InlineData("Contact", 50, true)]
    [InlineData("Contact", 51, false)]
    [InlineData("Case", 200, true)]     // the per-object limit replaces the purpose-wide one
    [InlineData("Case", 201, false)]
    [InlineData("Opportunity", 51, false)] // objects without their own limit use recordsPerAccess
    public void Records_per_access_are_limited(string obj, long records, bool allow)
    {
        var d = Decide(obj, "Id", records);
        Assert.Equal(allow, d.Allow);
        if (!allow) Assert.Equal("limits/records", Rules(d));
    }

    [Fact]
    public void Unknown_record_counts_are_not_held_against_the_access() => Assert.True(Decide("Contact", "Name", records: null).Allow);

    [Fact]
    public void External_ai_export_is_denied_unless_the_purpose_allows_it()
    {
        var d = Decide("Contact", "Name", external: true);
        Assert.False(d.Allow);
        Assert.Equal("externalAi", Rules(d));
        Assert.Contains("external AI endpoint", d.Violations[0].Reason);
    }

    [Fact]
    public void An_actor_not_bound_to_the_purpose_is_denied_whatever_it_reads()
    {
        var d = Decide("Case", "Subject", actor: "marketing-bot");
        Assert.Equal("actors", Rules(d));
        Assert.Contains("`marketing-bot` is not an actor bound to `support`", d.Violations[0].Reason);
    }

    [Fact]
    public void An_undeclared_purpose_is_denied()
    {
        var d = Decide("Case", "Subject", purpose: "growth-hacking");
        Assert.False(d.Allow);
        Assert.Equal("purpose", Rules(d));
        Assert.Contains("no policy declares the purpose `growth-hacking`", d.Violations[0].Reason);
    }

    [Theory]
    [InlineData("Case", true, "")]                 // Case.* allows every field
    [InlineData("Contact", false, "allow")]        // only some Contact fields are allowed
    [InlineData("Account", false, "deny/money")]   // some Account fields are denied
    public void An_access_without_fields_reads_the_whole_object(string obj, bool allow, string rules)
    {
        var plain = PurposeBundles.Load(("purpose/p.yaml", """
            apiVersion: verdict.dev/v1
            kind: PurposeBinding
            id: purpose/plain
            version: 1.0.0
            owner: test
            effective: { from: 2020-01-01 }
            purpose: plain
            actors: [agent]
            allow: [Case.*, Contact.Name, Account.*]
            deny: [{ id: money, fields: [Account.AnnualRevenue], reason: no money }]
            """));
        var d = plain.DecideAccess(new AccessRequest("agent", "plain", obj, []));
        Assert.Equal(allow, d.Allow);
        Assert.Equal(rules, Rules(d));
    }

    [Fact]
    public void A_whole_object_read_is_denied_when_a_wildcard_deny_could_match_one_of_its_fields()
    {
        // *.CreditScore__c may name a field of Case too; without a field list the access cannot prove it avoids it
        var d = Decide("Case", "");
        Assert.Equal("deny/money", Rules(d));
        Assert.Equal("reads every field of Case, some of which are denied: support needs no financial data (GDPR Art. 5(1)(b))", d.Violations[0].Reason);
    }

    [Theory]
    [InlineData("contact", true, "")]
    [InlineData("contact,identity", true, "")]
    [InlineData("financial", false, "categories/allow")]
    [InlineData("health,contact", false, "categories/deny")]
    public void Data_categories_are_checked(string categories, bool allow, string rules)
    {
        var d = Bundle.Value.DecideAccess(new AccessRequest("agent", "support", "Contact", ["Name"]) { Categories = categories.Split(',') });
        Assert.Equal(allow, d.Allow);
        Assert.Equal(rules, Rules(d));
    }

    [Fact]
    public void A_violation_names_the_actor_purpose_object_fields_rule_reason_and_policy()
    {
        var v = Assert.Single(Decide("Account", "Name,CreditScore__c").Violations);
        Assert.Equal(("agent", "support", "Account", "deny/money", "purpose/support@1.0.0"), (v.Actor, v.Purpose, v.Object, v.Rule, v.Policy));
        Assert.Equal("reads Account.CreditScore__c: support needs no financial data (GDPR Art. 5(1)(b))", v.Reason);
        Assert.Equal(["CreditScore__c"], v.Fields);
    }

    [Fact]
    public void The_allow_answer_is_shared_and_allocates_nothing()
    {
        var request = new AccessRequest("agent", "support", "Contact", ["Name", "Email", "MailingCity", "Id"], 10);
        Assert.Same(AccessDecision.Allowed, Bundle.Value.DecideAccess(request)); // warm up
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++) Bundle.Value.DecideAccess(request);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_dated_request_is_judged_by_the_version_in_force_that_day()
    {
        var v2 = PurposeBundles.Support.Replace("version: 1.0.0", "version: 2.0.0").Replace("from: 2020-01-01", "from: 2026-01-01")
            .Replace("allow: [Case.*,", "allow: [Case.*, Contact.Phone,");
        var v1 = PurposeBundles.Support.Replace("from: 2020-01-01 }", "from: 2020-01-01, until: 2026-01-01 }");
        var bundle = PurposeBundles.Load(("purpose/v1.yaml", v1), ("purpose/v2.yaml", v2));
        var phone = new AccessRequest("agent", "support", "Contact", ["Phone"]);
        Assert.True(bundle.DecideAccess(phone).Allow); // undated: the newest version
        Assert.True(bundle.DecideAccess(phone with { On = new LocalDate(2026, 3, 1) }).Allow);
        Assert.False(bundle.DecideAccess(phone with { On = new LocalDate(2025, 3, 1) }).Allow);
        var before = bundle.DecideAccess(phone with { On = new LocalDate(2019, 3, 1) });
        Assert.Equal("purpose", Rules(before));
        Assert.Contains("no binding of `support` is in force on 2019-03-01", before.Violations[0].Reason);
    }

    [Fact]
    public void Two_policies_binding_the_same_purpose_are_a_load_error()
    {
        var other = PurposeBundles.Support.Replace("id: purpose/support", "id: purpose/support-copy");
        var e = Assert.Throws<VerdictException>(() => PurposeBundles.Load(("purpose/a.yaml", PurposeBundles.Support), ("purpose/b.yaml", other)));
        var d = Assert.Single(e.Diagnostics);
        Assert.Equal(Codes.DuplicatePolicy, d.Code);
        Assert.Equal("purpose `support` is bound by both `purpose/support` and `purpose/support-copy`", d.Message);
    }

    [Fact]
    public void A_field_pattern_without_a_dot_is_a_schema_error_at_its_line()
    {
        var bad = PurposeBundles.Support.Replace("allow: [Case.*,", "allow: [Case,");
        var e = Assert.Throws<VerdictException>(() => PurposeBundles.Load(("purpose/support.yaml", bad)));
        var d = Assert.Single(e.Diagnostics);
        Assert.EndsWith("purpose/support.yaml", d.Location!.File);
        Assert.Equal(10, d.Location.Line);
    }
}
