using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using Verdict.Diagnostics;
using Verdict.Syntax;

namespace Verdict.Model;

/// <summary>Reads a schema-valid <c>EscalationPath</c> policy into its document.</summary>
public static partial class EscalationReader
{
    /// <summary>Reads the document; shape errors were already reported by the schema, the rest are raised here.</summary>
    public static EscalationPathDocument Read(PolicyHeader header, MapNode node, string file)
    {
        var errors = new List<Diagnostic>();
        var steps = new List<EscalationStepSpec>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in PolicyReader.Maps(node.GetValue("steps")))
        {
            var id = s.GetString("id")!;
            if (!ids.Add(id))
                errors.Add(Diagnostic.Error(Codes.DuplicatePolicy, $"step id `{id}` is used twice", s.Get("id")!.Location, "give every step its own id"));
            try
            {
                steps.Add(new EscalationStepSpec(
                    id, s.GetString("role")!, s.GetString("channel")!, ParseDuration((ScalarNode)s.Get("ackWithin")!),
                    s.GetString("escalateTo"), Located.OfOptional(s.GetValue("when")), s.GetString("whenUnknown") != "skip",
                    s.GetValue("due") is MapNode due ? Due(due) : null, s.GetString("reason"), s.GetString("citation"), s));
            }
            catch (VerdictException e) { errors.AddRange(e.Diagnostics); }
        }
        if (errors.Count > 0) throw new VerdictException(errors);
        return new EscalationPathDocument(header, node, file) { Steps = steps };
    }

    private static DueSpec Due(MapNode d)
    {
        var after = d.GetString("after");
        var before = d.GetString("before");
        if (after is null == before is null)
            throw VerdictException.Single(Codes.BadValue, after is null ? "`due` needs `after` or `before`" : "`due` has both `after` and `before`",
                d.Location, "write `after: awareAt` to count forward from a timeline event, or `before: earliestDue` to count back from a deadline");
        return new DueSpec(after, before, ParseDuration((ScalarNode)d.Get("offset")!), d);
    }

    /// <summary>An elapsed time in the one duration grammar (<see cref="PolicyDuration"/>): <c>15m</c>, <c>PT15M</c>, <c>2d</c> (24 hours)….</summary>
    public static Duration ParseDuration(ScalarNode s)
    {
        if (!PolicyDuration.TryParse(s.Value, out var d, out var error))
            throw VerdictException.Single(Codes.BadFormat, error!, s.Location, $"write e.g. {PolicyDuration.Examples} (see docs/durations.md)");
        return d.Elapsed ?? throw VerdictException.Single(Codes.BadFormat,
            $"`{s.Value}` has no fixed length: acknowledgement times and offsets are elapsed minutes, hours or days", s.Location,
            "write e.g. 15m, 4h, 2d or PT15M, PT4H, P2D");
    }

    /// <summary>A duration as ISO-8601 in hours and minutes (<c>PT15M</c>, <c>PT48H</c>), the form decisions use.</summary>
    public static string FormatDuration(Duration d)
    {
        var minutes = (long)d.TotalMinutes;
        if (minutes == 0) return "PT0M";
        var h = minutes / 60;
        var min = minutes % 60;
        return "PT" + (h > 0 ? $"{h.ToString(CultureInfo.InvariantCulture)}H" : "") + (min > 0 ? $"{min.ToString(CultureInfo.InvariantCulture)}M" : "");
    }

}
