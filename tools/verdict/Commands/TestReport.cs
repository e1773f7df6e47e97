using System.Text;
using System.Text.Json;
using System.Xml;
using Verdict.Cli.Diffing;
using Verdict.Syntax;

namespace Verdict.Cli.Commands;

/// <summary>The <c>verdict test</c> report: a line per case for a terminal, JSON for scripts, JUnit XML for CI.</summary>
internal static class TestReport
{
    /// <summary>One case in text: <c>ok</c>, or <c>FAIL</c> with its problems indented below.</summary>
    public static void WriteCase(TextWriter output, CaseResult r, bool quiet)
    {
        if (r.Passed)
        {
            if (!quiet) output.WriteLine($"{Colors.Paint(output, "ok", Colors.Green)}    {r.Case}");
            return;
        }
        output.WriteLine($"{Colors.Paint(output, "FAIL", Colors.Red)}  {r.Case}");
        foreach (var line in string.Join("\n", r.Problems).TrimEnd('\n').Split('\n')) output.WriteLine("  " + line);
    }

    /// <summary><c>{ passed, failed, cases: [{ case, status, problems, changes }] }</c>.</summary>
    public static string Json(IReadOnlyList<CaseResult> results)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = CanonicalJson.Encoder, NewLine = "\n" }))
        {
            w.WriteStartObject();
            w.WriteNumber("passed", results.Count(r => r.Passed));
            w.WriteNumber("failed", results.Count(r => !r.Passed));
            w.WriteStartArray("cases");
            foreach (var r in results)
            {
                w.WriteStartObject();
                w.WriteString("case", r.Case);
                w.WriteString("status", r.Passed ? "passed" : "failed");
                if (r.Accepted) w.WriteBoolean("accepted", true);
                w.WriteStartArray("problems");
                foreach (var p in r.Problems) w.WriteStringValue(p);
                w.WriteEndArray();
                w.WriteStartArray("changes");
                foreach (var c in r.Changes) DiffJson.Change(w, c);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>
    /// JUnit XML as CI systems read it (GitHub, GitLab, Jenkins, Azure): one testsuite for the folder, one testcase per
    /// case, a <c>failure</c> whose message is the first problem and whose text is all of them. No times: the
    /// report is deterministic.
    /// </summary>
    public static string JUnit(IReadOnlyList<CaseResult> results, string suite)
    {
        var failures = results.Count(r => !r.Passed);
        var buffer = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false };
        using (var sw = new Utf8StringWriter(buffer))
        using (var x = XmlWriter.Create(sw, settings))
        {
            x.WriteStartDocument();
            x.WriteStartElement("testsuites");
            x.WriteAttributeString("name", "verdict test");
            x.WriteAttributeString("tests", results.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            x.WriteAttributeString("failures", failures.ToString(System.Globalization.CultureInfo.InvariantCulture));
            x.WriteAttributeString("errors", "0");
            x.WriteStartElement("testsuite");
            x.WriteAttributeString("name", suite);
            x.WriteAttributeString("tests", results.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            x.WriteAttributeString("failures", failures.ToString(System.Globalization.CultureInfo.InvariantCulture));
            x.WriteAttributeString("errors", "0");
            x.WriteAttributeString("skipped", "0");
            foreach (var r in results)
            {
                x.WriteStartElement("testcase");
                var slash = r.Case.LastIndexOf('/');
                x.WriteAttributeString("classname", slash < 0 ? suite : r.Case[..slash].Replace('/', '.'));
                x.WriteAttributeString("name", slash < 0 ? r.Case : r.Case[(slash + 1)..]);
                x.WriteAttributeString("file", r.Case);
                if (!r.Passed)
                {
                    x.WriteStartElement("failure");
                    x.WriteAttributeString("message", Clean(r.Problems.FirstOrDefault() ?? "failed").Split('\n')[0]);
                    x.WriteAttributeString("type", r.Changes.Count > 0 ? "decision-changed" : "case-failed");
                    x.WriteString(Clean(string.Join("\n", r.Problems)));
                    x.WriteEndElement();
                }
                x.WriteEndElement();
            }
            x.WriteEndElement();
            x.WriteEndElement();
            x.WriteEndDocument();
        }
        return buffer.Append('\n').ToString();
    }

    /// <summary>XML 1.0 cannot hold most control characters even escaped; a user's file might put them in a message.</summary>
    private static string Clean(string s) => new(s.Select(c => c is '\n' or '\t' || (c >= ' ' && c != '\uFFFE' && c != '\uFFFF') ? c : '?').ToArray());

    /// <summary>A string writer that declares UTF-8, so the XML declaration says what stdout carries.</summary>
    private sealed class Utf8StringWriter(StringBuilder sb) : StringWriter(sb)
    {
        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
