using System.Text;
using System.Text.Json;
using Verdict.Decisions;
using Verdict.Syntax;

namespace Verdict.Cli.Diffing;

/// <summary>The diff report as JSON for scripts: the counts, and every change of every changed incident.</summary>
internal static class DiffJson
{
    public static string Write(DiffReport r)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = CanonicalJson.Encoder, NewLine = "\n" }))
        {
            w.WriteStartObject();
            Bundle(w, "base", r.Base);
            Bundle(w, "head", r.Head);
            var changed = r.Changed.ToList();
            w.WriteStartObject("summary");
            w.WriteNumber("incidents", r.Incidents.Count);
            w.WriteNumber("changed", changed.Count);
            w.WriteNumber("groups", r.Groups().Count);
            w.WriteNumber("severityChanged", changed.Count(c => c.Level is not null));
            w.WriteNumber("severityUp", r.SeverityUp);
            w.WriteNumber("severityDown", r.SeverityDown);
            w.WriteNumber("obligationsAdded", r.ObligationsAdded);
            w.WriteNumber("obligationsRemoved", r.ObligationsRemoved);
            w.WriteNumber("deadlinesMoved", r.DeadlinesMoved);
            w.WriteNumber("statusChanged", r.StatusChanged);
            w.WriteNumber("purposeViolationsChanged", r.IncidentsWith("purposeViolations"));
            w.WriteNumber("escalationChanged", r.IncidentsWith("escalation"));
            w.WriteNumber("actionsChanged", r.IncidentsWith("actions"));
            w.WriteNumber("skipped", r.Unreadable.Count);
            w.WriteEndObject();
            w.WriteStartArray("incidents");
            foreach (var i in changed)
            {
                w.WriteStartObject();
                w.WriteString("source", i.Source);
                w.WriteString("incidentId", i.IncidentId);
                if (i.Error is { } e)
                {
                    w.WriteStartObject("error");
                    Text(w, "base", e.Before);
                    Text(w, "head", e.After);
                    w.WriteEndObject();
                }
                w.WriteStartArray("changes");
                foreach (var c in i.Changes) Change(w, c);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("skipped");
            foreach (var (source, error) in r.Unreadable)
            {
                w.WriteStartObject();
                w.WriteString("source", source);
                w.WriteString("error", error);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>One change: part, subject, field (null when the subject was added or removed), both values, the line.</summary>
    internal static void Change(Utf8JsonWriter w, DecisionChange c)
    {
        w.WriteStartObject();
        w.WriteString("part", c.Part);
        w.WriteString("subject", c.Subject);
        Text(w, "field", c.Field);
        Text(w, "base", c.Before);
        Text(w, "head", c.After);
        w.WriteString("text", c.Text);
        w.WriteEndObject();
    }

    private static void Bundle(Utf8JsonWriter w, string name, BundleInfo b)
    {
        w.WriteStartObject(name);
        w.WriteString("name", b.Name);
        w.WriteString("version", b.Version);
        w.WriteString("digest", b.Digest);
        w.WriteEndObject();
    }

    private static void Text(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name); else w.WriteString(name, value);
    }
}
