using System.Text;
using System.Text.Json;
using Verdict.Syntax;

namespace Verdict.Lint.Output;

/// <summary>Findings as a JSON document, for scripts.</summary>
public static class JsonFormatter
{
    /// <summary>The document, two-space indented with a final newline.</summary>
    public static string Write(LintResult result)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = CanonicalJson.Encoder, NewLine = "\n" }))
        {
            w.WriteStartObject();
            w.WriteString("root", result.Root);
            w.WriteNumber("files", result.Files);
            w.WriteNumber("errors", result.Errors);
            w.WriteNumber("warnings", result.Warnings);
            w.WriteStartArray("findings");
            foreach (var f in result.Findings)
            {
                w.WriteStartObject();
                w.WriteString("code", f.Code);
                w.WriteString("severity", f.SeverityWord);
                if (f.Location is { } at)
                {
                    w.WriteString("file", at.File);
                    w.WriteNumber("line", at.Line);
                    w.WriteNumber("column", at.Column);
                }
                else
                {
                    w.WriteNull("file");
                    w.WriteNull("line");
                    w.WriteNull("column");
                }
                w.WriteString("message", f.Message);
                if (f.Help is null) w.WriteNull("help"); else w.WriteString("help", f.Help);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
