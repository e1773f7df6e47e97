using Verdict.Diagnostics;
using Verdict.Hosting;

// A decision service in a few lines: the bundle is loaded once, reloaded on change, and every decision is answered
// with the JSON contract of `verdict decide` (docs/design.md). Run it from the repository root:
//   dotnet run --project samples/Verdict.Sample -- --Verdict:Policies=policies
//   curl -s -X POST --data-binary @incident.json http://localhost:5000/decisions
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddVerdict(o => o.PoliciesPath = builder.Configuration["Verdict:Policies"] ?? "policies");
var app = builder.Build();

app.MapPost("/decisions", async (HttpRequest request, VerdictBundles bundles) =>
{
    using var body = new MemoryStream();
    await request.Body.CopyToAsync(body);
    try
    {
        // 200 also when a policy failed while deciding: the decision lists it under `failures` (docs/decision.md).
        return Results.Bytes(bundles.DecideJson(body.ToArray()), "application/json");
    }
    catch (VerdictException e)
    {
        return Results.Problem(statusCode: 400, title: "the incident facts are invalid",
            detail: string.Join("\n", e.Diagnostics.Select(d => d.ToString())));
    }
});
app.MapGet("/bundle", (VerdictBundles bundles) => Results.Json(new
{
    name = bundles.Current.Name,
    version = bundles.Current.Version,
    digest = bundles.Current.Digest,
    lastReloadError = bundles.LastFailure?.Errors.Select(d => d.ToString()),
}));

app.Run();

/// <summary>The sample's entry point, visible to its tests.</summary>
public partial class Program;
