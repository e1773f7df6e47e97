using System.Text;
using Verdict.Compilation;
using Verdict.Diagnostics;
using Verdict.Facts;
using Verdict.Rendering;

namespace Verdict.Fuzz;

/// <summary>How one mutant ended.</summary>
public enum FuzzOutcome
{
    /// <summary>The facts were valid and a decision was written.</summary>
    Decision,
    /// <summary>The facts were refused, every diagnostic with a line:col or a JSON path.</summary>
    FactsInvalid,
    /// <summary>Refused, but some diagnostic says neither where nor which path: a finding.</summary>
    UnlocatedError,
    /// <summary>Valid facts, but deciding failed: a finding.</summary>
    DecisionFailed,
    /// <summary>Any other exception: a finding.</summary>
    Crash,
}

/// <summary>
/// The path the command line and the HTTP service take: bytes → facts (JSON-native for bodies, strict UTF-8 YAML for
/// files) → decision → decision JSON and canonical facts JSON (what the decision log hashes).
/// </summary>
public static class FactsFuzzTarget
{
    /// <summary>Runs one input; <paramref name="exception"/> is set for every outcome but a decision.</summary>
    public static FuzzOutcome Run(PolicyBundle bundle, byte[] input, bool json, out Exception? exception)
    {
        exception = null;
        IncidentFacts facts;
        try
        {
            facts = json ? FactsLoader.LoadJson(input, "request body") : FactsLoader.LoadYaml(input, "facts.yaml");
        }
        catch (VerdictException e)
        {
            exception = e;
            return e.Diagnostics.Count > 0 && e.Diagnostics.All(d => d.Location is not null || d.JsonPath is not null)
                ? FuzzOutcome.FactsInvalid : FuzzOutcome.UnlocatedError;
        }
        catch (Exception e)
        {
            exception = e;
            return FuzzOutcome.Crash;
        }
        try
        {
            var decision = bundle.Decide(facts);
            _ = Encoding.UTF8.GetByteCount(DecisionJson.Write(decision));
            _ = FactsJson.Canonical(facts);
            return FuzzOutcome.Decision;
        }
        catch (VerdictException e)
        {
            exception = e;
            return FuzzOutcome.DecisionFailed;
        }
        catch (Exception e)
        {
            exception = e;
            return FuzzOutcome.Crash;
        }
    }

    /// <summary>The seeds: every shipped example as written (YAML) and as canonical JSON.</summary>
    public static (List<byte[]> Yaml, List<byte[]> Json) Seeds(string policies)
    {
        var yaml = new List<byte[]>();
        var json = new List<byte[]>();
        foreach (var file in Directory.GetFiles(Path.Combine(policies, "examples"), "*.yaml").Order(StringComparer.Ordinal))
        {
            yaml.Add(File.ReadAllBytes(file));
            json.Add(Encoding.UTF8.GetBytes(FactsJson.Canonical(FactsLoader.LoadFile(file))));
        }
        return (yaml, json);
    }
}
