using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Verdict.Hosting.Tests;

/// <summary>The sample ASP.NET Core app embeds Verdict through AddVerdict and answers a decision.</summary>
public class SampleServiceTests
{
    private static WebApplicationFactory<Program> Sample() =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("Verdict:Policies", Repo.Policies));

    [Fact]
    public async Task The_sample_answers_a_decision_with_the_bytes_of_the_facade()
    {
        await using var app = Sample();
        var response = await app.CreateClient().PostAsync("/decisions", new ByteArrayContent(Repo.ExampleJson()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = VerdictBundle.Load(Repo.Policies, new VerdictLoadOptions { Languages = (o, s) => Scripting.ScriptLanguages.Register(o, s) })
            .DecideJson(Repo.ExampleJson());
        Assert.Equal(expected, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Invalid_facts_get_a_400_problem_naming_the_error()
    {
        await using var app = Sample();
        var response = await app.CreateClient().PostAsync("/decisions", new StringContent("{\"id\": 5}"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("error VD", problem.GetProperty("detail").GetString());
    }
}
