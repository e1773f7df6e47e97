using Verdict.Compilation;
using Verdict.Decisions;
using Verdict.Diagnostics;
using Verdict.Facts;

namespace Verdict.Tests.Actions;

/// <summary>Action plans: topological order with ties by id, load errors for cycles and unknown targets, parameters.</summary>
public class ActionPlanTests
{
    private static string Plan(string actions, string id = "actions/test") => $"""
        apiVersion: verdict.dev/v1
        kind: ActionPlan
        id: {id}
        version: 1.0.0
        owner: test
        effective: {"{"} from: 2020-01-01 {"}"}
        actions:
        {actions}
        """;

    private const string Facts = """
        id: INC-1
        timeline: { awareAt: 2026-06-01T10:00:00Z }
        source: { connectedApp: crm-ai-app, credentials: [cred-b, cred-a] }
        ai:
          involved: true
          systems: [{ id: agent-2 }, { id: agent-1 }]
        """;

    private static IReadOnlyList<ActionStep> Decide(string facts, params (string Name, string Yaml)[] files)
    {
        using var dir = new TempBundle();
        foreach (var (name, yaml) in files) dir.Write(name, yaml);
        return PolicyBundle.Load(dir.Dir).Decide(FactsLoader.LoadText(facts)).Actions;
    }

    private static IReadOnlyList<ActionStep> Decide(string actions) => Decide(Facts, ("actions/test.yaml", Plan(actions)));

    private static string Order(IReadOnlyList<ActionStep> steps) => string.Join(" ", steps.Select(s => s.Id));

    private static VerdictException LoadError(params (string Name, string Yaml)[] files)
    {
        using var dir = new TempBundle();
        foreach (var (name, yaml) in files) dir.Write(name, yaml);
        return Assert.Throws<VerdictException>(() => PolicyBundle.Load(dir.Dir));
    }

    [Theory]
    // no dependencies: ties are broken by id, whatever the written order
    [InlineData("[{id: c}, {id: a}, {id: b}]", "a b c")]
    // a dependency beats the id order
    [InlineData("[{id: a, after: [z]}, {id: z}]", "z a")]
    // among actions ready at the same time, the smaller id first
    [InlineData("[{id: z}, {id: m, after: [z]}, {id: b, after: [z]}, {id: a}]", "a z b m")]
    // a diamond
    [InlineData("[{id: d, after: [b, c]}, {id: c, after: [a]}, {id: b, after: [a]}, {id: a}]", "a b c d")]
    // an action whose dependency comes late waits for it, even when its id is small
    [InlineData("[{id: a, after: [y]}, {id: y, after: [x]}, {id: x}, {id: b}]", "b x y a")]
    public void The_plan_is_a_topological_order_with_ties_broken_by_id(string actions, string order)
    {
        var steps = Decide(actions.Replace("[{", "  - {").Replace("}, {", "}\n  - {").Replace("}]", "}"));
        Assert.Equal(order, Order(steps));
        Assert.Equal(Enumerable.Range(1, steps.Count), steps.Select(s => s.Order));
    }

    [Fact]
    public void A_dependency_on_an_action_that_does_not_apply_passes_through_it()
    {
        var steps = Decide("""
              - { id: preserve }
              - { id: pause-sync, when: 'source.integration != ""', after: [preserve] }
              - { id: resume, after: [pause-sync] }
              - { id: a-first }
            """);
        // pause-sync is skipped (no integration in the facts), yet resume still comes after preserve
        Assert.Equal("a-first preserve resume", Order(steps));
        Assert.Equal(["preserve"], steps.Single(s => s.Id == "resume").After);
    }

    [Fact]
    public void A_cycle_is_a_load_error_naming_the_actions()
    {
        var e = LoadError(("actions/test.yaml", Plan("""
              - { id: a, after: [c] }
              - { id: b, after: [a] }
              - { id: c, after: [b] }
              - { id: d }
            """)));
        var d = Assert.Single(e.Diagnostics);
        Assert.Equal(Codes.Cycle, d.Code);
        Assert.Equal("actions `a`, `b`, `c` wait on each other: a → c → b → a", d.Message);
        Assert.Equal(8, d.Location!.Line);
    }

    [Fact]
    public void A_cycle_across_two_plans_is_a_load_error()
    {
        var e = LoadError(("actions/one.yaml", Plan("  - { id: a, after: [b] }", "actions/one")),
                          ("actions/two.yaml", Plan("  - { id: b, after: [a] }", "actions/two")));
        Assert.Equal("actions `a`, `b` wait on each other: a → b → a", Assert.Single(e.Diagnostics).Message);
    }

    [Fact]
    public void An_action_after_itself_is_a_load_error() =>
        Assert.Equal("action `a` is after itself", Assert.Single(LoadError(("actions/test.yaml", Plan("  - { id: a, after: [a] }"))).Diagnostics).Message);

    [Fact]
    public void An_unknown_after_target_is_a_load_error_with_a_suggestion()
    {
        var d = Assert.Single(LoadError(("actions/test.yaml", Plan("""
              - { id: preserve-event-logs }
              - { id: revoke, after: [preserve-event-log] }
            """))).Diagnostics);
        Assert.Equal((Codes.UnknownReference, "action `revoke` comes after unknown action `preserve-event-log`", "did you mean `preserve-event-logs`?"),
            (d.Code, d.Message, d.Help));
        Assert.Equal(9, d.Location!.Line);
    }

    [Fact]
    public void Action_ids_are_global_across_plans()
    {
        var d = Assert.Single(LoadError(("actions/one.yaml", Plan("  - { id: a }", "actions/one")),
                                        ("actions/two.yaml", Plan("  - { id: a }", "actions/two"))).Diagnostics);
        Assert.Equal("action id `a` is also defined by `actions/one`", d.Message);
    }

    [Fact]
    public void After_may_point_into_another_plan()
    {
        var steps = Decide(Facts, ("actions/one.yaml", Plan("  - { id: a, after: [z] }", "actions/one")),
                                  ("actions/two.yaml", Plan("  - { id: z }", "actions/two")));
        Assert.Equal("z a", Order(steps));
        Assert.Equal(["actions/two@1.0.0", "actions/one@1.0.0"], steps.Select(s => s.Policy));
    }

    [Fact]
    public void Parameters_are_templates_over_the_facts()
    {
        var step = Assert.Single(Decide("""
              - id: revoke
                params: { app: "{source.connectedApp}", note: "incident {id}: {{literal}}", count: "{ai.systems.Count}", missing: "{source.integration}" }
            """));
        Assert.Equal("crm-ai-app", step.Params["app"]);
        Assert.Equal("incident INC-1: {literal}", step.Params["note"]);
        Assert.Equal("2", step.Params["count"]);
        Assert.Equal("<missing source.integration>", step.Params["missing"]);
    }

    [Fact]
    public void For_each_repeats_an_action_per_element_in_id_order()
    {
        var steps = Decide("""
              - { id: disable, forEach: { param: system, in: 'ai.systems.Select(id)' }, params: { mode: kill } }
              - { id: rotate, forEach: { param: credential, in: source.credentials }, after: [disable] }
              - { id: none, forEach: { param: x, in: 'ai.systems.Where(autonomy == "autonomous-agent").Select(id)' } }
            """);
        Assert.Equal(["disable:agent-1", "disable:agent-2", "rotate:cred-a", "rotate:cred-b"],
            steps.Select(s => s.Id + ":" + (s.Params.GetValueOrDefault("system") ?? s.Params["credential"])));
        Assert.Equal("kill", steps[0].Params["mode"]);
        Assert.Equal([1, 2, 3, 4], steps.Select(s => s.Order));
    }

    [Fact]
    public void A_for_each_list_that_is_not_a_list_of_text_is_a_load_error()
    {
        var d = Assert.Single(LoadError(("actions/test.yaml", Plan("  - { id: x, forEach: { param: n, in: data.records } }"))).Diagnostics);
        Assert.Equal((Codes.ExpressionType, "`forEach.in` of action `x` must give a list of text"), (d.Code, d.Message));
    }

    [Theory]
    [InlineData("", "a")]                      // unknown conditions skip the action by default
    [InlineData(", whenUnknown: include", "a b")]
    public void An_unknown_condition_skips_the_action_unless_it_says_include(string mode, string expected) =>
        Assert.Equal(expected, Order(Decide($"  - {{ id: a }}\n  - {{ id: b, when: 'breach.misuseObserved'{mode} }}")));
}
