using System.CommandLine;
using System.Text;
using Verdict.Diagnostics;
using Verdict.Facts;
using Verdict.Rendering;
using Verdict.Schemas;

namespace Verdict.Cli.Commands;

/// <summary>
/// <c>verdict init DIR</c>: a new policy repository that works from the first commit: a bundle with one example
/// policy, an example incident with its approved decision, the JSON Schemas wired to editors (a
/// <c>yaml-language-server</c> modeline in each file and <c>.vscode/settings.json</c>), and the CI workflow.
/// </summary>
public static class InitCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("DIR") { Description = "folder for the new policy repository (must not exist or be empty)" };
        var name = new Option<string?>("--name") { Description = "bundle name (default: the folder's name)" };
        var cmd = new Command("init", "create a new policy repository: bundle, example policy and test, editor schemas, CI workflow") { dir, name };
        cmd.SetAction(r => Run(r.GetValue(dir)!, r.GetValue(name), Console.Out));
        return cmd;
    }

    /// <summary>Writes the repository; 2 when DIR is a non-empty folder or a file.</summary>
    internal static int Run(string dir, string? name, TextWriter output)
    {
        if (File.Exists(dir) || (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any()))
        {
            Console.Error.WriteLine($"error: `{dir}` already exists and is not an empty folder\n  help: name a new folder; init never overwrites files");
            return ExitCodes.Usage;
        }
        var bundleName = name ?? Slug(Path.GetFileName(Path.GetFullPath(dir).TrimEnd('/', '\\')));
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["policies/bundle.yaml"] = Modeline("../schemas/bundle.schema.json") + $"apiVersion: verdict.dev/v1\nkind: Bundle\nname: {bundleName}\nversion: 0.1.0\n",
            ["policies/severity/example.yaml"] = Modeline("../../schemas/policy-severity-matrix.schema.json") + ExamplePolicy,
            ["policies/examples/example-incident.yaml"] = Modeline("../../schemas/incident-facts.schema.json") + ExampleIncident,
            [".vscode/settings.json"] = VsCodeSettings,
            [".github/workflows/verdict-policy-checks.yml"] = Resource("init/verdict-policy-checks.yml"),
            [".gitignore"] = "bin/\nobj/\nverdict-decisions.jsonl\n*.lock\npolicy-lint.sarif\nverdict-test.xml\ndecision-diff*.md\n",
            ["README.md"] = Readme(bundleName),
        };
        foreach (var schema in typeof(SchemaCatalog).Assembly.GetManifestResourceNames().Where(n => n.StartsWith("schemas/", StringComparison.Ordinal)))
            files[schema] = SchemaCatalog.Text(schema["schemas/".Length..]);
        foreach (var (path, text) in files) Write(dir, path, text);

        // The approval is what this version of the engine decides for the example: the first `verdict test` passes.
        var bundle = BundleCache.Load(Path.Combine(dir, "policies"), new());
        var decision = bundle.Decide(FactsLoader.LoadFile(Path.Combine(dir, "policies/examples/example-incident.yaml")));
        Write(dir, "policies/examples/example-incident.decision.json", DecisionJson.Write(decision));

        output.WriteLine($"created {TestCommand.Show(dir)}: a policy bundle `{bundleName}` with one example policy and its test");
        output.WriteLine("next:");
        output.WriteLine($"  cd {TestCommand.Show(dir)}");
        output.WriteLine("  verdict test policies                 # the example decides as approved");
        output.WriteLine("  policy-lint policies --strict         # the bundle is sound");
        output.WriteLine("  verdict decide --policies policies --facts policies/examples/example-incident.yaml --format text");
        return ExitCodes.Ok;
    }

    private static void Write(string dir, string relative, string text)
    {
        var path = Path.Combine(dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, new UTF8Encoding(false).GetBytes(text));
    }

    private static string Modeline(string schema) => $"# yaml-language-server: $schema={schema}\n";

    private static string Slug(string s)
    {
        var slug = new string(s.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        return slug.Length == 0 ? "policies" : slug;
    }

    private static string Resource(string name)
    {
        using var stream = typeof(InitCommand).Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"{name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private const string ExamplePolicy = """
        # An example severity matrix: replace it with your own. The levels follow the ENISA method's bands
        # (SE < 2 low, 2 to 3 medium, 3 to 4 high, >= 4 very high), simplified to record counts and data categories.
        apiVersion: verdict.dev/v1
        kind: SeverityMatrix
        id: severity/example
        version: 0.1.0
        owner: compliance
        effective: { from: 2024-01-01 }
        citations:
          - "ENISA, Recommendations for a methodology of the assessment of severity of personal data breaches (2013)"
        hitPolicy: first
        inputs:
          - id: records
            expression: data.records
          - id: sensitive
            expression: data.categories.Any(it in ("health", "special", "biometric", "genetic", "children"))
        rows:
          - id: sensitive
            when: { sensitive: true }
            level: high
            rationale: special-category or children's data (ENISA DPC class 4)
            citation: "ENISA 2013, DPC class 4"
          - id: large
            when: { sensitive: false, records: ">= 100000" }
            level: medium
            rationale: 100,000 or more records of simple data (ENISA volume adjustment)
            citation: "ENISA 2013, DPC volume adjustment"
          - id: small
            when: { sensitive: false, records: "< 100000" }
            level: low
            rationale: fewer than 100,000 records of simple data (ENISA DPC class 1)
            citation: "ENISA 2013, DPC class 1"

        """;

    private const string ExampleIncident = """
        # An example incident: the facts a responder records. `verdict test` checks its decision against
        # example-incident.decision.json next to it.
        id: INC-EXAMPLE-1
        timeline:
          detectedAt: 2026-03-02T09:00:00Z
          awareAt: 2026-03-02T10:00:00Z
        data:
          records: 1200
          categories: [contact, health]

        """;

    private const string VsCodeSettings = """
        {
          "yaml.schemas": {
            "./schemas/bundle.schema.json": "policies/bundle.yaml",
            "./schemas/incident-facts.schema.json": ["policies/examples/*.yaml", "policies/tests/**/*.yaml"],
            "./schemas/policy-severity-matrix.schema.json": "policies/severity/**/*.yaml",
            "./schemas/policy-notification-obligation.schema.json": "policies/notification/**/*.yaml",
            "./schemas/policy-escalation-path.schema.json": "policies/escalation/**/*.yaml",
            "./schemas/policy-action-plan.schema.json": "policies/actions/**/*.yaml",
            "./schemas/policy-purpose-binding.schema.json": "policies/purpose/**/*.yaml",
            "./schemas/policy-calendar.schema.json": "policies/calendars/**/*.yaml"
          },
          "files.associations": { "*.decision.json": "json" },
          "json.schemas": [{ "fileMatch": ["*.decision.json"], "url": "./schemas/decision.schema.json" }]
        }

        """;

    private static string Readme(string name) => $"""
        # {name}

        Verdict policies for data-leak emergency response.

        | folder | what lives there |
        |---|---|
        | `policies/` | the bundle: `bundle.yaml`, one folder per concern (`severity/`, `notification/<jurisdiction>/`, …) |
        | `policies/examples/` | incidents with their approved decisions (`NAME.yaml` + `NAME.decision.json`) |
        | `schemas/` | JSON Schemas; editors with the YAML language server complete and check policy files from them |
        | `.github/workflows/` | the pull-request checks: `verdict fmt --check`, `policy-lint --strict`, `verdict test`, `verdict diff` |

        ```sh
        verdict test policies                  # every example decides as approved
        verdict test policies --accept         # after an intended change: rewrite the approvals, then review `git diff`
        policy-lint policies --strict          # schema, expressions, table gaps, versions
        verdict fmt policies                   # canonical layout
        ```

        """;
}
