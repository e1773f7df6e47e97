using Verdict.Diagnostics;
using Verdict.Salesforce.Facts;
using Verdict.Salesforce.Mapping;

namespace Verdict.Salesforce.Events;

/// <summary>One log file to read: where it is, and the name evidence and messages use for it.</summary>
public sealed record LogFile(string Path, string Display, long Bytes);

/// <summary>Finds and reads the event logs named on the command line.</summary>
public static class EventLogs
{
    private static readonly string[] Extensions = [".csv", ".json", ".jsonl"];

    /// <summary>
    /// The files named, and those under the folders named (<c>*.csv</c>, <c>*.json</c>, <c>*.jsonl</c>, recursively), in
    /// ordinal path order. Names are relative to <paramref name="baseDir"/> when below it, with forward slashes, so
    /// evidence reads the same on every machine.
    /// </summary>
    public static IReadOnlyList<LogFile> Expand(IEnumerable<string> args, string baseDir, IReadOnlySet<string>? skip = null)
    {
        var files = new SortedDictionary<string, LogFile>(StringComparer.Ordinal);
        foreach (var arg in args)
        {
            var full = Path.GetFullPath(arg, baseDir);
            if (File.Exists(full)) { Add(full); continue; }
            if (!Directory.Exists(full))
                throw VerdictException.Single(Codes.FileUnreadable, $"`{arg}` is neither a file nor a folder", null,
                    "pass event log files (CSV, JSON) or folders holding them to --events");
            foreach (var f in Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories))
                if (Extensions.Any(x => f.EndsWith(x, StringComparison.OrdinalIgnoreCase))) Add(f);
        }
        return files.Values.ToList();

        void Add(string full)
        {
            if (skip?.Contains(full) == true) return;
            var rel = Path.GetRelativePath(baseDir, full);
            var display = (rel.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(rel) ? full : rel).Replace('\\', '/');
            files[display] = new LogFile(full, display, new FileInfo(full).Length);
        }
    }

    /// <summary>Reads every file into <paramref name="collector"/>, in order.</summary>
    public static void Read(IEnumerable<LogFile> files, SalesforceMap map, Collector collector)
    {
        foreach (var f in files) EventReader.ReadFile(f.Path, f.Display, map, collector);
    }
}
