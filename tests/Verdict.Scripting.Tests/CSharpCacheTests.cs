using System.Runtime.CompilerServices;
using Verdict.Scripting.CSharp;

namespace Verdict.Scripting.Tests;

/// <summary>Compiled csharp bundles are cached by content, boundedly: hourly reloads of changed bundles do not grow memory.</summary>
[Collection("csharp-cache")]
public class CSharpCacheTests
{
    [Fact]
    public void Reloading_ever_new_csharp_bundles_keeps_the_cache_bounded()
    {
        for (var i = 0; i < CSharpCompiler.CacheCapacity + 5; i++)
        {
            using var b = new TempBundle("csharp", $"Data.Records > {1000 + i}", input: "Data.Records");
            Assert.NotNull(b.Load());
            Assert.True(CSharpCompiler.CachedCount <= CSharpCompiler.CacheCapacity);
        }
        Assert.Equal(CSharpCompiler.CacheCapacity, CSharpCompiler.CachedCount);
    }

    [Fact]
    public void An_evicted_bundle_assembly_is_unloaded_once_nothing_uses_it()
    {
        var assembly = LoadAndForget();
        for (var i = 0; i < CSharpCompiler.CacheCapacity + 1; i++)
        {
            using var b = new TempBundle("csharp", $"Data.Records > {5000 + i}", input: "Data.Records");
            b.Load();
        }
        for (var i = 0; i < 20 && assembly.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.False(assembly.IsAlive);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference LoadAndForget()
    {
        var source = CSharpCompiler.Prelude + CSharpCompiler.Close + "namespace __Verdict { public static class __Entry { public static System.Delegate[] All() => new System.Delegate[] { new System.Func<int>(() => 7) }; } }\n";
        var delegates = CSharpCompiler.Emit(source + "// unload test " + Guid.NewGuid() + "\n");
        return new WeakReference(delegates[0].Method.Module.Assembly);
    }
}
