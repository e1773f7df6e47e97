using Verdict.Compilation;
using Verdict.Decisions;
using Verdict.Facts;
using Verdict.Pipeline;

namespace Verdict.Tests.Architecture;

/// <summary>The decide step: stages in a declared order, each reading only what earlier stages wrote.</summary>
public class DecisionPipelineTests
{
    private sealed class Stage(string name, params string[] reads) : IDecisionStage
    {
        public string Name => name;
        public IReadOnlyList<string> Reads => reads;
        public List<string> Log { get; init; } = [];
        public void Run(DecisionContext context) => Log.Add(name);
    }

    private static readonly BundleInfo Info = new("t", "1.0.0", "sha256:" + new string('0', 64));

    [Fact]
    public void A_bundle_decides_purpose_then_risk_then_severity_then_obligations_escalation_and_actions() =>
        Assert.Equal(["purpose", "risk", "severity", "obligations", "escalation", "actions"], PolicyBundle.Load(Repo.Policies).Stages);

    [Fact]
    public void A_stage_that_reads_a_stage_running_after_it_is_refused_when_the_pipeline_is_built()
    {
        var e = Assert.Throws<ArgumentException>(() => new DecisionPipeline(Info, new Jurisdictions(new Dictionary<string, IReadOnlyList<string>>()),
            [new Stage("escalation", "obligations"), new Stage("obligations")]));
        Assert.Contains("stage `escalation` reads `obligations`, which does not run before it", e.Message);
    }

    [Fact]
    public void Stages_run_in_the_order_given_once_per_decision()
    {
        var log = new List<string>();
        var pipeline = new DecisionPipeline(Info, new Jurisdictions(new Dictionary<string, IReadOnlyList<string>>()),
            [new Stage("a") { Log = log }, new Stage("b", "a") { Log = log }, new Stage("c", "a", "b") { Log = log }]);
        pipeline.Run(FactsLoader.LoadText("id: P-1\ntimeline: { awareAt: 2026-06-01T10:00:00Z }\n"), explain: false);
        Assert.Equal(["a", "b", "c"], log);
    }
}
