using System.Diagnostics;
using System.Globalization;
using System.Text;
using Verdict.Salesforce.Events;
using Verdict.Salesforce.Facts;
using Verdict.Salesforce.Mapping;

namespace Verdict.Bench.Salesforce;

/// <summary>
/// <c>salesforce-gen FILE --mb N</c> writes an API event log file of about N MB (documented header, every field quoted,
/// as Salesforce writes them); <c>salesforce-read FILE [--policies DIR]</c> reads it through the adapter once and
/// prints MB/s, events/s and the peak working set.
/// </summary>
public static class SalesforceCommand
{
    private const string Header = "\"API_TYPE\",\"API_VERSION\",\"CLIENT_IP\",\"CLIENT_NAME\",\"CONNECTED_APP_ID\",\"CPU_TIME\",\"DB_BLOCKS\",\"DB_CPU_TIME\",\"DB_TOTAL_TIME\",\"ENTITY_NAME\",\"EVENT_TYPE\",\"LOGIN_KEY\",\"METHOD_NAME\",\"ORGANIZATION_ID\",\"QUERY_ID\",\"REQUEST_ID\",\"REQUEST_SIZE\",\"REQUEST_STATUS\",\"RESPONSE_SIZE\",\"ROWS_PROCESSED\",\"RUN_TIME\",\"SESSION_KEY\",\"TIMESTAMP\",\"TIMESTAMP_DERIVED\",\"URI\",\"URI_ID_DERIVED\",\"USER_ID\",\"USER_ID_DERIVED\",\"USER_TYPE\"";

    private const string Map = """
        apiVersion: verdict.dev/v1
        kind: SalesforceMap
        id: map/bench
        version: 1.0.0
        org: { timeZone: Europe/Berlin }
        actors:
          - id: support-agent-v3
            kind: agent
            purpose: customer-support
            match: { users: [0055g00000AgEnT] }
            reads: { Case: [Subject, Status], Contact: [Name, Email] }
          - id: marketing-cloud-sync
            kind: integration
            purpose: marketing-personalization
            match: { users: [0055g00000SyNc1] }
            reads: { Contact: [FirstName, Email], Lead: [Email] }
        objects:
          Contact: { fields: { Name: [contact], Email: [contact], FirstName: [contact] } }
        people:
          Contact: { count: rows }
        """;

    public static int Run(string verb, string[] args)
    {
        if (args.Length < 1) { Console.Error.WriteLine("usage: salesforce-gen FILE --mb N | salesforce-read FILE [--policies DIR]"); return 2; }
        return verb == "salesforce-gen" ? Generate(args[0], Option(args, "--mb") is { } mb ? int.Parse(mb, CultureInfo.InvariantCulture) : 1024)
            : Read(args[0], Option(args, "--policies"));
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int Generate(string path, int mb)
    {
        var users = new[] { "0055g00000AgEnT", "0055g00000SyNc1", "0055g00000HuMan" };
        var objects = new[] { "Case", "Contact", "Lead", "Account" };
        var limit = (long)mb * 1_000_000;
        var start = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        w.Write(Header);
        w.Write('\n');
        long bytes = Header.Length + 1, i = 0;
        var sb = new StringBuilder(512);
        while (bytes < limit)
        {
            var t = start.AddMilliseconds(i * 37);
            var user = users[i % 3];
            sb.Clear();
            sb.Append(CultureInfo.InvariantCulture,
                $"\"E\",\"62.0\",\"203.0.113.{i % 250}\",\"client-{i % 7}\",\"0H45g000000SupA\",\"{i % 90}\",\"{i % 400}\",\"{i % 30}\",\"{i * 13 % 900000}\",\"{objects[i % 4]}\",\"API\",\"LK{i % 100000:D14}\",\"query\",\"00D5g000004XyZa\",\"\",\"RQ{i:D20}\",\"{200 + i % 800}\",\"S\",\"{1000 + i % 9000}\",\"{i % 50}\",\"{i % 700}\",\"SK{i % 100000:D14}\",\"{t:yyyyMMddHHmmss.fff}\",\"{t:yyyy-MM-ddTHH:mm:ss.fff}Z\",\"/services/Soap/c/62.0\",\"\",\"{user}\",\"{user}AAA\",\"Standard\"\n");
            var line = sb.ToString();
            w.Write(line);
            bytes += line.Length;
            i++;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {i} events, {bytes / 1e6:0.0} MB to {path}"));
        return 0;
    }

    private static int Read(string path, string? policies)
    {
        var map = MapLoader.LoadText(Map);
        IAccessJudge? judge = policies is null ? null : new BundleJudge(Compilation.PolicyBundle.Load(policies, new Compilation.BundleOptions()));
        var proc = Process.GetCurrentProcess();
        var cpu0 = proc.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var c = new Collector(map, judge);
        EventLogs.Read([new LogFile(path, Path.GetFileName(path), new FileInfo(path).Length)], map, c);
        clock.Stop();
        proc.Refresh();
        var cpu = (proc.TotalProcessorTime - cpu0).TotalSeconds;
        var mb = new FileInfo(path).Length / 1e6;
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"events          {c.Events}   bad lines {c.BadLineCount}   groups {c.Groups.Count()}   violations {c.Violations.Sum(v => v.Events)}"));
        Console.WriteLine(string.Create(inv, $"read            {mb:0.0} MB in {clock.Elapsed.TotalSeconds:0.00} s wall, {cpu:0.00} s CPU"));
        Console.WriteLine(string.Create(inv, $"MB/s            {mb / clock.Elapsed.TotalSeconds:0.0} wall, {mb / cpu:0.0} per CPU-second"));
        Console.WriteLine(string.Create(inv, $"events/s        {c.Events / clock.Elapsed.TotalSeconds:0}"));
        Console.WriteLine(string.Create(inv, $"peak working set {proc.PeakWorkingSet64 / 1e6:0} MB"));
        return 0;
    }
}
