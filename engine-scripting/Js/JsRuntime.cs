using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;
using Verdict.Expressions;
using Verdict.Model;

namespace Verdict.Scripting.Js;

/// <summary>
/// One Jint engine, used by one thread at a time. It is locked down once when created — no CLR access, no clock, no
/// randomness, no typed arrays, no code from strings, every built-in frozen — and then sees one decision's facts at a
/// time through read-only globals. Limits apply to each evaluation on its own.
/// </summary>
internal sealed class JsRuntime
{
    private static readonly string[] Removed =
    [
        "Temporal", "Intl", "ArrayBuffer", "SharedArrayBuffer", "DataView", "Atomics", "WeakRef", "FinalizationRegistry",
        "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array",
        "Float16Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array", "ShadowRealm",
    ];

    private readonly Engine _engine;
    private readonly long _maxChars;
    private readonly string[] _rootNames;
    private readonly JsValue?[] _roots;
    private JsValue?[] _leaves = new JsValue?[32];
    private FactScope? _scope;

    public JsRuntime(ScriptLimits limits)
    {
        _maxChars = Math.Max(1024, limits.MemoryBytes / 2);
        _engine = new Engine(o =>
        {
            o.Strict();
            o.DisableStringCompilation();
            o.TimeoutInterval(TimeSpan.FromMilliseconds(limits.TimeoutMs));
            o.MaxStatements(limits.MaxStatements);
            o.LimitMemory(limits.MemoryBytes);
            o.LimitRecursion(limits.Recursion);
            o.Constraints.MaxArraySize = (uint)Math.Clamp(limits.MemoryBytes / 16, 1024, int.MaxValue);
            o.Constraints.RegexTimeout = TimeSpan.FromMilliseconds(limits.TimeoutMs);
            o.Constraints.StackOverflowGuard = true;
            o.TimeSystem = new NoClock();
            o.Interop.Enabled = false;
        });
        _rootNames = FactShape.Roots.Keys.Where(n => n is not ("severity" or "purpose")).Order(StringComparer.Ordinal).ToArray();
        _roots = new JsValue?[_rootNames.Length];
        Lockdown();
        DefineFacts();
        FreezeEverything();
        WarmUp();
    }

    // Compile the interpreter's common paths and the facts converters now, so that a policy's first evaluation in a
    // fresh process is not slowed by the runtime's own start-up.
    private void WarmUp()
    {
        JsFacts.Prepare();
        try { _engine.Evaluate("[1, 2].some(x => x > 1) && 'ab'.includes('a') && Math.max(1, 2) > 0 && [1].map(x => x + 1).length === 1"); }
        catch (Exception) { // a warm-up that fails changes nothing
        }
    }

    /// <summary>Runs a compiled leaf over a decision's facts.</summary>
    public JsValue Run(JsLeaf leaf, FactScope scope)
    {
        if (!ReferenceEquals(scope, _scope))
        {
            _scope = scope;
            Array.Clear(_roots);
        }
        if (leaf.Id >= _leaves.Length) Array.Resize(ref _leaves, Math.Max(leaf.Id + 1, _leaves.Length * 2));
        var fn = _leaves[leaf.Id] ??= _engine.Evaluate(leaf.Prepared);
        return _engine.Call(fn);
    }

    private FactScope Scope => _scope ?? throw new InvalidOperationException("no decision is bound");

    private void DefineFacts()
    {
        var global = _engine.Global;
        for (var i = 0; i < _rootNames.Length; i++)
        {
            var index = i;
            var name = _rootNames[i];
            var prop = typeof(FactScope).GetProperty(char.ToUpperInvariant(name[0]) + name[1..])!;
            Getter(global, name, () => _roots[index] ??= JsFacts.Convert(_engine, prop.GetValue(Scope)));
        }

        // severity and purpose change during a decision (earlier stages fill them in), so they are read live
        var severity = new JsObject(_engine);
        Getter(severity, "level", () => new JsString(Scope.Severity.Level));
        Getter(severity, "rank", () => JsNumber.Create(Scope.Severity.Rank));
        Function(severity, "atLeast", 1, a => Scope.Severity.AtLeast(Text(a, 0)) ? JsBoolean.True : JsBoolean.False);
        var purpose = new JsObject(_engine);
        Getter(purpose, "violations", () => JsNumber.Create(Scope.Purpose.Violations));
        global.FastSetProperty("severity", new PropertyDescriptor(severity, PropertyFlag.None));
        global.FastSetProperty("purpose", new PropertyDescriptor(purpose, PropertyFlag.None));

        // the helpers of the expression root (subjectsIn, establishedIn, …), whatever the engine offers
        foreach (var m in typeof(FactScope).GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly))
        {
            if (m.IsSpecialName) continue;
            var ps = m.GetParameters();
            Function(global, FactShape.Camel(m.Name), ps.Length, a =>
            {
                var args = new object?[ps.Length];
                for (var i = 0; i < ps.Length; i++) args[i] = Arg(ps[i].ParameterType, a.Length > i ? a[i] : JsValue.Undefined);
                return JsFacts.Convert(_engine, m.Invoke(Scope, args));
            });
        }
    }

    private static object? Arg(Type t, JsValue v) =>
        t == typeof(string) ? TypeConverter.ToString(v) :
        t == typeof(bool) ? TypeConverter.ToBoolean(v) :
        t == typeof(int) ? (int)TypeConverter.ToNumber(v) :
        t == typeof(long) ? (long)TypeConverter.ToNumber(v) :
        t == typeof(double) ? TypeConverter.ToNumber(v) :
        throw new InvalidOperationException($"helper parameter of type {t.Name} has no script form");

    private static string Text(JsValue[] args, int i) => TypeConverter.ToString(args.Length > i ? args[i] : JsValue.Undefined);

    private void Getter(ObjectInstance target, string name, Func<JsValue> read)
    {
        var fn = new ClrFunction(_engine, "get " + name, (_, _) => read());
        target.DefineOwnProperty(name, new GetSetPropertyDescriptor(fn, JsValue.Undefined, enumerable: true, configurable: false));
    }

    private void Function(ObjectInstance target, string name, int length, Func<JsValue[], JsValue> body) =>
        target.FastSetProperty(name, new PropertyDescriptor(new ClrFunction(_engine, name, (_, a) => body(a), length), PropertyFlag.None));

    private void Lockdown()
    {
        var global = _engine.Global;
        foreach (var name in Removed) global.Delete(name);
        var math = global.Get("Math").AsObject();
        Function(math, "random", 0, _ => throw Refuse("Math.random", "randomness would make decisions differ from run to run"));
        var json = global.Get("JSON").AsObject();
        Function(json, "stringify", 1, _ => throw Refuse("JSON.stringify", "conditions read facts, they do not serialize them"));

        // natives that can build a huge string in one step, before the memory limit is checked again
        var str = global.Get("String").AsObject().Get("prototype").AsObject();
        Guard(str, "repeat", (self, a) => (long)TypeConverter.ToString(self).Length * (long)Number(a, 0));
        Guard(str, "padStart", (_, a) => (long)Number(a, 0));
        Guard(str, "padEnd", (_, a) => (long)Number(a, 0));
        Guard(str, "replace", Replaced);
        Guard(str, "replaceAll", Replaced);
        Guard(str, "concat", (self, a) => TypeConverter.ToString(self).Length + a.Sum(x => x.IsString() ? (long)x.AsString().Length : 24));
        var arr = global.Get("Array").AsObject().Get("prototype").AsObject();
        Guard(arr, "join", Joined);
        Guard(arr, "toLocaleString", Joined);
    }

    private static double Number(JsValue[] a, int i)
    {
        var d = a.Length > i ? TypeConverter.ToNumber(a[i]) : 0;
        return double.IsNaN(d) ? 0 : Math.Clamp(d, 0, 1e15);
    }

    private static long Replaced(JsValue self, JsValue[] a)
    {
        var len = TypeConverter.ToString(self).Length;
        var with = a.Length > 1 && a[1].IsString() ? a[1].AsString().Length : 24;
        return (long)(len + 1) * (with + 1) + len;
    }

    private static long Joined(JsValue self, JsValue[] a)
    {
        if (self is not ObjectInstance o) return 0;
        var n = (long)TypeConverter.ToNumber(o.Get("length"));
        var sep = a.Length > 0 && a[0].IsString() ? a[0].AsString().Length : 1;
        long total = Math.Max(0, n - 1) * sep;
        for (long i = 0; i < n && total <= int.MaxValue; i++)
        {
            var v = o.Get((uint)i);
            total += v.IsString() ? v.AsString().Length : 24;
        }
        return total;
    }

    private void Guard(ObjectInstance proto, string name, Func<JsValue, JsValue[], long> size)
    {
        var original = proto.Get(name);
        var length = (int)TypeConverter.ToNumber(original.AsObject().Get("length"));
        var guarded = new ClrFunction(_engine, name, (self, args) =>
        {
            var chars = size(self, args);
            if (chars > _maxChars) throw new MemoryLimitExceededException($"`{name}` would build a string of {chars} characters");
            return original.Call(self, args);
        }, length);
        proto.FastSetProperty(name, new PropertyDescriptor(guarded, PropertyFlag.Writable | PropertyFlag.Configurable));
    }

    private static ScriptRefusedException Refuse(string what, string why) => new(what, why);

    /// <summary>Freezes every object reachable from the global object, so no evaluation can leave state for the next.</summary>
    private void FreezeEverything()
    {
        var freeze = _engine.Global.Get("Object").AsObject().Get("freeze");
        var seen = new HashSet<ObjectInstance>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<ObjectInstance>();
        stack.Push(_engine.Global);
        while (stack.Count > 0)
        {
            var o = stack.Pop();
            if (!seen.Add(o)) continue;
            foreach (var key in o.GetOwnPropertyKeys())
            {
                var d = o.GetOwnProperty(key);
                if (d == PropertyDescriptor.Undefined) continue;
                if (d.IsDataDescriptor() && d.Value is ObjectInstance v) stack.Push(v);
                if (d.Get is ObjectInstance g) stack.Push(g);
                if (d.Set is ObjectInstance s) stack.Push(s);
            }
            if (o.Prototype is { } proto) stack.Push(proto);
        }
        foreach (var o in seen) _engine.Call(freeze, JsValue.Undefined, [o]);
    }

    /// <summary>No clock: <c>Date.now()</c> and <c>new Date()</c> would make a decision depend on when it ran.</summary>
    private sealed class NoClock : ITimeSystem
    {
        private static readonly DefaultTimeSystem Inner = new(TimeZoneInfo.Utc, System.Globalization.CultureInfo.InvariantCulture);
        public DateTimeOffset GetUtcNow() => throw new ScriptRefusedException("the clock", "decisions never read the clock; use the timeline facts");
        public TimeZoneInfo DefaultTimeZone => TimeZoneInfo.Utc;
        public bool TryParse(string date, out long epochMilliseconds) => Inner.TryParse(date, out epochMilliseconds);
        public TimeSpan GetUtcOffset(long epochMilliseconds) => TimeSpan.Zero;
    }
}

/// <summary>A script asked for something conditions may not use (the clock, randomness).</summary>
internal sealed class ScriptRefusedException(string what, string why) : Exception($"{what} is not available in conditions: {why}")
{
    public string What { get; } = what;
    public string Why { get; } = why;
}
