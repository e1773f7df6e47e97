using System.CommandLine;
using System.Text;
using System.Text.Json;
using NodaTime.Text;
using Verdict.Compilation;
using Verdict.Diagnostics;
using Verdict.Syntax;

namespace Verdict.Cli.Commands;

/// <summary><c>verdict bundle info DIR</c>: what a bundle is (name, version, digest) and which policies it holds.</summary>
public static class BundleCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("DIR") { Description = "policy bundle folder (holds bundle.yaml)", DefaultValueFactory = _ => "policies" };
        var format = new Option<string>("--format") { Description = "text | json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var allowCSharp = new Option<bool>("--allow-csharp") { Description = "allow policies written in C#" };
        var info = new Command("info", "name, version, digest and policies of a bundle (the digest decisions cite)") { dir, format, allowCSharp };
        info.SetAction(r => Info(r.GetValue(dir)!, r.GetValue(format)!, r.GetValue(allowCSharp), Console.Out));
        return new Command("bundle", "inspect a policy bundle") { info };
    }

    /// <summary>Loads the bundle and prints its identity; 3 when it does not load.</summary>
    internal static int Info(string dir, string format, bool allowCSharp, TextWriter output)
    {
        PolicyBundle bundle;
        try { bundle = BundleCache.Load(dir, new BundleOptions { AllowCSharp = allowCSharp }); }
        catch (VerdictException e) { Cli.Print(e.Diagnostics); return ExitCodes.PoliciesInvalid; }
        var docs = bundle.Source.Documents.OrderBy(d => d.Header.Kind, StringComparer.Ordinal)
            .ThenBy(d => d.Header.Id, StringComparer.Ordinal).ThenBy(d => d.Header.From).ToList();
        output.Write(format == "json" ? Json(bundle, docs) : Text(bundle, docs));
        return ExitCodes.Ok;
    }

    private static string Effective(Model.PolicyHeader h) =>
        LocalDatePattern.Iso.Format(h.From) + " → " + (h.Until is { } u ? LocalDatePattern.Iso.Format(u) : "open") + (h.Zone.Id == "UTC" ? "" : $" ({h.Zone.Id})");

    private static string Text(PolicyBundle b, List<Model.PolicyDocument> docs)
    {
        var t = new StringBuilder($"name     {b.Name}\nversion  {b.Version}\ndigest   {b.Digest}\npolicies {docs.Count}\n\n");
        var width = docs.Count == 0 ? 0 : docs.Max(d => d.Header.Ref.Length);
        foreach (var d in docs)
            t.Append($"  {d.Header.Kind,-22} {d.Header.Ref.PadRight(width)}  {Effective(d.Header)}{(d.Header.Verification is { } v ? $"  [{v}]" : "")}  {d.File}\n");
        return t.ToString();
    }

    private static string Json(PolicyBundle b, List<Model.PolicyDocument> docs)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = CanonicalJson.Encoder, NewLine = "\n" }))
        {
            w.WriteStartObject();
            w.WriteString("name", b.Name);
            w.WriteString("version", b.Version);
            w.WriteString("digest", b.Digest);
            w.WriteStartArray("policies");
            foreach (var d in docs)
            {
                w.WriteStartObject();
                w.WriteString("kind", d.Header.Kind);
                w.WriteString("id", d.Header.Id);
                w.WriteString("version", d.Header.Version);
                w.WriteString("from", LocalDatePattern.Iso.Format(d.Header.From));
                if (d.Header.Until is { } u) w.WriteString("until", LocalDatePattern.Iso.Format(u)); else w.WriteNull("until");
                w.WriteString("zone", d.Header.Zone.Id);
                if (d.Header.Verification is { } v) w.WriteString("verification", v);
                w.WriteString("file", d.File);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
