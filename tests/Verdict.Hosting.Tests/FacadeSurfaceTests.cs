using System.Reflection;
using Verdict.Hosting;

namespace Verdict.Hosting.Tests;

/// <summary>
/// The embeddable surface (the facade and Verdict.Hosting) exposes no type of the libraries the engine uses inside:
/// every type reachable from a public signature, followed through Verdict's own types, is checked.
/// </summary>
public class FacadeSurfaceTests
{
    private static readonly string[] Forbidden = ["YamlDotNet", "NJsonSchema", "Newtonsoft.Json", "System.Linq.Dynamic.Core"];

    private static readonly Type[] Facade =
    [
        typeof(VerdictBundle), typeof(VerdictLoadOptions),
        typeof(VerdictBundles), typeof(VerdictOptions), typeof(VerdictReloadFailure), typeof(VerdictBundleReloader),
        typeof(VerdictMetrics), typeof(Microsoft.Extensions.DependencyInjection.VerdictServiceCollectionExtensions),
    ];

    private const BindingFlags Public = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static IEnumerable<Type> Signature(Type t)
    {
        if (t.BaseType is { } b) yield return b;
        foreach (var i in t.GetInterfaces()) yield return i;
        foreach (var m in t.GetMembers(Public))
            switch (m)
            {
                case MethodBase mb:
                    if (mb is MethodInfo mi) yield return mi.ReturnType;
                    foreach (var p in mb.GetParameters()) yield return p.ParameterType;
                    break;
                case PropertyInfo p: yield return p.PropertyType; break;
                case FieldInfo f: yield return f.FieldType; break;
                case EventInfo e when e.EventHandlerType is { } h: yield return h; break;
                case Type nested: yield return nested; break;
            }
    }

    private static IEnumerable<Type> Parts(Type t)
    {
        if (t.HasElementType) { foreach (var x in Parts(t.GetElementType()!)) yield return x; yield break; }
        yield return t;
        if (t.IsGenericType)
            foreach (var a in t.GetGenericArguments())
            foreach (var x in Parts(a)) yield return x;
    }

    /// <summary>Every type reachable from the facade's public signatures, with the path that reached it.</summary>
    private static Dictionary<Type, string> Reachable()
    {
        var seen = new Dictionary<Type, string>();
        var queue = new Queue<(Type, string)>(Facade.Select(t => (t, t.Name)));
        while (queue.Count > 0)
        {
            var (t, path) = queue.Dequeue();
            foreach (var part in Parts(t))
            {
                if (part.IsGenericParameter || !seen.TryAdd(part, path)) continue;
                // Verdict's own public types are followed; framework types are leaves.
                if (part.Assembly.GetName().Name!.StartsWith("Verdict", StringComparison.Ordinal) && (part.IsPublic || part.IsNestedPublic))
                    foreach (var next in Signature(part)) queue.Enqueue((next, path + " → " + part.Name));
            }
        }
        return seen;
    }

    [Fact]
    public void No_public_signature_reachable_from_the_facade_names_a_type_of_an_internal_library()
    {
        var leaks = Reachable().Where(r => Forbidden.Any(f => r.Key.Assembly.GetName().Name!.StartsWith(f, StringComparison.Ordinal)))
            .Select(r => $"{r.Key.FullName} via {r.Value}").ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }

    [Fact]
    public void The_walk_reaches_the_decision_records()
    {
        var reached = Reachable().Keys.ToHashSet();
        Assert.Contains(typeof(Decisions.Decision), reached);
        Assert.Contains(typeof(Decisions.ObligationResult), reached);
        Assert.Contains(typeof(Decisions.DecisionFailure), reached);
    }
}
