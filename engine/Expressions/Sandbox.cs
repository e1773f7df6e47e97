using System.Linq.Expressions;
using System.Reflection;
using Verdict.Diagnostics;

namespace Verdict.Expressions;

/// <summary>
/// The allow-list every compiled expression tree must pass. Parsers change between versions; this check does not, so
/// it is the guarantee that a policy cannot read the clock, touch files or reach .NET at large.
/// </summary>
internal static class Sandbox
{
    private static readonly HashSet<string> EnumerableMethods =
        ["Any", "All", "Count", "Contains", "Sum", "Min", "Max", "Where", "Select", "First", "FirstOrDefault", "Distinct", "Intersect", "Except", "Average"];

    private static readonly HashSet<string> StringMethods =
        ["Contains", "StartsWith", "EndsWith", "Equals", "ToLower", "ToUpper", "ToLowerInvariant", "ToUpperInvariant", "Trim", "IndexOf", "Concat", "Compare", "CompareOrdinal", "IsNullOrEmpty"];

    private static readonly HashSet<string> MathMethods = ["Min", "Max", "Abs", "Floor", "Ceiling", "Round"];

    public static void Check(Expression body, ParameterExpression root, string text, SourceLocation at, int offset)
    {
        var v = new Visitor();
        v.Visit(body);
        if (v.Violation is { } name)
        {
            var index = text.IndexOf(name.Split('.').Last(), StringComparison.OrdinalIgnoreCase);
            throw VerdictException.Single(Codes.ForbiddenMember, $"`{name}` is not available in conditions",
                ExpressionPlace.At(at, offset, text, Math.Max(0, index)), LambdaLanguage.SandboxHelp);
        }
    }

    private static bool Ours(Type? t) => t?.Namespace is "Verdict.Facts" or "Verdict.Expressions";

    private static bool AllowedMember(MemberInfo m)
    {
        var t = m.DeclaringType;
        if (Ours(t)) return true;
        if (m is PropertyInfo { GetMethod.IsStatic: true } or FieldInfo { IsStatic: true }) return false;
        if (t == typeof(string)) return m.Name == "Length";
        if (t is { IsGenericType: true })
        {
            var g = t.GetGenericTypeDefinition();
            if (g == typeof(Nullable<>)) return m.Name is "Value" or "HasValue";
            if (g == typeof(KeyValuePair<,>)) return m.Name is "Key" or "Value";
        }
        if (m.Name == "Count" && t is not null && (t.IsInterface || t.Namespace == "System.Collections.Generic")) return true;
        if (m.Name == "Length" && t == typeof(Array)) return true;
        return false;
    }

    private static bool AllowedMethod(MethodInfo m)
    {
        var t = m.DeclaringType;
        if (Ours(t)) return true;
        if (t == typeof(Enumerable)) return EnumerableMethods.Contains(m.Name);
        if (t == typeof(string)) return StringMethods.Contains(m.Name) || m.Name is "op_Equality" or "op_Inequality";
        if (t == typeof(Math)) return MathMethods.Contains(m.Name);
        if (t is { IsGenericType: true } && t.Namespace == "System.Collections.Generic")
            return m.Name is "Contains" or "ContainsKey" or "get_Item" or "TryGetValue";
        if (t is { IsInterface: true, Namespace: "System.Collections.Generic" })
            return m.Name is "Contains" or "ContainsKey" or "get_Item" or "TryGetValue";
        if (t == typeof(NodaTime.Instant)) return m.IsSpecialName && m.Name.StartsWith("op_", StringComparison.Ordinal);
        if (m.IsSpecialName && m.Name.StartsWith("op_", StringComparison.Ordinal) && (t?.IsPrimitive == true || t == typeof(decimal))) return true;
        return false;
    }

    private sealed class Visitor : ExpressionVisitor
    {
        public string? Violation;

        private Expression Reject(string name, Expression node)
        {
            Violation ??= name;
            return node;
        }

        protected override Expression VisitMember(MemberExpression node) =>
            AllowedMember(node.Member) ? base.VisitMember(node) : Reject($"{node.Member.DeclaringType?.Name}.{node.Member.Name}", node);

        protected override Expression VisitMethodCall(MethodCallExpression node) =>
            AllowedMethod(node.Method) ? base.VisitMethodCall(node) : Reject($"{node.Method.DeclaringType?.Name}.{node.Method.Name}", node);

        protected override Expression VisitNew(NewExpression node) => Reject($"new {node.Type.Name}", node);

        protected override Expression VisitBinary(BinaryExpression node) =>
            node.Method is null || AllowedMethod(node.Method) ? base.VisitBinary(node) : Reject(node.Method.Name, node);

        protected override Expression VisitUnary(UnaryExpression node) =>
            node.Method is null || AllowedMethod(node.Method) ? base.VisitUnary(node) : Reject(node.Method.Name, node);

        protected override Expression VisitInvocation(InvocationExpression node) => Reject("invocation", node);

        protected override Expression VisitConstant(ConstantExpression node) =>
            node.Value is null || node.Type.IsPrimitive || node.Type == typeof(string) || node.Type == typeof(decimal) || node.Type.IsEnum
                || (node.Type.IsArray && node.Type.GetElementType() is { } el && (el.IsPrimitive || el == typeof(string)))
                || node.Type == typeof(Type) && Ours((Type)node.Value)
                ? base.VisitConstant(node)
                : Reject(node.Type.Name, node);
    }
}
