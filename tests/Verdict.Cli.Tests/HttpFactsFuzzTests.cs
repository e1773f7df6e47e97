using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Verdict.Fuzz;
using Xunit.Abstractions;

namespace Verdict.Cli.Tests;

/// <summary>
/// Mutated facts bodies against the in-process server: every answer is 200 or a 4xx problem+json that names where
/// the body went wrong; never a 5xx, never a dropped connection. <c>VERDICT_FUZZ_MUTANTS</c> sets the count.
/// </summary>
public class HttpFactsFuzzTests(ITestOutputHelper output)
{
    private static int Budget => int.TryParse(Environment.GetEnvironmentVariable("VERDICT_FUZZ_MUTANTS"), out var n) && n > 0 ? n : 2000;

    [Fact]
    public async Task No_mutated_facts_body_gets_a_server_error_or_a_dropped_connection()
    {
        await using var s = await ServeInProcess.StartAsync(ServeRepo.Policies);
        var seeds = Directory.GetFiles(Path.Combine(ServeRepo.Policies, "examples"), "*.yaml").Order(StringComparer.Ordinal)
            .Select(f => Encoding.UTF8.GetBytes(ServeRepo.JsonOf(f))).ToList();
        var mutator = new FactsMutator(seeds, 4242);
        var statuses = new SortedDictionary<int, int>();
        var findings = new List<string>();
        var clock = Stopwatch.StartNew();
        var timeBox = Environment.GetEnvironmentVariable("VERDICT_FUZZ_MUTANTS") is null ? TimeSpan.FromSeconds(8) : TimeSpan.MaxValue;
        var i = 0;
        for (; i < Budget && clock.Elapsed < timeBox; i++)
        {
            var (body, from) = mutator.Next();
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            int status;
            string text;
            try
            {
                var r = await s.Client.PostAsync("/v1/decisions", content);
                status = (int)r.StatusCode;
                text = await r.Content.ReadAsStringAsync();
            }
            catch (Exception e)
            {
                findings.Add($"mutant {i} (example {from}): no answer: {e.GetType().Name}: {e.Message}");
                continue;
            }
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status >= 500)
            {
                findings.Add($"mutant {i} (example {from}): {status}: {text[..Math.Min(300, text.Length)]}");
                File.WriteAllBytes(Path.Combine(Path.GetTempPath(), $"verdict-http-fuzz-{i}.json"), body);
            }
            else if (status == 400 && !Located(text)) findings.Add($"mutant {i} (example {from}): 400 without a path: {text[..Math.Min(300, text.Length)]}");
        }
        output.WriteLine($"{i} mutants: " + string.Join(", ", statuses.Select(x => $"{x.Key}: {x.Value}")));
        foreach (var f in findings.Take(20)) output.WriteLine(f);
        lock (s.Said) foreach (var line in s.Said.Take(10)) output.WriteLine("server: " + line);
        Assert.True(i >= 50, $"only {i} mutants ran");
        Assert.Empty(findings);
    }

    // Every error of a 400 names where: a JSON path, or a line and column.
    private static bool Located(string problem)
    {
        using var doc = JsonDocument.Parse(problem);
        if (!doc.RootElement.TryGetProperty("errors", out var errors)) return false;
        return errors.EnumerateArray().All(e =>
            (e.TryGetProperty("path", out var p) && p.ValueKind == JsonValueKind.String) ||
            (e.TryGetProperty("line", out var l) && l.ValueKind == JsonValueKind.Number));
    }
}
