using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Verdict.Diagnostics;
using Verdict.Syntax;

namespace Verdict.Cli.Serve;

/// <summary>One error of a request, located by JSON path (and line and column in the body when known).</summary>
public sealed record RequestError(string Code, string Message, string? Path, int? Line, int? Column, string? Help);

/// <summary>Writes RFC 9457 <c>application/problem+json</c> responses.</summary>
public static class HttpProblems
{
    /// <summary>The media type of problem responses.</summary>
    public const string ContentType = "application/problem+json";

    /// <summary>Writes a problem. <paramref name="kind"/> becomes the type URI <c>https://verdict.dev/problems/KIND</c>.</summary>
    public static Task Write(HttpContext ctx, int status, string kind, string title, string? detail = null,
        IReadOnlyList<RequestError>? errors = null, Action<Utf8JsonWriter>? extra = null)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = CanonicalJson.Encoder }))
        {
            w.WriteStartObject();
            w.WriteString("type", $"https://verdict.dev/problems/{kind}");
            w.WriteString("title", title);
            w.WriteNumber("status", status);
            if (detail is not null) w.WriteString("detail", detail);
            w.WriteString("instance", ctx.Request.Path.Value);
            if (errors is not null)
            {
                w.WriteStartArray("errors");
                foreach (var e in errors)
                {
                    w.WriteStartObject();
                    w.WriteString("code", e.Code);
                    if (e.Path is not null) w.WriteString("path", e.Path);
                    if (e.Line is { } l) w.WriteNumber("line", l);
                    if (e.Column is { } c) w.WriteNumber("column", c);
                    w.WriteString("message", e.Message);
                    if (e.Help is not null) w.WriteString("help", e.Help);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            extra?.Invoke(w);
            w.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = ContentType;
        ctx.Response.ContentLength = buffer.Length;
        return ctx.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), ctx.RequestAborted).AsTask();
    }

    /// <summary>Diagnostics about a request body as located errors. Paths come from the diagnostic when it has one,
    /// else from the node of the body at the diagnostic's line and column.</summary>
    public static List<RequestError> FromDiagnostics(IReadOnlyList<Diagnostic> diagnostics, string body, string source)
    {
        Dictionary<(int, int), string>? paths = null;
        var result = new List<RequestError>(diagnostics.Count);
        foreach (var d in diagnostics)
        {
            var path = d.JsonPath;
            if (path is null && d.Location is { } loc && loc.File == source)
            {
                paths ??= IndexPaths(body, source);
                path = paths.GetValueOrDefault((loc.Line, loc.Column));
            }
            var here = d.Location?.File == source ? d.Location : null;
            result.Add(new RequestError(d.Code, d.Message, path ?? (here is null ? null : "$"), here?.Line, here?.Column, d.Help));
        }
        return result;
    }

    /// <summary>Maps every node's and key's position in the body to its JSON path (<c>$.data.records</c>).</summary>
    private static Dictionary<(int, int), string> IndexPaths(string body, string source)
    {
        var map = new Dictionary<(int, int), string>();
        Node root;
        try { root = NodeReader.Read(body, source); }
        catch (VerdictException) { return map; }
        void Walk(Node n)
        {
            map.TryAdd((n.Location.Line, n.Location.Column), ToJsonPath(n.Path));
            switch (n)
            {
                case MapNode m:
                    foreach (var (k, v) in m.Entries)
                    {
                        map.TryAdd((k.Location.Line, k.Location.Column), ToJsonPath(n.Path.Length == 0 ? k.Value : $"{n.Path}.{k.Value}"));
                        Walk(v);
                    }
                    break;
                case SeqNode s:
                    foreach (var item in s.Items) Walk(item);
                    break;
            }
        }
        Walk(root);
        return map;
    }

    /// <summary><c>access[0].fields</c> → <c>$.access[0].fields</c>.</summary>
    public static string ToJsonPath(string nodePath) => nodePath.Length == 0 ? "$" : nodePath.StartsWith('[') ? "$" + nodePath : "$." + nodePath;
}
