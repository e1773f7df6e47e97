using Verdict.Compilation;
using Verdict.Facts;

namespace Verdict.Tests.Actions;

/// <summary>The shipped purpose bindings, escalation path and playbook on the seed examples.</summary>
public class ShippedPlaybookTests
{
    private static readonly Lazy<PolicyBundle> Bundle = new(() => PolicyBundle.Load(Repo.Policies));

    private static Decisions.Decision Decide(string example) =>
        Bundle.Value.Decide(FactsLoader.LoadFile(Path.Combine(Repo.Policies, "examples", example + ".yaml")));

    public static TheoryData<string> Seeds() =>
        ["b2b-saas-agent-scraping", "retail-ai-personalization-synthetic-export", "fintech-credit-risk-sync"];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Evidence_is_preserved_first_and_nothing_is_re_enabled_before_tokens_are_revoked(string example)
    {
        var actions = Decide(example).Actions;
        Assert.Equal("preserve-event-logs", actions[0].Id);
        var revoke = actions.Single(a => a.Id == "revoke-oauth-tokens").Order;
        var rerun = actions.Single(a => a.Id == "rerun-incident-decision").Order;
        Assert.All(actions.Where(a => a.Id.StartsWith("re-enable", StringComparison.Ordinal)), a => Assert.True(a.Order > revoke && a.Order > rerun, a.Id));
        Assert.All(actions.Where(a => a.Id.StartsWith("rotate", StringComparison.Ordinal)), a => Assert.True(a.Order > revoke));
    }

    [Fact]
    public void The_agent_scraping_seed_lists_the_agents_purpose_violations()
    {
        var d = Decide("b2b-saas-agent-scraping");
        Assert.All(d.PurposeViolations, v => Assert.Equal("support-agent-v3", v.Actor));
        Assert.Equal(
            ["allow", "limits/records", "deny/sales-pipeline", "limits/records", "deny/financial-standing", "categories/deny", "limits/records", "actors", "declared-purpose"],
            d.PurposeViolations.Select(v => v.Rule));
        // the first access (one case) is within the purpose
        Assert.DoesNotContain(d.PurposeViolations, v => v.Object == "Case");
        Assert.Contains("purpose-violation", d.Severity.Modifiers);
    }

    [Fact]
    public void The_agent_scraping_seed_escalates_to_ai_governance_and_the_dpo_at_once()
    {
        var d = Decide("b2b-saas-agent-scraping");
        Assert.Contains(d.Escalation, s => s.Role == "ai-governance-lead");
        Assert.Contains(d.Escalation, s => s.Role == "dpo" && s.Channel == "phone"); // NIS2 early warning within 24 h
    }

    [Fact]
    public void The_agent_scraping_seed_disables_the_agent_and_revokes_its_connected_app()
    {
        var actions = Decide("b2b-saas-agent-scraping").Actions;
        Assert.Equal("support-agent-connector", actions.Single(a => a.Id == "revoke-oauth-tokens").Params["connectedApp"]);
        Assert.Equal("support-agent-v3", actions.Single(a => a.Id == "disable-ai-endpoint").Params["system"]);
        Assert.Equal(["agent-tool-gateway-key", "support-agent-integration-user"],
            actions.Where(a => a.Id == "rotate-named-credentials").Select(a => a.Params["credential"]));
    }

    [Fact]
    public void Legal_sign_off_is_due_24_hours_before_the_earliest_regulator_deadline()
    {
        var d = Decide("retail-ai-personalization-synthetic-export");
        var gdpr = d.Obligations.Single(o => o.Id == "gdpr-art33-sa");
        var legal = d.Escalation.Single(s => s.Role == "legal-counsel");
        Assert.Equal(gdpr.DueAt!.Value - NodaTime.Duration.FromHours(24), legal.DueAt);
        Assert.DoesNotContain(d.Escalation, s => s.Role == "dpo" && s.Channel == "phone"); // 72 h only: no page at once
    }

    [Fact]
    public void Without_access_facts_purpose_violations_stay_unknown_to_the_severity_matrix()
    {
        var d = Decide("eu-us-br-autonomous-agent-2028");
        Assert.Empty(d.PurposeViolations);
        Assert.DoesNotContain("purpose-violation", d.Severity.Modifiers);
    }

    [Fact]
    public void Every_shipped_purpose_allows_a_typical_request_of_its_own_actor()
    {
        var b = Bundle.Value;
        Assert.True(b.DecideAccess(new("support-agent-v3", "customer-support", "Case", ["Subject", "Description", "Status"], 1)).Allow);
        Assert.True(b.DecideAccess(new("credit-risk-model-v5", "credit-risk-scoring", "Account", ["Id", "CreditScore__c", "AnnualIncome__c"], 500)).Allow);
        Assert.True(b.DecideAccess(new("einstein-personalization", "marketing-personalization", "Contact", ["FirstName", "Email", "HasOptedOutOfEmail"], 1000)).Allow);
        Assert.True(b.DecideAccess(new("synthgen-pipeline", "synthetic-data-generation", "OrderItem", ["Product2Id", "Quantity", "UnitPrice"], 50000)).Allow);
    }
}
