using System.Reflection;
using System.Runtime.Loader;
using System.Security.Cryptography;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Verdict.Expressions;

namespace Verdict.Scripting.CSharp;

/// <summary>
/// Roslyn plumbing for the csharp language: the minimal references (the runtime's core, LINQ, the engine, NodaTime),
/// the struct every expression is compiled into (it exposes the members of <see cref="FactScope"/>), one shared base
/// compilation that per-expression checks extend (a check costs milliseconds, not a fresh compiler), and the emit of a
/// whole bundle's expressions into one assembly, cached by the digest of its source.
/// </summary>
internal static class CSharpCompiler
{
    /// <summary>Namespace of the generated code.</summary>
    public const string Namespace = "__Verdict";

    private static readonly Lazy<MetadataReference[]> References = new(() =>
        new[]
        {
            typeof(object).Assembly, Assembly.Load("System.Runtime"), typeof(Enumerable).Assembly,
            typeof(FactScope).Assembly, typeof(NodaTime.Instant).Assembly,
        }.Select(a => (MetadataReference)MetadataReference.CreateFromFile(a.Location)).ToArray());

    private static readonly CSharpCompilationOptions Options = new(
        OutputKind.DynamicallyLinkedLibrary,
        optimizationLevel: OptimizationLevel.Release,
        allowUnsafe: false,
        nullableContextOptions: NullableContextOptions.Disable,
        concurrentBuild: false,
        deterministic: true);

    private static readonly Lazy<CSharpCompilation> Base = new(() => CSharpCompilation.Create("verdict-csharp-check", null, References.Value, Options));

    /// <summary>
    /// How many compiled bundles stay cached. A reload of unchanged content finds its code here; a server that reloads a
    /// changed bundle every hour evicts the oldest, whose collectible assembly is unloaded once no bundle uses it.
    /// </summary>
    public const int CacheCapacity = 8;

    // least recently used last; guarded by Gate
    private static readonly Dictionary<string, LinkedListNode<(string Digest, Lazy<Delegate[]> Code)>> Emitted = new(StringComparer.Ordinal);
    private static readonly LinkedList<(string Digest, Lazy<Delegate[]> Code)> Recency = new();
    private static readonly Lock Gate = new();

    /// <summary>How many bundles' expressions were compiled to code (for tests of the cache).</summary>
    public static int EmitCount;

    /// <summary>How many compiled bundles the cache holds now.</summary>
    public static int CachedCount
    {
        get { lock (Gate) return Emitted.Count; }
    }

    /// <summary>Forgets every emitted assembly.</summary>
    public static void ResetCache()
    {
        lock (Gate)
        {
            Emitted.Clear();
            Recency.Clear();
        }
    }

    /// <summary>A compilation of the base references plus one tree.</summary>
    public static CSharpCompilation With(SyntaxTree tree) => Base.Value.AddSyntaxTrees(tree);

    /// <summary>Parse options shared by checks and emits.</summary>
    public static readonly CSharpParseOptions Parse = new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Regular);

    /// <summary>Opening of a generated file, up to where members go: usings, the struct and its forwarders.</summary>
    public static readonly string Prelude = BuildPrelude();

    /// <summary>Closing of the struct and namespace.</summary>
    public const string Close = "}\n}\n";

    private static string BuildPrelude()
    {
        var sb = new StringBuilder();
        sb.Append("using System;\nusing System.Linq;\nusing System.Collections.Generic;\nusing Verdict.Facts;\nusing Verdict.Expressions;\n");
        sb.Append("namespace ").Append(Namespace).Append(" {\n");
        sb.Append("internal readonly struct __P {\n");
        sb.Append("private readonly Verdict.Expressions.FactScope __s;\n");
        sb.Append("public __P(Verdict.Expressions.FactScope s) { __s = s; }\n");
        foreach (var p in typeof(FactScope).GetProperties(BindingFlags.Public | BindingFlags.Instance))
            sb.Append("public ").Append(TypeName(p.PropertyType)).Append(' ').Append(p.Name).Append(" => __s.").Append(p.Name).Append(";\n");
        foreach (var m in typeof(FactScope).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(m => !m.IsSpecialName))
        {
            var ps = m.GetParameters();
            sb.Append("public ").Append(TypeName(m.ReturnType)).Append(' ').Append(m.Name).Append('(')
                .Append(string.Join(", ", ps.Select(p => $"{TypeName(p.ParameterType)} {p.Name}"))).Append(") => __s.").Append(m.Name)
                .Append('(').Append(string.Join(", ", ps.Select(p => p.Name))).Append(");\n");
        }
        return sb.ToString();
    }

    /// <summary>C# spelling of a CLR type.</summary>
    public static string TypeName(Type t)
    {
        if (t == typeof(bool)) return "bool";
        if (t == typeof(string)) return "string";
        if (t == typeof(long)) return "long";
        if (t == typeof(int)) return "int";
        if (t == typeof(double)) return "double";
        if (t == typeof(object)) return "object";
        if (!t.IsGenericType) return "global::" + t.FullName!.Replace('+', '.');
        var name = t.GetGenericTypeDefinition().FullName!;
        name = name[..name.IndexOf('`')];
        return $"global::{name}<{string.Join(", ", t.GetGenericArguments().Select(TypeName))}>";
    }

    /// <summary>
    /// Compiles generated source into delegates (one per entry of <c>__Entry.All()</c>), or returns the delegates of an
    /// earlier compile of the very same source.
    /// </summary>
    public static Delegate[] Emit(string source)
    {
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source)));
        Lazy<Delegate[]> code;
        lock (Gate)
        {
            if (Emitted.TryGetValue(digest, out var node))
            {
                Recency.Remove(node);
                Recency.AddFirst(node);
                code = node.Value.Code;
            }
            else
            {
                code = new Lazy<Delegate[]>(() => EmitNow(source, digest));
                Emitted[digest] = Recency.AddFirst((digest, code));
                while (Emitted.Count > CacheCapacity)
                {
                    var oldest = Recency.Last!;
                    Recency.RemoveLast();
                    Emitted.Remove(oldest.Value.Digest);
                }
            }
        }
        return code.Value;
    }

    private static Delegate[] EmitNow(string source, string digest)
    {
        Interlocked.Increment(ref EmitCount);
        var tree = CSharpSyntaxTree.ParseText(source, Parse);
        var compilation = CSharpCompilation.Create("verdict-csharp-" + digest[..16], [tree], References.Value, Options);
        using var pe = new MemoryStream();
        var result = compilation.Emit(pe);
        if (!result.Success)
            throw new InvalidOperationException("csharp conditions passed their checks but did not compile: " +
                string.Join("; ", result.Diagnostics.Where(x => x.Severity == DiagnosticSeverity.Error).Take(3)));
        pe.Position = 0;
        // collectible: when the cache entry is the last reference, the code can be unloaded
        var context = new AssemblyLoadContext("verdict-csharp-" + digest[..16], isCollectible: true);
        var assembly = context.LoadFromStream(pe);
        var entry = assembly.GetType(Namespace + ".__Entry")!.GetMethod("All")!;
        return (Delegate[])entry.Invoke(null, null)!;
    }
}
