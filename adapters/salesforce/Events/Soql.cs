namespace Verdict.Salesforce.Events;

/// <summary>Reads the object and the selected fields of a SOQL query as ApiEvent and BulkApiResultEvent log it.</summary>
internal static class Soql
{
    /// <summary>
    /// <c>SELECT Name, Email, Account.Name FROM Contact WHERE …</c> → (<c>Contact</c>, [Email, Name, Account.Name]).
    /// Aggregates and sub-queries name no field of the object and are left out; null when the text is not a query.
    /// </summary>
    public static (string Object, List<string> Fields)? Parse(string query)
    {
        var q = query.AsSpan().Trim();
        if (q.Length < 7 || !q[..6].Equals("SELECT", StringComparison.OrdinalIgnoreCase) || !char.IsWhiteSpace(q[6])) return null;
        var depth = 0;
        var fromAt = -1;
        for (var i = 6; i < q.Length - 5; i++)
        {
            var c = q[i];
            if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (depth == 0 && char.IsWhiteSpace(c) && q.Slice(i + 1, 4).Equals("FROM", StringComparison.OrdinalIgnoreCase) && char.IsWhiteSpace(q[i + 5]))
            { fromAt = i; break; }
        }
        if (fromAt < 0) return null;
        var rest = q[(fromAt + 5)..].TrimStart();
        var end = 0;
        while (end < rest.Length && (char.IsLetterOrDigit(rest[end]) || rest[end] == '_')) end++;
        if (end == 0) return null;
        var obj = rest[..end].ToString();
        var fields = new List<string>();
        foreach (var part in Split(q[7..fromAt].ToString()))
        {
            var f = part.Trim();
            if (f.Length == 0 || f.Contains('(')) continue;
            var space = f.IndexOf(' ');
            if (space > 0) f = f[..space];
            if (f.StartsWith(obj + ".", StringComparison.OrdinalIgnoreCase)) f = f[(obj.Length + 1)..];
            fields.Add(f);
        }
        return (obj, fields);
    }

    private static IEnumerable<string> Split(string select)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < select.Length; i++)
        {
            if (select[i] == '(') depth++;
            else if (select[i] == ')') depth--;
            else if (select[i] == ',' && depth == 0) { yield return select[start..i]; start = i + 1; }
        }
        yield return select[start..];
    }
}
