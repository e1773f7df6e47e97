using System.Buffers;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Verdict.Compilation;
using Verdict.Decisions;
using Verdict.Diagnostics;
using Verdict.Facts;
using Verdict.Model;
using Verdict.Rendering;
using Verdict.Syntax;

namespace Verdict;

/// <summary>
/// The embeddable face of Verdict: load a policy bundle once (from a folder, a zip stream or files in memory), then
/// decide incidents and access requests with it, from many threads. Every error about the caller's input is a
/// <see cref="VerdictException"/> whose diagnostics name the file (or JSON path), line and column. The contracts are
/// in docs/design.md and docs/decision.md.
/// </summary>
public sealed class VerdictBundle
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);
    private readonly PolicyBundle _bundle;

    private VerdictBundle(PolicyBundle bundle) => _bundle = bundle;

    /// <summary>The bundle's name from its manifest.</summary>
    public string Name => _bundle.Name;

    /// <summary>The bundle's version from its manifest.</summary>
    public string Version => _bundle.Version;

    /// <summary>Digest over the canonical content of every policy and the manifest (<c>sha256:…</c>).</summary>
    public string Digest => _bundle.Digest;

    /// <summary>The decision stages, in the order they run.</summary>
    public IReadOnlyList<string> Stages => _bundle.Stages;

    /// <summary>Every policy loaded, as <c>id@version</c>, ordered.</summary>
    public IReadOnlyList<string> Policies => _bundle.Source.Documents.Select(d => d.Header.Ref).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Loads and compiles the bundle in <paramref name="folder"/> (the folder that holds <c>bundle.yaml</c>).</summary>
    /// <exception cref="VerdictException">Every problem found in any file.</exception>
    public static VerdictBundle Load(string folder, VerdictLoadOptions? options = null)
    {
        options ??= new VerdictLoadOptions();
        var diagnostics = new List<Diagnostic>();
        var compile = new BundleOptions { AllowCSharp = options.AllowCSharp, Limits = ReaderLimits.Default with { MaxBytes = options.MaxFileBytes } };
        var source = BundleSource.Read(folder, diagnostics, compile.Limits);
        var bundle = source is null ? null
            : PolicyBundle.Compile(source, diagnostics, options.Languages is { } register ? register(compile, source) : compile);
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (bundle is null || errors.Count > 0) throw new VerdictException(errors);
        return new VerdictBundle(bundle);
    }

    /// <summary>
    /// Loads a bundle from files in memory: relative path (<c>bundle.yaml</c>, <c>severity/crm.yaml</c>) → text.
    /// Diagnostics name those relative paths.
    /// </summary>
    /// <exception cref="VerdictException">A path that leaves the bundle, too many files, or any problem in a file.</exception>
    public static VerdictBundle Load(IReadOnlyDictionary<string, string> files, VerdictLoadOptions? options = null)
    {
        options ??= new VerdictLoadOptions();
        if (files.Count > options.MaxFiles)
            throw VerdictException.Single(Codes.FileTooLarge, $"the bundle holds `{files.Count}` files, more than `{options.MaxFiles}`", null,
                "split the bundle, or raise MaxFiles");
        var root = Directory.CreateTempSubdirectory("verdict-bundle-").FullName;
        try
        {
            foreach (var (name, text) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                var path = Inside(root, name);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, text, StrictUtf8);
            }
            try { return Load(root, options); }
            catch (VerdictException e) { throw Relative(e, root); }
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Loads a bundle from a zip archive whose root (or single top folder) holds <c>bundle.yaml</c>.</summary>
    /// <exception cref="VerdictException">Not a zip, an entry too large or outside the bundle, or any problem in a file.</exception>
    public static VerdictBundle LoadZip(Stream zip, VerdictLoadOptions? options = null)
    {
        options ??= new VerdictLoadOptions();
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
            foreach (var entry in archive.Entries)
            {
                if (entry.FullName.EndsWith('/')) continue;
                if (files.Count >= options.MaxFiles)
                    throw VerdictException.Single(Codes.FileTooLarge, $"the zip holds more than `{options.MaxFiles}` files", null, "split the bundle, or raise MaxFiles");
                if (entry.Length > options.MaxFileBytes)
                    throw VerdictException.Single(Codes.FileTooLarge, $"`{entry.FullName}` is `{entry.Length}` bytes, more than `{options.MaxFileBytes}`", null,
                        "policy files are small; raise MaxFileBytes if this one must be large");
                using var reader = new StreamReader(entry.Open(), StrictUtf8);
                files[entry.FullName] = reader.ReadToEnd();
            }
        }
        catch (InvalidDataException)
        {
            throw VerdictException.Single(Codes.FileUnreadable, "the bundle archive is not a readable zip", null, "send a zip of the folder that holds bundle.yaml");
        }
        catch (DecoderFallbackException)
        {
            throw VerdictException.Single(Codes.FileUnreadable, "a file in the bundle archive is not UTF-8 text", null, "save policy files as UTF-8");
        }
        // A zip of the folder itself has one top folder; the bundle is what is inside it.
        var tops = files.Keys.Select(k => k.Split('/')[0]).Distinct().ToList();
        if (!files.ContainsKey("bundle.yaml") && tops.Count == 1 && files.ContainsKey(tops[0] + "/bundle.yaml"))
            files = files.ToDictionary(f => f.Key[(tops[0].Length + 1)..], f => f.Value, StringComparer.Ordinal);
        return Load(files, options);
    }

    /// <summary>Decides one incident given as typed facts.</summary>
    public Decision Decide(IncidentFacts facts, bool explain = false) => _bundle.Decide(facts, new DecideOptions { Explain = explain });

    /// <summary>Decides one incident given as the bytes of a JSON (or YAML) facts document.</summary>
    /// <exception cref="VerdictException">The facts are not valid (diagnostics say where and why).</exception>
    public Decision Decide(ReadOnlySpan<byte> facts, bool explain = false)
    {
        string text;
        try { text = StrictUtf8.GetString(facts); }
        catch (DecoderFallbackException)
        {
            throw VerdictException.Single(Codes.Syntax, "the facts are not UTF-8 text", null, "send the facts as UTF-8 JSON");
        }
        return Decide(FactsLoader.LoadText(text, "facts"), explain);
    }

    /// <summary>The decision's JSON (the contract of <c>verdict decide --format json</c>), as UTF-8 bytes.</summary>
    public static byte[] ToJson(Decision decision)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = CanonicalJson.Encoder, NewLine = "\n" }))
            DecisionJson.Write(w, decision);
        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Facts bytes in, decision JSON bytes out: what a decision service answers.</summary>
    /// <exception cref="VerdictException">The facts are not valid.</exception>
    public byte[] DecideJson(ReadOnlySpan<byte> facts, bool explain = false) => ToJson(Decide(facts, explain));

    /// <summary>Decides one access request against the purpose bindings. Allocation-free when allowed.</summary>
    public AccessDecision DecideAccess(AccessRequest request) => _bundle.DecideAccess(request);

    private static string Inside(string root, string name)
    {
        var path = Path.GetFullPath(Path.Combine(root, name));
        if (name.Length == 0 || Path.IsPathRooted(name) || !path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw VerdictException.Single(Codes.FileUnreadable, $"`{name}` is not a path inside the bundle", null,
                "name files relative to the folder that holds bundle.yaml, without `..`");
        return path;
    }

    // Diagnostics of a temporary folder name the files as the caller did.
    private static VerdictException Relative(VerdictException e, string root)
    {
        var prefix = root.TrimEnd('/', '\\') + "/";
        return new VerdictException(e.Diagnostics.Select(d => d with
        {
            Message = d.Message.Replace(prefix, "", StringComparison.Ordinal).Replace(root, "bundle", StringComparison.Ordinal),
            Location = d.Location is { } l && l.File.StartsWith(prefix, StringComparison.Ordinal) ? l with { File = l.File[prefix.Length..] } : d.Location,
        }).ToList());
    }
}
