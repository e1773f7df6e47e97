using Acornima.Ast;
using Jint;
using Verdict.Diagnostics;

namespace Verdict.Scripting.Js;

/// <summary>
/// One compiled piece of a js expression: the text between the <c>&amp;&amp;</c>, <c>||</c> and <c>!</c> that the
/// engine's three-valued logic handles itself. Prepared once (thread-safe); each engine turns it into a function once.
/// </summary>
internal sealed class JsLeaf(int id, string text, SourceLocation at, Prepared<Script> prepared)
{
    public int Id { get; } = id;
    public string Text { get; } = text;
    public SourceLocation Location { get; } = at;
    public Prepared<Script> Prepared { get; } = prepared;

    /// <summary>The script that yields the leaf's function: the policy's functions in a closure, then the expression.</summary>
    public static string Wrap(string expression, JsFunctionSet functions) =>
        $"(function () {{\n{functions.Declarations}return function () {{ return (\n{expression}\n); }};\n}})()";
}
