using Verdict.Bench.W1;

namespace Verdict.Bench;

/// <summary>Entry point: <c>w1</c>, <c>baseline</c> or <c>bdn</c>.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var verb = args.Length > 0 ? args[0] : "";
        var rest = args.Length > 0 ? args[1..] : [];
        switch (verb)
        {
            case "w1":
            case "baseline":
                return W1Command.Run(verb, rest);
            case "bdn":
                return Suite.SuiteRunner.Run(rest);
            case "salesforce-gen":
            case "salesforce-read":
                return Salesforce.SalesforceCommand.Run(verb, rest);
            default:
                Console.Error.WriteLine("usage: Verdict.Bench w1 --facts DIR/facts.jsonl --out DIR/out.jsonl [--expected FILE] [--warmup-seconds S]");
                Console.Error.WriteLine("       Verdict.Bench baseline --facts DIR/facts.jsonl [--warmup-seconds S]");
                Console.Error.WriteLine("       Verdict.Bench bdn [filter]   (BenchmarkDotNet suite; filter is a glob such as *Decide*)");
                Console.Error.WriteLine("       Verdict.Bench salesforce-gen FILE --mb N | salesforce-read FILE [--policies DIR]");
                return 2;
        }
    }
}
