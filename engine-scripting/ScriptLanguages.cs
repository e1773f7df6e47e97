using Verdict.Compilation;
using Verdict.Diagnostics;
using Verdict.Expressions;
using Verdict.Model;

namespace Verdict.Scripting;

/// <summary>
/// Registers the <c>js</c> and <c>csharp</c> languages with the engine and loads bundles that use them. Prefer
/// <see cref="Load"/>/<see cref="TryLoad"/> over <see cref="PolicyBundle.Load"/>: they bind the languages to the bundle's
/// documents (for policies' <c>functions:</c>) and compile csharp code while loading rather than at the first decision.
/// </summary>
public static class ScriptLanguages
{
    /// <summary>Options with both languages added; <c>csharp</c> still needs <see cref="BundleOptions.AllowCSharp"/>.</summary>
    public static BundleOptions Register(BundleOptions options, BundleSource? source = null) => Register(options, source, null);

    private static BundleOptions Register(BundleOptions options, BundleSource? source, List<CSharpLanguage>? created)
    {
        var functions = source is null ? PolicyFunctions.None : PolicyFunctions.Of(source);
        var languages = new Dictionary<string, Func<BundleManifest, IConditionLanguage>>(options.Languages)
        {
            ["js"] = m => new JsLanguage(m.Limits.CappedBy(options.ScriptCeiling), functions, LiteralRules.For(m)),
            ["csharp"] = m =>
            {
                var l = new CSharpLanguage(functions, LiteralRules.For(m));
                created?.Add(l);
                return l;
            },
        };
        return options with { Languages = languages };
    }

    /// <summary>Loads and compiles a policy folder; throws <see cref="VerdictException"/> listing every problem.</summary>
    public static PolicyBundle Load(string folder, BundleOptions? options = null)
    {
        var diagnostics = new List<Diagnostic>();
        var bundle = TryLoad(folder, diagnostics, options);
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (bundle is null || errors.Count > 0) throw new VerdictException(errors);
        return bundle;
    }

    /// <summary>Loads and compiles, collecting diagnostics; null when the bundle cannot be used.</summary>
    public static PolicyBundle? TryLoad(string folder, List<Diagnostic> diagnostics, BundleOptions? options = null)
    {
        options ??= new BundleOptions();
        var source = BundleSource.Read(folder, diagnostics, options.Limits);
        return source is null ? null : Compile(source, diagnostics, options);
    }

    /// <summary>Compiles read documents with both languages available.</summary>
    public static PolicyBundle? Compile(BundleSource source, List<Diagnostic> diagnostics, BundleOptions? options = null)
    {
        var created = new List<CSharpLanguage>();
        var bundle = PolicyBundle.Compile(source, diagnostics, Register(options ?? new BundleOptions(), source, created));
        if (bundle is null) return null;
        foreach (var language in created) language.Build();
        return bundle;
    }
}
