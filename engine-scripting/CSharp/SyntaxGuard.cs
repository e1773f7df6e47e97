using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Verdict.Diagnostics;

namespace Verdict.Scripting.CSharp;

/// <summary>
/// The check every csharp expression passes before it is compiled: it names what a policy has no business doing —
/// files, network, processes, reflection, threads, unsafe code, the environment, the clock — and refuses it with the
/// place and the reason. The semantic allow-list (<see cref="SemanticGuard"/>) then catches whatever this misses.
/// </summary>
internal static class SyntaxGuard
{
    private static readonly Dictionary<string, string> Denied = Build(
        ("file access", ["File", "Directory", "Path", "FileInfo", "DirectoryInfo", "FileStream", "Stream", "StreamReader", "StreamWriter", "IO", "DriveInfo"]),
        ("process control", ["Process", "ProcessStartInfo", "Diagnostics", "Debugger"]),
        ("environment access", ["Environment", "AppContext", "Registry", "GetEnvironmentVariable", "Exit", "FailFast"]),
        ("reflection", ["Assembly", "Type", "Activator", "Reflection", "GetType", "GetMethod", "GetMethods", "GetField", "GetFields",
            "GetProperty", "GetProperties", "GetMember", "GetMembers", "InvokeMember", "MethodInfo", "TypeInfo", "Emit", "DynamicInvoke",
            "CreateInstance", "Expression", "Expressions", "Delegate", "MethodBase", "RuntimeHelpers", "AssemblyLoadContext", "Loader"]),
        ("threading", ["Thread", "ThreadPool", "Task", "Tasks", "Parallel", "Timer", "Monitor", "Mutex", "Semaphore", "SemaphoreSlim", "Interlocked",
            "Volatile", "Threading", "CancellationToken", "SpinWait"]),
        ("network access", ["HttpClient", "WebClient", "WebRequest", "Socket", "Sockets", "TcpClient", "UdpClient", "Dns", "Net", "Http"]),
        ("unsafe code", ["Marshal", "Unsafe", "NativeLibrary", "GCHandle", "InteropServices", "DllImport", "IntPtr", "UIntPtr", "NativeMemory"]),
        ("the runtime", ["AppDomain", "GC", "Console", "Runtime", "Security", "Microsoft", "Activity"]),
        ("the clock", ["DateTime", "DateTimeOffset", "Stopwatch", "SystemClock", "TimeProvider", "Now", "UtcNow"]),
        ("randomness", ["Random", "Guid", "RandomNumberGenerator", "NewGuid"]));

    private static readonly HashSet<string> AllowedSystemNames = new(StringComparer.Ordinal)
    {
        "System.Math", "System.String", "System.StringComparison", "System.Linq", "System.Linq.Enumerable", "System.StringComparer",
    };

    public const string Help =
        "csharp conditions read the facts (Data, Breach, Ai, …), the helpers SubjectsIn, SubjectsTotal, EstablishedIn and Severity.AtLeast, and pure string, Math and LINQ methods";

    private static Dictionary<string, string> Build(params (string Why, string[] Names)[] groups)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (why, names) in groups) foreach (var n in names) d[n] = why;
        return d;
    }

    /// <summary>Throws a located <c>VD1204</c> for the first construct a condition may not use.</summary>
    public static void Check(ExpressionSyntax expr, string text, SourceLocation at, int offset)
    {
        var start = expr.FullSpan.Start;
        void Refuse(SyntaxNode node, string what, string why) =>
            throw VerdictException.Single(Codes.ForbiddenMember, $"{what} is not available in csharp conditions ({why})",
                SourceMap.At(at, offset, text, node.SpanStart - start), Help);

        if (expr.DescendantTrivia(descendIntoTrivia: true).Any(t => t.IsDirective) || expr.GetLeadingTrivia().Any(t => t.IsDirective))
            Refuse(expr, "a `#` directive", "a condition is one expression");

        foreach (var node in expr.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case TypeOfExpressionSyntax: Refuse(node, "`typeof`", "reflection"); break;
                case SizeOfExpressionSyntax or StackAllocArrayCreationExpressionSyntax or PointerTypeSyntax or FunctionPointerTypeSyntax
                    or RefExpressionSyntax or RefTypeSyntax or MakeRefExpressionSyntax or RefTypeExpressionSyntax or RefValueExpressionSyntax:
                    Refuse(node, $"`{First(node)}`", "unsafe code"); break;
                case PrefixUnaryExpressionSyntax p when p.IsKind(SyntaxKind.AddressOfExpression) || p.IsKind(SyntaxKind.PointerIndirectionExpression):
                    Refuse(node, $"`{p.OperatorToken.Text}`", "unsafe code"); break;
                case MemberAccessExpressionSyntax m when m.IsKind(SyntaxKind.PointerMemberAccessExpression):
                    Refuse(node, "`->`", "unsafe code"); break;
                case AnonymousMethodExpressionSyntax: Refuse(node, "`delegate`", "a condition is one expression"); break;
                case LambdaExpressionSyntax { Block: not null }: Refuse(node, "a lambda with a body", "a condition is one expression"); break;
                case BaseObjectCreationExpressionSyntax: Refuse(node, "`new`", "conditions read facts, they do not create objects"); break;
                case ArrayCreationExpressionSyntax a when a.Type.RankSpecifiers.Any(r => r.Sizes.Any(s => s is not OmittedArraySizeExpressionSyntax)):
                    Refuse(node, "a sized array", "conditions read facts, they do not allocate"); break;
                case ThrowExpressionSyntax: Refuse(node, "`throw`", "a condition gives a value"); break;
                case AwaitExpressionSyntax: Refuse(node, "`await`", "threading"); break;
                case AssignmentExpressionSyntax: Refuse(node, "assignment", "conditions only read facts"); break;
                case PrefixUnaryExpressionSyntax p when p.IsKind(SyntaxKind.PreIncrementExpression) || p.IsKind(SyntaxKind.PreDecrementExpression):
                    Refuse(node, $"`{p.OperatorToken.Text}`", "conditions only read facts"); break;
                case PostfixUnaryExpressionSyntax p when p.IsKind(SyntaxKind.PostIncrementExpression) || p.IsKind(SyntaxKind.PostDecrementExpression):
                    Refuse(node, $"`{p.OperatorToken.Text}`", "conditions only read facts"); break;
                case AliasQualifiedNameSyntax: Refuse(node, "`global::`", "names outside the facts"); break;
                case IdentifierNameSyntax { Identifier.ValueText: "dynamic" }: Refuse(node, "`dynamic`", "reflection"); break;
                case SimpleNameSyntax id when id.Identifier.ValueText.StartsWith("__", StringComparison.Ordinal):
                    Refuse(node, $"`{id.Identifier.ValueText}`", "names starting with `__` are reserved"); break;
                case SimpleNameSyntax id when Denied.TryGetValue(id.Identifier.ValueText, out var why):
                    Refuse(node, $"`{Dotted(id)}`", why); break;
                case SimpleNameSyntax { Identifier.ValueText: "System" } sys when !AllowedSystem(Dotted(sys)):
                {
                    var dotted = Dotted(sys);
                    var denied = dotted.Split('.').FirstOrDefault(Denied.ContainsKey);
                    Refuse(node, $"`{dotted}`", denied is not null ? Denied[denied] : "only System.Math, System.String and System.Linq are available");
                    break;
                }
            }
        }
    }

    private static bool AllowedSystem(string dotted) =>
        AllowedSystemNames.Any(a => dotted == a || dotted.StartsWith(a + ".", StringComparison.Ordinal));

    private static string First(SyntaxNode node) => node.GetFirstToken().Text;

    /// <summary>The whole dotted name a simple name belongs to: <c>System.IO.File.ReadAllText</c>.</summary>
    private static string Dotted(SimpleNameSyntax id)
    {
        SyntaxNode top = id;
        while (top.Parent is MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression } or QualifiedNameSyntax)
            top = top.Parent;
        return string.Concat(top.ToString().Where(c => !char.IsWhiteSpace(c)));
    }
}
