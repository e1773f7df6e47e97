using Verdict.Diagnostics;
using Verdict.Schemas;
using Verdict.Syntax;

namespace Verdict.Model;

/// <summary>A policy folder read into typed documents, before compilation.</summary>
public sealed class BundleSource
{
    /// <summary>The folder as the user named it.</summary>
    public required string Root { get; init; }
    /// <summary>The manifest.</summary>
    public required BundleManifest Manifest { get; init; }
    /// <summary>The policies, ordered by id then version.</summary>
    public required IReadOnlyList<PolicyDocument> Documents { get; init; }
    /// <summary>Digest over the canonical content of the manifest and every policy.</summary>
    public required string Digest { get; init; }
    /// <summary>Every file read, relative to the root, with its parsed tree (for the linter).</summary>
    public required IReadOnlyList<(string File, Node Node)> Files { get; init; }

    /// <summary>Folders never loaded as policies: examples, test cases and drills hold incidents, not law.</summary>
    public static readonly IReadOnlyList<string> NonPolicyFolders = ["examples", "tests", "drills"];

    /// <summary>
    /// Reads a policy folder. Problems in every file are collected, not just the first; the result is null when any
    /// error was found.
    /// </summary>
    public static BundleSource? Read(string root, List<Diagnostic> diagnostics, ReaderLimits? limits = null)
    {
        var display = root.TrimEnd('/', '\\');
        if (!Directory.Exists(root))
        {
            diagnostics.Add(Diagnostic.Error(Codes.FileUnreadable, $"policy folder `{display}` does not exist", null, "pass the folder that holds bundle.yaml"));
            return null;
        }
        string Show(string rel) => $"{display}/{rel}";
        var manifestPath = Path.Combine(root, "bundle.yaml");
        if (!File.Exists(manifestPath))
        {
            diagnostics.Add(Diagnostic.Error(Codes.NoManifest, $"no `bundle.yaml` in `{display}`", null,
                "add a bundle.yaml with apiVersion, kind: Bundle, name and version"));
            return null;
        }

        var files = new List<(string, Node)>();
        BundleManifest? manifest = null;
        var manifestNode = ReadNode(manifestPath, Show("bundle.yaml"), limits, diagnostics);
        if (manifestNode is not null)
        {
            files.Add(("bundle.yaml", manifestNode));
            var errors = manifestNode is MapNode ? SchemaValidator.Validate(manifestNode, SchemaCatalog.Get(SchemaCatalog.Bundle)) :
                [Diagnostic.Error(Codes.WrongType, $"expected a mapping, found {manifestNode.KindWord}", manifestNode.Location)];
            diagnostics.AddRange(errors);
            if (errors.Count == 0) manifest = PolicyReader.Manifest((MapNode)manifestNode);
        }

        var folders = manifest?.Include is { Count: > 0 } inc
            ? inc.Select(f => Path.Combine(root, f)).ToList()
            : Directory.GetDirectories(root).Where(d => !NonPolicyFolders.Contains(Path.GetFileName(d))).ToList();
        var paths = folders.Where(Directory.Exists)
            .SelectMany(f => Directory.EnumerateFiles(f, "*.*", SearchOption.AllDirectories))
            .Where(p => p.EndsWith(".yaml", StringComparison.Ordinal) || p.EndsWith(".yml", StringComparison.Ordinal))
            .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/'))
            .Where(rel => !rel.Split('/').Any(seg => NonPolicyFolders.Contains(seg)))
            .Distinct().OrderBy(p => p, StringComparer.Ordinal).ToList();

        // Files are independent until compilation: read and validate them in parallel (most of a cold load is JIT
        // and schema work that spreads over cores), then merge in path order so output stays deterministic.
        var perFile = new (Node? Node, PolicyDocument? Doc, List<Diagnostic> Found)[paths.Count];
        Parallel.For(0, paths.Count, i => perFile[i] = ReadPolicy(root, paths[i], Show(paths[i]), limits));
        var docs = new List<PolicyDocument>();
        for (var i = 0; i < paths.Count; i++)
        {
            var (node, doc, found) = perFile[i];
            if (node is not null) files.Add((paths[i], node));
            if (doc is not null) docs.Add(doc);
            diagnostics.AddRange(found);
        }
        if (manifest is null) return null;

        docs.Sort((a, b) => string.CompareOrdinal(a.Header.Id, b.Header.Id) is var c && c != 0 ? c : a.Header.From.CompareTo(b.Header.From));
        var canonical = new System.Text.StringBuilder();
        canonical.Append(CanonicalJson.Of(manifestNode!)).Append('\n');
        foreach (var d in docs.OrderBy(d => d.Header.Ref, StringComparer.Ordinal)) canonical.Append(CanonicalJson.Of(d.Node)).Append('\n');
        return new BundleSource
        {
            Root = display,
            Manifest = manifest,
            Documents = docs,
            Digest = CanonicalJson.Digest(canonical.ToString()),
            Files = files,
        };
    }

    private static (Node?, PolicyDocument?, List<Diagnostic>) ReadPolicy(string root, string rel, string shown, ReaderLimits? limits)
    {
        var found = new List<Diagnostic>();
        var node = ReadNode(Path.Combine(root, rel), shown, limits, found);
        if (node is null) return (null, null, found);
        if (node is not MapNode map)
        {
            found.Add(Diagnostic.Error(Codes.WrongType, $"expected a policy mapping, found {node.KindWord}", node.Location,
                "a policy file starts with `apiVersion:` and `kind:`"));
            return (node, null, found);
        }
        var kind = map.GetString("kind");
        if (kind is null || !SchemaCatalog.Exists(SchemaCatalog.ForKind(kind)))
        {
            var at = map.Get("kind")?.Location ?? map.Location;
            found.Add(Diagnostic.Error(Codes.UnknownKind, kind is null ? "missing `kind`" : $"unknown policy kind `{kind}`", at,
                (kind is not null && Suggest.Nearest(kind, SchemaCatalog.PolicyKinds) is { } near ? $"did you mean `{near}`? " : "") +
                $"expected one of: {string.Join(", ", SchemaCatalog.PolicyKinds)}"));
            return (node, null, found);
        }
        var errors = SchemaValidator.Validate(map, SchemaCatalog.Get(SchemaCatalog.ForKind(kind)));
        if (errors.Count > 0) { found.AddRange(errors); return (node, null, found); }
        try { return (node, PolicyReader.Read(map, shown), found); }
        catch (VerdictException e) { found.AddRange(e.Diagnostics); return (node, null, found); }
    }

    private static Node? ReadNode(string path, string display, ReaderLimits? limits, List<Diagnostic> diagnostics)
    {
        try { return NodeReader.ReadFile(path, display, limits); }
        catch (VerdictException e) { diagnostics.AddRange(e.Diagnostics); return null; }
    }
}
