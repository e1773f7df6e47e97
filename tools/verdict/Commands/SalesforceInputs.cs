using System.Diagnostics;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Verdict.Diagnostics;
using Verdict.Facts;
using Verdict.Salesforce.Events;
using Verdict.Salesforce.Facts;
using Verdict.Salesforce.Mapping;

namespace Verdict.Cli.Commands;

/// <summary>What <c>facts salesforce</c> and <c>audit access</c> share: the map, the window, reading the logs, the summary.</summary>
internal static class SalesforceInputs
{
    private static readonly LocalDatePattern Date = LocalDatePattern.Iso;

    /// <summary>Parses <c>FROM..TO</c>: instants with an offset, or dates read in the org's zone (TO's whole day included).</summary>
    public static bool TryWindow(string? text, DateTimeZone zone, out Instant? from, out Instant? to, out string? problem)
    {
        from = to = null;
        problem = null;
        if (text is null) return true;
        var dots = text.IndexOf("..", StringComparison.Ordinal);
        if (dots < 0) { problem = $"`{text}` is not a window"; return false; }
        var a = text[..dots].Trim();
        var b = text[(dots + 2)..].Trim();
        if (a.Length > 0 && !Bound(a, zone, false, out from)) { problem = $"`{a}` is not an instant or a date"; return false; }
        if (b.Length > 0 && !Bound(b, zone, true, out to)) { problem = $"`{b}` is not an instant or a date"; return false; }
        if (from is { } f && to is { } t && t <= f) { problem = $"the window `{text}` ends before it starts"; return false; }
        return true;
    }

    private static bool Bound(string s, DateTimeZone zone, bool end, out Instant? at)
    {
        at = null;
        if (FactsLoader.TryParseInstant(s, out var i)) { at = i; return true; }
        var d = Date.Parse(s);
        if (!d.Success) return false;
        at = (end ? d.Value.PlusDays(1) : d.Value).AtStartOfDayInZone(zone).ToInstant();
        return true;
    }

    /// <summary>Loads the map, printing its diagnostics; null when it is invalid.</summary>
    public static SalesforceMap? LoadMap(string path)
    {
        try { return MapLoader.LoadFile(path); }
        catch (VerdictException e) { Cli.Print(e.Diagnostics); return null; }
    }

    /// <summary>Reads the logs into the collector; false (diagnostics printed) when a file cannot be read at all.</summary>
    public static bool Read(string[] events, SalesforceMap map, Collector collector, IReadOnlySet<string>? skip = null)
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyList<LogFile> files;
        try
        {
            files = EventLogs.Expand(events, Directory.GetCurrentDirectory(), skip);
            EventLogs.Read(files, map, collector);
        }
        catch (VerdictException e) { Cli.Print(e.Diagnostics); return false; }
        var bytes = files.Sum(f => f.Bytes);
        foreach (var b in collector.BadLines) Console.Error.WriteLine(b.ToString());
        if (collector.BadLineCount > collector.BadLines.Count)
            Console.Error.WriteLine($"warning VD1901: {collector.BadLineCount - collector.BadLines.Count} more bad lines not listed");
        var inv = CultureInfo.InvariantCulture;
        Console.Error.WriteLine(string.Create(inv,
            $"read {collector.Events} events from {files.Count} files ({bytes / 1e6:0.0} MB) in {clock.Elapsed.TotalSeconds:0.00} s; {collector.BadLineCount} bad lines"));
        if (collector.OutsideWindow > 0) Console.Error.WriteLine(string.Create(inv, $"note: {collector.OutsideWindow} events outside --window"));
        if (collector.Unmapped > 0)
            Console.Error.WriteLine(string.Create(inv, $"note: {collector.Unmapped} events of users the map does not name: {string.Join(", ", collector.UnmappedIdentities.Select(u => $"`{u}`"))}") +
                "\n  help: add them to the map's actors to count their reads");
        if (collector.WithoutData > 0) Console.Error.WriteLine(string.Create(inv, $"note: {collector.WithoutData} events read no object the adapter can name"));
        return true;
    }
}
