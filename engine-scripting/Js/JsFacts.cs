using System.Collections;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Jint;
using Jint.Native;
using Jint.Runtime.Descriptors;
using NodaTime;
using NodaTime.Text;

namespace Verdict.Scripting.Js;

/// <summary>
/// Copies typed facts into frozen plain JavaScript data: objects, arrays, strings, numbers, booleans. No .NET object is
/// ever handed to the script, so nothing of .NET is reachable from it; instants become ISO-8601 strings in UTC.
/// </summary>
internal static class JsFacts
{
    private static readonly ConcurrentDictionary<Type, (string Name, Func<object, object?> Get)[]> Getters = new();

    /// <summary>Builds the member readers of every facts type ahead of the first decision.</summary>
    public static void Prepare()
    {
        var todo = new Stack<Type>(FactShape.Roots.Values);
        var seen = new HashSet<Type>();
        while (todo.Count > 0)
        {
            var t = todo.Pop();
            if (t.IsGenericType) { foreach (var a in t.GetGenericArguments()) todo.Push(a); continue; }
            if (!FactShape.IsSection(t) || !seen.Add(t)) continue;
            foreach (var (_, get) in Members(t)) _ = get;
            foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance)) todo.Push(p.PropertyType);
        }
    }

    /// <summary>Converts one value.</summary>
    public static JsValue Convert(Engine engine, object? value) => value switch
    {
        null => JsValue.Null,
        string s => new JsString(s),
        bool b => b ? JsBoolean.True : JsBoolean.False,
        int i => JsNumber.Create(i),
        long l => JsNumber.Create(l),
        double d => JsNumber.Create(d),
        decimal m => JsNumber.Create((double)m),
        Instant t => new JsString(InstantPattern.ExtendedIso.Format(t)),
        IReadOnlyDictionary<string, long> map => Frozen(engine, map.Select(kv => (kv.Key, (JsValue)JsNumber.Create(kv.Value)))),
        IEnumerable list => FrozenArray(engine, list.Cast<object?>().Select(x => Convert(engine, x)).ToArray()),
        _ when FactShape.IsSection(value.GetType()) => Frozen(engine, Members(value)
            .Select(m => (m.Name, Convert(engine, m.Get(value))))),
        _ => throw new InvalidOperationException($"no script form for {value.GetType().Name}"),
    };

    private static (string Name, Func<object, object?> Get)[] Members(object value) => Members(value.GetType());

    private static (string Name, Func<object, object?> Get)[] Members(Type type) => Getters.GetOrAdd(type, static t =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .Select(p =>
            {
                var o = Expression.Parameter(typeof(object));
                var get = Expression.Lambda<Func<object, object?>>(
                    Expression.Convert(Expression.Property(Expression.Convert(o, t), p), typeof(object)), o).Compile();
                return (FactShape.Camel(p.Name), get);
            }).ToArray());

    /// <summary>A frozen object: read-only, non-configurable properties, no extensions.</summary>
    public static JsObject Frozen(Engine engine, IEnumerable<(string Name, JsValue Value)> properties)
    {
        var o = new JsObject(engine);
        foreach (var (name, v) in properties) o.FastSetProperty(name, new PropertyDescriptor(v, PropertyFlag.OnlyEnumerable));
        o.PreventExtensions();
        return o;
    }

    /// <summary>A frozen array.</summary>
    public static JsArray FrozenArray(Engine engine, JsValue[] items)
    {
        var a = new JsArray(engine, items);
        for (var i = 0; i < items.Length; i++) a.DefineOwnProperty(i, new PropertyDescriptor(items[i], PropertyFlag.OnlyEnumerable));
        a.DefineOwnProperty("length", new PropertyDescriptor(items.Length, PropertyFlag.None));
        a.PreventExtensions();
        return a;
    }
}
