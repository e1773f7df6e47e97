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
        if (BundleFiles.Kind(manifestPath) == BundleFiles.EntryKind.Missing)
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
            if (errors.Count == 0)
                try { manifest = PolicyReader.Manifest((MapNode)manifestNode); }
                catch (VerdictException e) { diagnostics.AddRange(e.Diagnostics); }
        }

        var paths = Discover(root, display, manifestNode as MapNode, manifest, diagnostics);
        if (paths is null) return null;

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
        if (docs.Count == 0 && !diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            diagnostics.Add(Diagnostic.Error(Codes.NoPolicies, $"the bundle `{display}` holds no policies",
                IncludeNode(manifestNode as MapNode)?.Location ?? manifestNode!.Location,
                "put policy files (.yaml) in the folders of the bundle, or fix `include:` in bundle.yaml"));
            return null;
        }

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
        catch (Exception e) when (e is FormatException or OverflowException or InvalidCastException or ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            // a value the schema let through but the reader cannot use: an error at the file, never a crash
            found.Add(Diagnostic.Error(Codes.BadValue, $"cannot read this {kind}: {e.Message.Split('\n')[0].TrimEnd('.').ToLowerInvariant()}", map.Location,
                "check the values of this policy against its schema in schemas/"));
            return (node, null, found);
        }
    }

    private static Node? ReadNode(string path, string display, ReaderLimits? limits, List<Diagnostic> diagnostics)
    {
        try { return NodeReader.Read(BundleFiles.ReadText(path, display, (limits ?? ReaderLimits.Default).MaxBytes), display, limits); }
        catch (VerdictException e) { diagnostics.AddRange(e.Diagnostics); return null; }
    }

    private static SeqNode? IncludeNode(MapNode? manifest) => manifest?.GetValue("include") as SeqNode;

    /// <summary>
    /// The policy files of the bundle, relative to the root and sorted; null when an include is unsafe or missing.
    /// Every include resolves inside the root, no entry on the way is a link, and a link or special file where a
    /// policy would be is an error (never followed, never opened).
    /// </summary>
    private static List<string>? Discover(string root, string display, MapNode? manifestNode, BundleManifest? manifest, List<Diagnostic> diagnostics)
    {
        var before = diagnostics.Count;
        var folders = new List<(string Rel, SourceLocation? At)>();
        if (manifest?.Include is { Count: > 0 } includes)
        {
            var items = IncludeNode(manifestNode)?.Items;
            for (var i = 0; i < includes.Count; i++)
            {
                var at = items is not null && i < items.Count ? items[i].Location : manifestNode?.Location;
                if (CheckInclude(root, includes[i], at, diagnostics) is { } rel) folders.Add((rel, at));
            }
        }
        else
        {
            foreach (var dir in Directory.EnumerateFileSystemEntries(root).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(dir);
                if (NonPolicyFolders.Contains(name)) continue;
                switch (BundleFiles.Kind(dir))
                {
                    case BundleFiles.EntryKind.Directory: folders.Add((name, null)); break;
                    case BundleFiles.EntryKind.Link when Directory.Exists(dir):
                        diagnostics.Add(Diagnostic.Error(Codes.PathOutsideBundle, $"`{display}/{name}` is a symbolic link to a folder; a bundle reads only its own files",
                            new SourceLocation($"{display}/{name}", 1, 1), "copy the folder into the bundle instead of linking it"));
                        break;
                }
            }
        }
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (rel, at) in folders) Walk(root, display, rel, at, 0, found, diagnostics);
        if (found.Count > BundleFiles.MaxFiles)
            diagnostics.Add(Diagnostic.Error(Codes.FileTooLarge, $"the bundle `{display}` holds more than {BundleFiles.MaxFiles} policy files", null,
                "split the bundle"));
        if (diagnostics.Count > before) return null;
        return found.Where(rel => !rel.Split('/').Any(seg => NonPolicyFolders.Contains(seg))).ToList();
    }

    /// <summary>The include as a clean relative path, or null after a located error.</summary>
    private static string? CheckInclude(string root, string include, SourceLocation? at, List<Diagnostic> diagnostics)
    {
        var segments = include.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (Path.IsPathRooted(include) || include.StartsWith('/') || include.StartsWith('\\') || (include.Length > 1 && include[1] == ':'))
        {
            diagnostics.Add(Diagnostic.Error(Codes.PathOutsideBundle, $"include `{include}` is an absolute path; includes are folders inside the bundle", at,
                "write the folder relative to bundle.yaml, e.g. `severity`"));
            return null;
        }
        if (segments.Any(s => s == ".."))
        {
            diagnostics.Add(Diagnostic.Error(Codes.PathOutsideBundle, $"include `{include}` leaves the bundle folder with `..`", at,
                "an include names a folder inside the bundle; copy what you need into it"));
            return null;
        }
        segments = segments.Where(s => s != ".").ToArray();
        var path = root;
        for (var i = 0; i < segments.Length; i++)
        {
            path = Path.Combine(path, segments[i]);
            switch (BundleFiles.Kind(path))
            {
                case BundleFiles.EntryKind.Directory: continue;
                case BundleFiles.EntryKind.Link:
                    diagnostics.Add(Diagnostic.Error(Codes.PathOutsideBundle, $"include `{include}` goes through the symbolic link `{string.Join('/', segments[..(i + 1)])}`; a bundle reads only its own files", at,
                        "copy the folder into the bundle instead of linking it"));
                    return null;
                case BundleFiles.EntryKind.Missing:
                    var parent = Path.GetDirectoryName(path)!;
                    var siblings = Directory.Exists(parent) ? Directory.EnumerateDirectories(parent).Select(d => Path.GetFileName(d)!).ToList() : [];
                    diagnostics.Add(Diagnostic.Error(Codes.IncludeNotFound, $"include `{include}` names no folder of the bundle", at,
                        Suggest.Nearest(segments[i], siblings) is { } near ? $"did you mean `{string.Join('/', [.. segments[..i], near])}`?" :
                        $"the folders are: {string.Join(", ", siblings.Order(StringComparer.Ordinal).Select(x => $"`{x}`"))}"));
                    return null;
                default:
                    diagnostics.Add(Diagnostic.Error(Codes.NotRegularFile, $"include `{include}` is not a folder", at, "an include names a folder of policy files"));
                    return null;
            }
        }
        return segments.Length == 0 ? "." : string.Join('/', segments);
    }

    /// <summary>Collects the .yaml/.yml files below a folder, refusing links and special files where policies would be.</summary>
    private static void Walk(string root, string display, string rel, SourceLocation? at, int depth, SortedSet<string> found, List<Diagnostic> diagnostics)
    {
        if (depth > BundleFiles.MaxDepth)
        {
            diagnostics.Add(Diagnostic.Error(Codes.TooDeep, $"`{display}/{rel}` is nested more than {BundleFiles.MaxDepth} folders deep", at, "flatten the bundle's folders"));
            return;
        }
        if (found.Count > BundleFiles.MaxFiles) return;
        var dir = rel == "." ? root : Path.Combine(root, rel);
        foreach (var entry in Directory.EnumerateFileSystemEntries(dir).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(entry);
            var childRel = rel == "." ? name : $"{rel}/{name}";
            var policy = name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".yml", StringComparison.Ordinal);
            var shown = $"{display}/{childRel}";
            var where = at ?? new SourceLocation(shown, 1, 1);
            switch (BundleFiles.Kind(entry))
            {
                case BundleFiles.EntryKind.Directory:
                    if (!NonPolicyFolders.Contains(name)) Walk(root, display, childRel, at, depth + 1, found, diagnostics);
                    break;
                case BundleFiles.EntryKind.File:
                    if (policy && childRel != "bundle.yaml") found.Add(childRel);
                    break;
                case BundleFiles.EntryKind.Link when policy || Directory.Exists(entry):
                    diagnostics.Add(Diagnostic.Error(Codes.PathOutsideBundle, $"`{shown}` is a symbolic link; a bundle reads only its own files", where,
                        "copy the file or folder into the bundle instead of linking it"));
                    break;
                case BundleFiles.EntryKind.Special when policy:
                    diagnostics.Add(Diagnostic.Error(Codes.NotRegularFile, $"`{shown}` is not a regular file (a FIFO, device or socket)", where,
                        "remove it; a policy is a plain .yaml file"));
                    break;
            }
        }
    }
}
