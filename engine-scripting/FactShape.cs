using System.Reflection;
using Verdict.Expressions;
using Verdict.Facts;

namespace Verdict.Scripting;

/// <summary>
/// The typed view of the facts that every language shares, read off <see cref="FactScope"/>: root names, member types and
/// the helpers with the facts they read. Names are camelCase, as in the facts files and the lambda language.
/// </summary>
internal static class FactShape
{
    /// <summary>Root names (<c>data</c>, <c>severity</c>, …) and their types.</summary>
    public static readonly IReadOnlyDictionary<string, Type> Roots = typeof(FactScope)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .ToDictionary(p => Camel(p.Name), p => p.PropertyType, StringComparer.Ordinal);

    /// <summary>Helper functions (<c>subjectsIn</c>, …) and the fact paths each reads.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Helpers = typeof(FactScope)
        .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
        .Where(m => !m.IsSpecialName)
        .ToDictionary(m => Camel(m.Name), m => m.GetCustomAttribute<RequiresFactsAttribute>()?.Paths.ToArray() ?? [], StringComparer.Ordinal);

    /// <summary>The result type of a helper function, or null.</summary>
    public static Type? HelperResult(string name) => typeof(FactScope)
        .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
        .FirstOrDefault(m => !m.IsSpecialName && Camel(m.Name) == name)?.ReturnType;

    /// <summary>The public members of a facts type, camelCase, with their types.</summary>
    public static IReadOnlyDictionary<string, Type> Members(Type t) => MemberCache.GetOrAdd(t, static t =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance).ToDictionary(p => Camel(p.Name), p => p.PropertyType, StringComparer.Ordinal));

    /// <summary>Public methods of a facts type (e.g. <c>severity.atLeast</c>), camelCase.</summary>
    public static IReadOnlySet<string> Methods(Type t) => MethodCache.GetOrAdd(t, static t =>
        t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(m => !m.IsSpecialName)
            .Select(m => Camel(m.Name)).ToHashSet(StringComparer.Ordinal));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, IReadOnlyDictionary<string, Type>> MemberCache = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, IReadOnlySet<string>> MethodCache = new();

    /// <summary>True for a type whose members an expression walks into (a facts section), not a value.</summary>
    public static bool IsSection(Type t) => t.Namespace is "Verdict.Facts" or "Verdict.Expressions" && t.IsClass;

    /// <summary>The longest prefix of a member chain that names a fact: <c>data.subjects.DE</c> reads <c>data.subjects</c>.</summary>
    public static string? LongestFact(IReadOnlyList<string> names)
    {
        for (var n = names.Count; n > 0; n--)
        {
            var path = string.Join('.', names.Take(n));
            if (FactPaths.Exists(path)) return path;
        }
        return null;
    }

    public static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
