using System.Text.RegularExpressions;

namespace Verdict.Tests.Architecture;

/// <summary>
/// The engine's namespaces form layers: no cycles between them, and <c>Decisions</c> is a leaf of plain records that
/// every other layer may use. Read from the sources: a <c>using Verdict.X;</c> or a qualified <c>X.Type</c> is an edge.
/// </summary>
public partial class NamespaceLayerTests
{
    private static readonly string Engine = Repo.PathOf("engine");

    private static string[] Namespaces() =>
        Directory.GetDirectories(Engine).Select(Path.GetFileName).Where(n => n is not ("bin" or "obj") && char.IsUpper(n![0])).ToArray()!;

    [GeneratedRegex(@"using Verdict\.([A-Z][A-Za-z]+)[;.]|\bVerdict\.([A-Z][A-Za-z]+)\.|(?<![\w.])([A-Z][A-Za-z]+)\.[A-Z]")]
    private static partial Regex Reference();

    private static Dictionary<string, SortedSet<string>> Edges()
    {
        var names = Namespaces().ToHashSet();
        var edges = names.ToDictionary(n => n, _ => new SortedSet<string>(StringComparer.Ordinal));
        foreach (var ns in names)
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Engine, ns), "*.cs", SearchOption.AllDirectories))
        {
            // Comments may name other layers (docs/design.md, a cref to a renderer) without depending on them.
            var code = string.Join('\n', File.ReadLines(file).Select(l => l.TrimStart()).Where(l => !l.StartsWith("//", StringComparison.Ordinal)));
            foreach (Match m in Reference().Matches(code))
            {
                var target = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value;
                if (target != ns && names.Contains(target)) edges[ns].Add(target);
            }
        }
        return edges;
    }

    [Fact]
    public void Decisions_depends_on_no_other_engine_namespace() => Assert.Empty(Edges()["Decisions"]);

    [Fact]
    public void No_two_engine_namespaces_depend_on_each_other_directly_or_through_others()
    {
        var edges = Edges();
        foreach (var start in edges.Keys)
        {
            // Everything reachable from start; start itself must not be among it.
            var seen = new HashSet<string>();
            var stack = new Stack<string>(edges[start]);
            while (stack.Count > 0)
            {
                var n = stack.Pop();
                if (!seen.Add(n)) continue;
                Assert.False(n == start, $"`{start}` depends on itself through {string.Join(", ", seen)}");
                foreach (var m in edges[n]) stack.Push(m);
            }
        }
    }

    [Fact]
    public void Compilation_does_not_reach_up_into_rendering() => Assert.DoesNotContain("Rendering", Edges()["Compilation"]);
}
