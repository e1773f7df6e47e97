using Verdict.Compilation;
using Verdict.Decisions;
using Verdict.Facts;
using Verdict.Rendering;
using Verdict.Schemas;

namespace Verdict.Tests.Examples;

public class DecisionSchemaTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Example_decisions_validate_against_the_decision_schema(bool explain)
    {
        var bundle = PolicyBundle.Load(Repo.Policies);
        var schema = SchemaCatalog.Get("decision.schema.json");
        foreach (var f in Directory.GetFiles(Path.Combine(Repo.Policies, "examples"), "*.yaml"))
        {
            var json = DecisionJson.Write(bundle.Decide(FactsLoader.LoadFile(f), new DecideOptions { Explain = explain }), new ClockView(NodaTime.Instant.FromUtc(2026, 11, 21, 9, 0)));
            var errors = schema.Validate(json);
            Assert.True(errors.Count == 0, $"{Path.GetFileName(f)}: {string.Join("; ", errors.Select(e => e.ToString()))}");
        }
    }
}
